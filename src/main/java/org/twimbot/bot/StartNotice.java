package org.twimbot.bot;

import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.twimbot.config.BotConfig;
import org.twimbot.config.BuildInfo;
import org.twimbot.outbox.Replies;
import org.twimbot.store.Edition;
import org.twimbot.store.SettingsTable;
import org.twimbot.store.Store;
import org.twimbot.store.StoreTx;
import org.twimbot.store.Submission;

/**
 * One line in the editors room when the bot starts (as hebbot gives): its version, the open edition
 * and its item count, the config warnings. Not after a restart within {@link #QUIET} of the last
 * one (a crash loop or a quick redeploy must not fill the room); the time is kept in the store.
 * Queued in the outbox, so it goes out with the first drain, under the usual pacing.
 */
final class StartNotice {
    private static final Logger log = LoggerFactory.getLogger(StartNotice.class);
    static final Duration QUIET = Duration.ofMinutes(1);

    private StartNotice() {}

    /** @return whether a notice was queued */
    static boolean enqueue(Store store, BotConfig config, String editorsRoomId, List<String> warnings, Clock clock) {
        if (!config.editors().startNotice()) return false;
        long now = clock.millis();
        return store.transaction(tx -> {
            Optional<String> last = tx.settings().get(SettingsTable.LAST_START_NOTICE);
            if (last.isPresent() && now - Long.parseLong(last.get()) < QUIET.toMillis()) {
                log.info("restarted within {} s of the last start notice: none this time", QUIET.toSeconds());
                return false;
            }
            tx.settings().put(SettingsTable.LAST_START_NOTICE, Long.toString(now));
            new Replies(tx).notice(editorsRoomId, "$start-" + now, "start", text(tx, warnings));
            return true;
        });
    }

    static String text(StoreTx tx, List<String> warnings) throws SQLException {
        StringBuilder sb = new StringBuilder("twimbot " + BuildInfo.version() + " started; ");
        Optional<Edition> open = tx.editions().open();
        if (open.isEmpty()) {
            sb.append("no open edition yet");
        } else {
            long items = tx.submissions().ofEdition(open.get().id()).stream()
                    .filter(Submission::live)
                    .count();
            sb.append("edition ")
                    .append(open.get().date())
                    .append(" is open with ")
                    .append(items)
                    .append(items == 1 ? " item" : " items");
        }
        if (warnings.isEmpty()) {
            sb.append("; no config warnings.");
        } else {
            sb.append("; config warnings: ")
                    .append(String.join(" · ", warnings))
                    .append('.');
        }
        return sb.toString();
    }
}
