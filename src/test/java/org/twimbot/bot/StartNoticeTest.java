package org.twimbot.bot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.twimbot.config.BotConfig;
import org.twimbot.config.ConfigLoader;
import org.twimbot.matrix.RoomEvent;
import org.twimbot.store.OutboxEntry;
import org.twimbot.store.Store;

/**
 * The bot says in the editors room that it started (version, open edition and its item count, config
 * warnings), as hebbot does; not again after a restart within a minute; not at all when turned off.
 */
class StartNoticeTest {
    @TempDir
    Path dir;

    private static boolean isStartNotice(BotHarness h, RoomEvent e) {
        return h.week.botUserId().equals(e.sender())
                && "m.notice".equals(e.msgtype())
                && e.body() != null
                && e.body().startsWith("twimbot ")
                && e.body().contains(" started; ");
    }

    @Test
    void oneLineAtStartNoneAfterARestartWithinAMinute() throws Exception {
        try (BotHarness h = new BotHarness(dir, Clock.systemUTC())) {
            h.week.person("alice").say(h.week.roomId(), "TWIM: posted while the bot was not there yet");
            h.startBot();
            RoomEvent notice = h.week.editor()
                    .await(h.week.roomId(), e -> isStartNotice(h, e), Duration.ofSeconds(30))
                    .orElseThrow(() -> new AssertionError("no start notice"));
            assertTrue(
                    notice.body()
                            .matches("twimbot \\S+ started; (no open edition yet|edition \\d{4}-\\d\\d-\\d\\d is open "
                                    + "with \\d+ items?); no config warnings\\."),
                    notice.body());

            h.stopBot();
            h.startBot();
            h.status(); // the restarted bot has drained its outbox once it answers
            long starts = h.week.editor().client().messages(h.week.roomId(), null, "b", 200, null).chunk().stream()
                    .filter(e -> isStartNotice(h, e))
                    .count();
            assertEquals(1, starts, "a restart within a minute is quiet");
        }
    }

    private BotConfig config(String editorsExtra) throws Exception {
        return ConfigLoader.parse("""
                homeserver: {url: "https://matrix.example.org", user_id: "@bot:example.org", password: pw}
                rooms: {submissions: "#news:example.org"}
                editors: {users: ["@ed:example.org"]%s}
                """.formatted(editorsExtra), dir, Map.of());
    }

    private static List<OutboxEntry> outbox(Store store) {
        return store.read(tx -> tx.outbox().pending());
    }

    @Test
    void carriesTheConfigWarningsAndComesAgainAfterAMinuteUnlessTurnedOff() throws Exception {
        Instant t0 = Instant.parse("2026-12-04T10:00:00Z");
        try (Store store = Store.open(dir.resolve("twimbot.db"))) {
            BotConfig on = config("");
            assertTrue(StartNotice.enqueue(
                    store,
                    on,
                    "!editors:example.org",
                    List.of("TWIMBOT_FOO is not a known variable"),
                    Clock.fixed(t0, ZoneOffset.UTC)));
            assertEquals(1, outbox(store).size());
            assertTrue(
                    outbox(store).get(0).payload().contains("config warnings: TWIMBOT_FOO is not a known variable."),
                    outbox(store).get(0).payload());
            assertFalse(
                    StartNotice.enqueue(
                            store,
                            on,
                            "!editors:example.org",
                            List.of(),
                            Clock.fixed(t0.plusSeconds(59), ZoneOffset.UTC)),
                    "59 s later: quiet");
            assertTrue(
                    StartNotice.enqueue(
                            store,
                            on,
                            "!editors:example.org",
                            List.of(),
                            Clock.fixed(t0.plusSeconds(61), ZoneOffset.UTC)),
                    "61 s after the last notice: again");
            assertEquals(2, outbox(store).size());

            BotConfig off = config(", start_notice: false");
            assertFalse(
                    StartNotice.enqueue(
                            store,
                            off,
                            "!editors:example.org",
                            List.of(),
                            Clock.fixed(t0.plusSeconds(3_600), ZoneOffset.UTC)),
                    "turned off");
            assertEquals(2, outbox(store).size());
        }
    }
}
