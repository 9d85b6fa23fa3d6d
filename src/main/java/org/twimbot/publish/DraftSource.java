package org.twimbot.publish;

import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.twimbot.ping.PingBoard;
import org.twimbot.ping.PingTable;
import org.twimbot.render.DraftItem;
import org.twimbot.render.DraftMedia;
import org.twimbot.render.DraftRequest;
import org.twimbot.store.Edition;
import org.twimbot.store.MediaAttachment;
import org.twimbot.store.Placement;
import org.twimbot.store.StoreTx;
import org.twimbot.store.Submission;

/** Reads an edition's live submissions, placements, media and names from the store as a {@link DraftRequest}. */
public final class DraftSource {
    private DraftSource() {}

    public static DraftRequest load(StoreTx tx, Edition edition, String authorName, Instant now) throws SQLException {
        return load(tx, edition, authorName, now, "");
    }

    /** @param pingRoom rooms.ping as configured, "" for none: the edition's ping bot answers are then ranked */
    public static DraftRequest load(StoreTx tx, Edition edition, String authorName, Instant now, String pingRoom)
            throws SQLException {
        List<DraftItem> items = new ArrayList<>();
        for (Submission s : tx.submissions().ofEdition(edition.id())) {
            if (s.live()) items.add(item(tx, s));
        }
        return new DraftRequest(edition.date(), now, authorName, edition.liveUrl(), items, ping(tx, edition, pingRoom));
    }

    /** The edition's Dept of Ping table; none without a ping room (answers read before it was unset stay out). */
    private static List<PingTable> ping(StoreTx tx, Edition edition, String pingRoom) throws SQLException {
        if (pingRoom == null || pingRoom.isBlank()) return List.of();
        return List.of(new PingTable(pingRoom, PingBoard.rank(tx.pongs().ofEdition(edition.id()), PingBoard.TOP)));
    }

    private static DraftItem item(StoreTx tx, Submission s) throws SQLException {
        List<String> sections = new ArrayList<>();
        List<String> projects = new ArrayList<>();
        for (Placement p : tx.placements().active(s.id())) {
            List<String> keys = p.kind() == Placement.Kind.SECTION ? sections : projects;
            if (!keys.contains(p.key())) keys.add(p.key());
        }
        List<DraftMedia> media = new ArrayList<>();
        for (MediaAttachment m : tx.media().ofSubmission(s.id())) {
            media.add(new DraftMedia(m.eventId(), m.kind(), m.fileName(), m.mxcUri(), m.mimeType(), m.originTs()));
        }
        return new DraftItem(
                s.number(),
                s.eventId(),
                s.sender(),
                displayName(tx, s.roomId(), s.sender()),
                s.originTs(),
                s.body(),
                s.html(),
                sections,
                projects,
                media);
    }

    /** The member's display name, or the localpart of their id when they never set one. */
    public static String displayName(StoreTx tx, String roomId, String userId) throws SQLException {
        return tx.members().displayName(roomId, userId).orElseGet(() -> localpart(userId));
    }

    static String localpart(String userId) {
        int colon = userId.indexOf(':');
        return userId.startsWith("@") && colon > 1 ? userId.substring(1, colon) : userId;
    }
}
