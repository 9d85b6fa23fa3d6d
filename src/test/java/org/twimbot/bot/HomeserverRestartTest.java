package org.twimbot.bot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.Level;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import okhttp3.OkHttpClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.twimbot.app.DemoCommand;
import org.twimbot.app.DemoWeek;
import org.twimbot.config.BotConfig;
import org.twimbot.config.ConfigLoader;
import org.twimbot.devserver.DevServer;
import org.twimbot.matrix.MatrixClient;
import org.twimbot.matrix.RetryPolicy;
import org.twimbot.matrix.RoomEvent;
import org.twimbot.matrix.Sleeper;
import org.twimbot.store.Store;
import org.twimbot.testing.TcpFaultProxy;

/**
 * The bot reaches the dev homeserver through a TCP proxy that fails below HTTP: first two answers
 * (a /sync and a send) are cut mid-body by a TCP reset, then the homeserver "restarts": its port
 * refuses connections and every open connection is reset, while people keep posting; then it listens
 * again on the same port with the same data. The bot resumes from its stored sync position, loses
 * nothing, sends nothing twice, and logs the outage once when it starts and once when it ends.
 */
class HomeserverRestartTest {
    private static final Clock WEDNESDAY = Clock.fixed(Instant.parse("2026-11-25T10:00:00Z"), ZoneOffset.UTC);
    private static final String SYNC = "GET /_matrix/client/v3/sync";

    @TempDir
    Path dir;

