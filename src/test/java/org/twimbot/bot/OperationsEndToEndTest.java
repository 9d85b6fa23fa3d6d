package org.twimbot.bot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.twimbot.app.DemoCommand;
import org.twimbot.app.DemoWeek;
import org.twimbot.config.BotConfig;
import org.twimbot.config.ConfigLoader;
import org.twimbot.devserver.DevServer;
import org.twimbot.matrix.MatrixClient;
import org.twimbot.matrix.RetryPolicy;
import org.twimbot.store.Store;

/** What an operator relies on: the health endpoint and a clean stop on SIGTERM. */
class OperationsEndToEndTest {
    @TempDir
    Path dir;

    @Test
    void healthIsOkWhileSyncingAndUnavailableOnceTheHomeserverIsGoneLongerThanTheThreshold() throws Exception {
        int port;
        try (ServerSocket free = new ServerSocket(0)) {
            port = free.getLocalPort();
        }
        OkHttpClient http = new OkHttpClient();
        DevServer server = DevServer.start(0, "localhost");
        try (DemoWeek week = new DemoWeek(server.baseUrl(), "localhost")) {
            week.cast();
            String yaml = DemoCommand.demoConfig(server.baseUrl(), week) + "http:\n  health_port: " + port
                    + "\n  stale_after: 2s\n";
            BotConfig config = ConfigLoader.parse(yaml, dir, Map.of());
            try (BotService service = BotService.open(config, Clock.systemUTC())) {
                Thread loop = new Thread(() -> {
                    try {
                        service.run();
                    } catch (Exception e) {
                        // stopping
                    }
                });
                loop.start();
                String url = "http://127.0.0.1:" + port + "/health";
                assertEquals(200, awaitStatus(http, url, 200, Duration.ofSeconds(20)), "healthy while syncing");
                server.close();
                assertEquals(503, awaitStatus(http, url, 503, Duration.ofSeconds(20)), "unhealthy after the threshold");
                try (Response r =
                        http.newCall(new Request.Builder().url(url).build()).execute()) {
                    assertTrue(r.body().string().contains("\"status\":\"stale\""));
                }
                assertTrue(service.stopAndWait(Duration.ofSeconds(5)), "the bot stops although the homeserver is gone");
            }
        } finally {
            server.close();
        }
    }

    @Test
    void sigtermMidBatchCommitsAndExitsZeroWithinFiveSeconds() throws Exception {
        try (DevServer server = DevServer.start(0, "localhost");
                DemoWeek week = new DemoWeek(server.baseUrl(), "localhost")) {
            week.cast();
            MatrixClient login = new MatrixClient(server.baseUrl(), RetryPolicy.fast());
            String token = login.loginWithPassword(week.botUserId(), DemoWeek.PASSWORD, null, "ops-test")
                    .accessToken();
            login.close();
            Path config = dir.resolve("config.yaml");
            Files.writeString(config, """
                    homeserver: { url: "%s", user_id: "%s", access_token: "%s" }
                    rooms: { submissions: "%s" }
                    editors: { users: ["%s"] }
                    """.formatted(
                            server.baseUrl(), week.botUserId(), token, week.roomAlias(), week.editorUserId()));
            Path db = dir.resolve("twimbot.db");
            Process first = ChildBot.launch(config, dir.resolve("first.log"));
            try (Store watch = Store.open(db)) {
                assertTrue(ChildBot.awaitProgress(watch, 0, first)); // the first start records its sync position
                first.destroy();
                assertTrue(first.waitFor(5, TimeUnit.SECONDS));
                int submitted = 0;
                String last = null;
                for (int i = 0; i < 3_000; i++) {
                    boolean news = i % 3 == 0;
                    last = server.injectEvent(
                            week.roomId(),
                            "@alice:localhost",
                            "m.room.message",
                            Map.of("msgtype", "m.text", "body", (news ? "TWIM: news " : "chatter ") + i),
                            System.currentTimeMillis());
                    if (news) submitted++;
                }
                long before = ChildBot.processed(watch);
                Process bot = ChildBot.launch(config, dir.resolve("bot.log"));
                assertTrue(ChildBot.awaitProgress(watch, before, bot));
                long signalled = System.nanoTime();
                bot.destroy(); // SIGTERM
                assertTrue(bot.waitFor(5, TimeUnit.SECONDS), "ended within 5 s of SIGTERM");
                long tookMs = (System.nanoTime() - signalled) / 1_000_000;
                assertEquals(0, bot.exitValue(), "a requested stop is a clean exit (" + tookMs + " ms)");
                assertEquals("ok", watch.integrityCheck());

                Process rest = ChildBot.launch(config, dir.resolve("rest.log"));
                try {
                    String lastId = last;
                    long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
                    while (!watch.read(tx -> tx.processed().isProcessed(lastId)) && System.nanoTime() < deadline)
                        Thread.sleep(50);
                } finally {
                    rest.destroy();
                    rest.waitFor(5, TimeUnit.SECONDS);
                }
                long stored = watch.read(tx -> tx.submissions().count());
                assertEquals(submitted, stored, "every news item stored exactly once across the stop");
            }
        }
    }

    private static int awaitStatus(OkHttpClient http, String url, int wanted, Duration timeout) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        int last = -1;
        while (System.nanoTime() < deadline) {
            try (Response r =
                    http.newCall(new Request.Builder().url(url).build()).execute()) {
                last = r.code();
                if (last == wanted) return last;
            } catch (IOException notYetListening) {
                // the health server starts with the bot
            }
            Thread.sleep(100);
        }
        return last;
    }
}
