package org.twimbot.bot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.Level;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import okhttp3.Interceptor;
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
import org.twimbot.matrix.Sleeper;
import org.twimbot.store.Store;

/**
 * The homeserver is down when the bot starts (nothing listens on its port: connection refused): the
 * bot retries with capped backoff, logs the outage once rather than per attempt, and comes up when the
 * homeserver does.
 */
class HomeserverDownAtStartTest {
    @TempDir
    Path dir;

    @Test
    void theBotWaitsForTheHomeserverAndLogsTheOutageOnce() throws Exception {
        int port;
        try (ServerSocket probe = new ServerSocket(0)) {
            port = probe.getLocalPort();
        }
        String url = "http://127.0.0.1:" + port;
        // The accounts exist only once the server is up and the cast registered: until then the bot's
        // requests other than GET /versions (its first) wait, so it cannot try to log in as nobody.
        CountDownLatch cast = new CountDownLatch(1);
        Interceptor afterCast = chain -> {
            if (!chain.request().url().encodedPath().endsWith("/versions")) {
                try {
                    cast.await(30, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            return chain.proceed(chain.request());
        };
        OkHttpClient http = MatrixClient.defaultHttpClient()
                .newBuilder()
                .addInterceptor(afterCast)
                .build();
        RetryPolicy forever = new RetryPolicy(0, Duration.ofMillis(10), Duration.ofMillis(100));
        MatrixClient client = new MatrixClient(url, forever, http, Sleeper.system());
        DemoWeek week = new DemoWeek(url, "localhost");
        BotConfig config = ConfigLoader.parse(DemoCommand.demoConfig(url, week), dir, Map.of());
        AtomicReference<Throwable> died = new AtomicReference<>();
        try (LogCapture logs = new LogCapture(Level.DEBUG, true);
                Store store = Store.open(config.store().path());
                Bot bot = new Bot(config, store, client, Clock.systemUTC())) {
            Thread loop = new Thread(
                    () -> {
                        try {
                            bot.start();
                            bot.run();
                        } catch (Throwable t) {
                            died.set(t);
                        }
                    },
                    "twimbot-waiting");
            loop.start();
            // wait until the bot has been refused a few times (counted in the log, not timed)
            while (attempts(logs) < 5 && died.get() == null) Thread.sleep(20);
            try (DevServer server = DevServer.start(DevServer.Options.defaults().withPort(port))) {
                week.cast();
                cast.countDown();
                bot.awaitReady();
                assertTrue(week.requestDraft(Duration.ofSeconds(30)).startsWith("+++"));
                assertTrue(bot.stopAndWait(Duration.ofSeconds(10)));
            } finally {
                week.close();
                client.close();
            }
            assertNull(died.get(), () -> "the bot gave up: " + died.get());
            List<String> outage = logs.lines().stream()
                    .filter(l -> l.startsWith("WARN") && l.contains("/_matrix/client/versions failed"))
                    .toList();
            assertEquals(1, outage.size(), "the outage is logged once, not per attempt:\n" + String.join("\n", outage));
            assertTrue(outage.get(0).contains("ConnectException"), outage.get(0));
            assertTrue(
                    logs.lines().stream().anyMatch(l -> l.contains("/_matrix/client/versions succeeded after")),
                    "the recovery is logged");
            System.out.println(
                    "HomeserverDownAtStartTest: " + attempts(logs) + " refused attempts before the server came up");
        }
    }

    private static long attempts(LogCapture logs) {
        return logs.lines().stream()
                .filter(l -> l.contains("/_matrix/client/versions attempt"))
                .count();
    }
}
