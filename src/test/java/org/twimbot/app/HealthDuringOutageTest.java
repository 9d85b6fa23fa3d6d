package org.twimbot.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.twimbot.config.BotConfig;
import org.twimbot.config.ConfigLoader;
import org.twimbot.devserver.DevServer;
import org.twimbot.matrix.MatrixClient;
import org.twimbot.matrix.RetryPolicy;
import org.twimbot.matrix.Sleeper;
import org.twimbot.store.Store;

/** /health says why the bot is not syncing; and a restarted bot in a quiet room is healthy at its first sync. */
class HealthDuringOutageTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    private static int freePort() throws Exception {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    @Test
    void healthShowsTheReasonWhileTheHomeserverCannotBeReached() throws Exception {
        int healthPort = freePort();
        String url = "http://127.0.0.1:" + freePort(); // nothing listens there
        BotConfig config = ConfigLoader.parse("""
                homeserver: {url: "%s", user_id: "@twimbot:localhost", access_token: "syt_x"}
                rooms: {submissions: "#twim:localhost"}
                http: {health_port: %d}
                """.formatted(url, healthPort), dir, Map.of());
        OkHttpClient http = new OkHttpClient();
        try (BotService service = BotService.open(config, Clock.systemUTC())) {
            Thread loop = new Thread(() -> {
                try {
                    service.run();
                } catch (Exception e) {
                    // stopped while waiting for the homeserver
                }
            }, "twimbot-outage");
            loop.start();
            JsonNode body = null;
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            while (System.nanoTime() < deadline) {
                try (Response r = http.newCall(new Request.Builder().url("http://127.0.0.1:" + healthPort + "/health").build())
                        .execute()) {
                    assertEquals(503, r.code());
                    body = JSON.readTree(r.body().string());
                }
                if (body.has("homeserver")) break;
                Thread.sleep(50);
            }
            assertEquals("starting", body.get("status").asText(), body.toString());
            assertTrue(body.path("homeserver").path("problem").asText().startsWith("cannot reach the homeserver (ConnectException)"),
                    body.toString());
            assertTrue(body.path("homeserver").path("attempts").asInt() >= 1, body.toString());
            assertTrue(body.path("homeserver").has("since"), body.toString());
            assertTrue(!body.toString().contains("127.0.0.1"), "no configuration values in the body: " + body);
            assertTrue(service.stopAndWait(Duration.ofSeconds(30)));
        } finally {
            http.dispatcher().executorService().shutdown();
            http.connectionPool().evictAll();
        }
    }

    @Test
    void aRestartedBotSyncsAtOnceInsteadOfLongPollingFirst() throws Exception {
        try (DevServer server = DevServer.start(0, "localhost"); DemoWeek week = new DemoWeek(server.baseUrl(), "localhost")) {
            week.cast();
            BotConfig config = ConfigLoader.parse(DemoCommand.demoConfig(server.baseUrl(), week), dir, Map.of());
            List<String> timeouts = new ArrayList<>();
            for (int run = 0; run < 2; run++) {
                timeouts.clear();
                OkHttpClient http = MatrixClient.defaultHttpClient().newBuilder().addInterceptor(chain -> {
                    if (chain.request().url().encodedPath().endsWith("/sync")) {
                        synchronized (timeouts) {
                            timeouts.add(chain.request().url().queryParameter("timeout"));
                        }
                    }
                    return chain.proceed(chain.request());
                }).build();
                try (Store store = Store.open(config.store().path());
                        MatrixClient client = new MatrixClient(server.baseUrl(), RetryPolicy.fast(), http, Sleeper.system());
                        Bot bot = new Bot(config, store, client, Clock.systemUTC())) {
                    bot.start();
                    Thread loop = new Thread(() -> {
                        try {
                            bot.run();
                        } catch (Exception e) {
                            // stopped
                        }
                    });
                    loop.start();
                    bot.awaitReady();
                    assertTrue(bot.stopAndWait(Duration.ofSeconds(30)));
                }
                synchronized (timeouts) {
                    // the first run starts from nothing; the second from a stored token: both answer at once
                    assertEquals("0", timeouts.get(0), "run " + (run + 1) + ": " + timeouts);
                }
            }
        }
    }
}
