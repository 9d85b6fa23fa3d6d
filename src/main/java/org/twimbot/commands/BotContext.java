package org.twimbot.commands;

import java.time.Clock;
import java.util.concurrent.atomic.AtomicReference;
import org.twimbot.catalog.Catalog;
import org.twimbot.config.BotConfig;
import org.twimbot.intake.SubmissionText;

/**
 * What applying actions needs to know about the running bot: its config, its identity, the
 * resolved room ids, the editors and the current catalog (which {@code !project add} can change).
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
        Clock clock) {

    public Catalog currentCatalog() {
        return catalog.get();
    }

    public static String link(String roomId, String eventId) {
        return "https://matrix.to/#/" + roomId + "/" + eventId;
    }
}
