package org.twimbot.bot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
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
import org.twimbot.app.DemoWeek;
import org.twimbot.app.ScriptedUser;
import org.twimbot.config.BotConfig;
import org.twimbot.config.ConfigLoader;
import org.twimbot.devserver.DevServer;
import org.twimbot.matrix.MatrixClient;
import org.twimbot.matrix.RetryPolicy;
import org.twimbot.matrix.RoomEvent;
import org.twimbot.store.Store;

/**
 * The bot is muted in the submissions room (its power level below what sending needs): its
 * acknowledgements there fail with 403 M_FORBIDDEN. The editors room is told once, the refused
 * messages are dropped rather than retried forever, and the bot keeps syncing and storing news.
 */
class ForbiddenSendEndToEndTest {
    private static final Clock WEDNESDAY = Clock.fixed(Instant.parse("2026-11-25T10:00:00Z"), ZoneOffset.UTC);

    @TempDir
    Path dir;

    @Test
    void aMutedBotAuditsTheRefusalInTheEditorsRoomAndKeepsSyncing() throws Exception {
        try (DevServer server = DevServer.start(0, "localhost");
                DemoWeek week = new DemoWeek(server.baseUrl(), "localhost")) {
            week.cast();
            ScriptedUser editor = week.editor();
            String submissions = week.roomId();
            String editors = editor.client().createRoom("twim-editors", "TWIM editors", true);
            BotConfig config = ConfigLoader.parse(
                    """
                    homeserver: { url: "%s", user_id: "%s", password: "%s" }
                    rooms: { submissions: "%s", editors: "#twim-editors:localhost" }
                    editors: { users: ["%s"] }
                    submissions: { ack_text: "Thanks {user}, noted!" }
                    store: { path: twimbot.db }
                    media: { dir: media }
                    """.formatted(
                                    server.baseUrl(),
                                    week.botUserId(),
                                    DemoWeek.PASSWORD,
                                    week.roomAlias(),
                                    week.editorUserId()),
                    dir,
                    Map.of());
            MatrixClient client = new MatrixClient(server.baseUrl(), RetryPolicy.fast());
            try (Store store = Store.open(config.store().path());
                    Bot bot = new Bot(config, store, client, WEDNESDAY)) {
                RunningLoop loop = RunningLoop.start(bot, "twimbot-muted");
                RoomPowers.set(server.baseUrl(), week, submissions, week.botUserId(), -1); // muted

                editor.catchUp();
                week.person("alice").say(submissions, "TWIM: Synapse 1.70 is out with faster joins");
                String audit = editor.await(
                                editors,
                                e -> fromBot(week, e) && e.body().contains("may not post in"),
                                Duration.ofSeconds(30))
                        .orElseThrow(() -> new AssertionError("no audit line in the editors room"))
                        .body();
                assertTrue(audit.contains(submissions) && audit.contains("M_FORBIDDEN"), audit);
                assertTrue(
                        status(week, editors).contains("Synapse 1.70"),
                        "the news was stored although it could not be acknowledged");

                week.person("bob").say(submissions, "TWIM: Nheko now supports threads");
                assertTrue(status(week, editors).contains("Nheko now supports"), "and the bot keeps syncing");

                List<RoomEvent> inEditors =
                        editor.client().messages(editors, null, "b", 1000, null).chunk();
                assertEquals(
                        1,
                        inEditors.stream()
                                .filter(e -> fromBot(week, e) && e.body().contains("may not post in"))
                                .count(),
                        "told once while muted, not once per refused message");
                List<RoomEvent> inSubmissions = editor.client()
                        .messages(submissions, null, "b", 1000, null)
                        .chunk();
                assertEquals(
                        0,
                        inSubmissions.stream()
                                .filter(e -> week.botUserId().equals(e.sender()) && !"m.room.member".equals(e.type()))
                                .count(),
                        "the homeserver refused every message there");
                // thank-you notices go after every other message, so bob's may still be owed when the status answer
                // came
                long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
                while (System.nanoTime() < deadline
                        && store.read(tx -> tx.outbox().pending()).stream()
                                .anyMatch(e -> e.roomId().equals(submissions))) {
                    Thread.sleep(50);
                }
                assertTrue(
                        store.read(tx -> tx.outbox().pending()).stream()
                                .noneMatch(e -> e.roomId().equals(submissions)),
                        "refused messages are dropped, not retried forever");
                assertTrue(loop.isAlive(), "the sync loop ended");
                assertTrue(bot.stopAndWait(Duration.ofSeconds(10)));
                assertNull(loop.died(), () -> "the sync loop died: " + loop.died());
            } finally {
                client.close();
            }
        }
    }

    /** The room's creator sets the bot's power level to -1, below the 0 that sending needs: muted, as clients do it. */
    private static boolean fromBot(DemoWeek week, RoomEvent e) {
        return week.botUserId().equals(e.sender()) && "m.notice".equals(e.msgtype()) && e.body() != null;
    }

    private static String status(DemoWeek week, String editorsRoom) throws Exception {
        week.editor().catchUp();
        CrossRoomOrder.nextMillisecond(); // after the news just posted in the submissions room
        week.editor().say(editorsRoom, "!status");
        return week.editor()
                .await(editorsRoom, e -> fromBot(week, e) && e.body().startsWith("Edition "), Duration.ofSeconds(30))
                .orElseThrow(() -> new AssertionError("no answer to !status"))
                .body();
    }
}
