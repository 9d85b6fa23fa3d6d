package org.twimbot.curation;

import java.sql.SQLException;
import java.time.Clock;
import org.twimbot.catalog.Catalog;
import org.twimbot.config.BotConfig;
import org.twimbot.intake.SubmissionText;
import org.twimbot.outbox.Replies;
import org.twimbot.store.Edition;
import org.twimbot.store.StoreTx;
import org.twimbot.store.Transactional;

/**
 * What applying actions needs to know about the running bot: its config, its identity, the
 * resolved room ids, the editors and the current catalog (which {@code !project add} can change).
 * {@code pingRoomId} is the joined ping room (rooms.ping), null when none is configured.
 */
public record BotContext(
        BotConfig config,
        String botUserId,
        String submissionsRoomId,
        String editorsRoomId,
        Editors editors,
        Transactional<Catalog> catalog,
        SubmissionText submissionText,
        EditionCalendar calendar,
        Clock clock,
        String pingRoomId) {

    /** The catalog as committed: for readers outside the batch transaction (drafts, bench). */
    public Catalog currentCatalog() {
        return catalog.get();
    }

    /** The catalog as the transaction {@code tx} sees it, with projects added earlier in it. */
    public Catalog catalog(StoreTx tx) {
        return catalog.in(tx);
    }

    /** The edition news goes to now: the open one, or a new one dated by the next publication day. */
    public Edition openEdition(StoreTx tx) throws SQLException {
        return tx.editions().openOrCreate(calendar.publicationDate(clock.instant()), clock.millis());
    }

    /** An audit line in the editors room: who did what, caused by {@code causeEventId} (so a replay sends it once). */
    public void audit(StoreTx tx, String causeEventId, String line) throws SQLException {
        new Replies(tx).audit(editorsRoomId, causeEventId, line);
    }

    public static String link(String roomId, String eventId) {
        return "https://matrix.to/#/" + roomId + "/" + eventId;
    }
}