    @Test
    void resetsAndARestartMidRunLoseNothingAndAreLoggedOncePerChange() throws Exception {
        try (DevServer server = DevServer.start(0, "localhost");
                DemoWeek week = new DemoWeek(server.baseUrl(), "localhost");
                TcpFaultProxy proxy = TcpFaultProxy.start(server.baseUrl());
                LogCapture logs = new LogCapture(Level.DEBUG, true)) {
            week.cast(); // the people talk to the homeserver directly; only the bot goes through the proxy
            BotConfig config = ConfigLoader.parse(DemoCommand.demoConfig(proxy.baseUrl(), week), dir, Map.of());
            // as in production (BotService): transient failures are retried forever; short delays for the test
            RetryPolicy forever = new RetryPolicy(0, Duration.ofMillis(10), Duration.ofMillis(200));
            OkHttpClient http = MatrixClient.defaultHttpClient();
            MatrixClient client = new MatrixClient(proxy.baseUrl(), forever, http, Sleeper.system());
            String room = week.roomId();
            String ack = config.submissions().ackReaction();
            try (Store store = Store.open(config.store().path());
                    Bot bot = new Bot(config, store, client, WEDNESDAY)) {
                RunningLoop loop = RunningLoop.start(bot, "twimbot-behind-proxy");

                // 1. TCP resets mid-response: the waiting long-poll's answer and the next send's answer
                proxy.resetResponseTo(line -> line.startsWith(SYNC));
                proxy.resetResponseTo(line -> line.startsWith("PUT /_matrix/client/v3/rooms/"));
                String before = week.person("alice").say(room, "TWIM: Synapse 1.70 is out with faster joins");
                assertTrue(status(week).contains("Synapse 1.70"));
                // the answer may be the send whose response is cut: the homeserver has stored it (and the editor may
                // see it) a moment before the proxy cuts the response and counts the reset
                long cut = System.nanoTime() + Duration.ofSeconds(10).toNanos();
                while (proxy.resets() < 2 && System.nanoTime() < cut) Thread.sleep(5);
                assertEquals(2, proxy.resets(), "both answers were cut by a reset");

                // 2. the homeserver goes away while people keep posting, and comes back on the same port
                int mark = logs.lines().size();
                proxy.down();
                while (failedAttempts(logs, mark) < 3 && loop.died() == null) Thread.sleep(10); // counted, not timed
                String during = week.person("bob").say(room, "TWIM: Nheko posted this while the homeserver was down");
                week.editor().catchUp();
                week.editor().say(room, "!status");
                proxy.up();
                String answer = awaitStatus(week, Duration.ofSeconds(30));
                assertTrue(answer.contains("Synapse 1.70") && answer.contains("Nheko posted this"), answer);
                // an editor's answer goes before owed reactions: the ✍️ of the news posted during the outage follows it
                long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
                while (week.editor().client().messages(room, null, "b", 1000, null).chunk().stream()
                        .noneMatch(e -> week.botUserId().equals(e.sender())
                                && "m.reaction".equals(e.type())
                                && during.equals(e.relatesTo()))) {
                    assertTrue(System.nanoTime() < deadline, "no ✍️ for the news posted during the outage");
                    Thread.sleep(20);
                }
                List<String> all = logs.lines();
                List<String> outage =
                        all.subList(mark, all.size()); // taken before stopping: a stop cancels sends in flight
                assertTrue(loop.isAlive(), "the sync loop ended");
                assertTrue(bot.stopAndWait(Duration.ofSeconds(10)));
                assertNull(loop.died(), () -> "the sync loop died: " + loop.died());

                // besides "still cannot reach" at attempts 2, 4, 8 ... (UnreachableHomeserverTest), which a long outage
                // adds
                List<String> problems = outage.stream()
                        .filter(l -> l.startsWith("WARN") || l.startsWith("ERROR"))
                        .filter(l -> !l.contains("still cannot reach"))
                        .toList();
                assertEquals(
                        1,
                        problems.size(),
                        "the outage is logged once, not per attempt:\n" + String.join("\n", problems));
                assertTrue(problems.get(0).contains("failed"), problems.get(0));
                assertEquals(
                        1,
                        outage.stream()
                                .filter(l -> l.startsWith("INFO") && l.contains("succeeded after"))
                                .count(),
                        "the recovery is logged once");

                long freshSyncs = proxy.requestLines().stream()
                        .filter(l -> l.startsWith(SYNC) && !l.contains("since="))
                        .count();
                assertEquals(
                        1,
                        freshSyncs,
                        "only the very first sync is without a position: the bot resumed from its token");

                List<RoomEvent> botEvents =
                        week.editor().client().messages(room, null, "b", 1000, null).chunk().stream()
                                .filter(e -> week.botUserId().equals(e.sender()))
                                .toList();
                assertEquals(
                        1,
                        botEvents.stream()
                                .filter(e -> "m.reaction".equals(e.type())
                                        && before.equals(e.relatesTo())
                                        && ack.equals(e.relationKey()))
                                .count(),
                        "one acknowledgement, although its answer was reset");
                assertEquals(
                        1,
                        botEvents.stream()
                                .filter(e -> "m.reaction".equals(e.type())
                                        && during.equals(e.relatesTo())
                                        && ack.equals(e.relationKey()))
                                .count(),
                        "the news posted during the outage was acknowledged once");
                assertEquals(
                        2,
                        botEvents.stream()
                                .filter(e -> e.body() != null && e.body().startsWith("Edition "))
                                .count(),
                        "each !status answered exactly once");
                System.out.println("HomeserverRestartTest: outage logged as \"" + problems.get(0) + "\" after "
                        + failedAttempts(logs, mark) + " failed attempts");
            } finally {
                client.close();
            }
        }
    }

    /** Retries the bot's client logged (at DEBUG) after {@code mark}. */
    private static long failedAttempts(LogCapture logs, int mark) {
        List<String> lines = logs.lines();
        return lines.subList(mark, lines.size()).stream()
                .filter(l -> l.contains(" attempt ") && l.contains(" failed ("))
                .count();
    }

    private static String status(DemoWeek week) throws Exception {
        week.editor().catchUp();
        week.editor().say(week.roomId(), "!status");
        return awaitStatus(week, Duration.ofSeconds(30));
    }

    private static String awaitStatus(DemoWeek week, Duration timeout) throws Exception {
        return week.editor()
                .await(
                        week.roomId(),
                        e -> week.botUserId().equals(e.sender())
                                && "m.notice".equals(e.msgtype())
                                && e.body() != null
                                && e.body().startsWith("Edition "),
                        timeout)
                .orElseThrow(() -> new AssertionError("no answer to !status"))
                .body();
    }
}
