package org.twimbot.curation;

import java.sql.SQLException;
import java.time.Clock;
import java.util.concurrent.atomic.AtomicReference;
import org.twimbot.catalog.Catalog;
import org.twimbot.config.BotConfig;
import org.twimbot.intake.SubmissionText;
import org.twimbot.store.Edition;
import org.twimbot.store.StoreTx;

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
        AtomicReference<Catalog> catalog,
        SubmissionText submissionText,
        EditionCalendar calendar,
        Clock clock,
        String pingRoomId) {

    /** Without a ping room. */
    public BotContext(BotConfig config, String botUserId, String submissionsRoomId, String editorsRoomId,
            Editors editors, AtomicReference<Catalog> catalog, SubmissionText submissionText, EditionCalendar calendar,
            Clock clock) {
        this(config, botUserId, submissionsRoomId, editorsRoomId, editors, catalog, submissionText, calendar, clock,
                null);
    }

    public Catalog currentCatalog() {
        return catalog.get();
    }

    /** The edition news goes to now: the open one, or a new one dated by the next publication day. */
    public Edition openEdition(StoreTx tx) throws SQLException {
        return tx.editions().openOrCreate(calendar.publicationDate(clock.instant()), clock.millis());
    }

    public static String link(String roomId, String eventId) {
        return "https://matrix.to/#/" + roomId + "/" + eventId;
    }
}
