package org.twimbot.bot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.twimbot.config.BotConfig;
import org.twimbot.config.ConfigLoader;

/** /health says why the bot is not syncing. */
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
            Thread loop = new Thread(
                    () -> {
                        try {
                            service.run();
                        } catch (Exception e) {
                            // stopped while waiting for the homeserver
                        }
                    },
                    "twimbot-outage");
            loop.start();
            JsonNode body = null;
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            while (System.nanoTime() < deadline) {
                try (Response r = http.newCall(new Request.Builder()
                                .url("http://127.0.0.1:" + healthPort + "/health")
                                .build())
                        .execute()) {
                    assertEquals(503, r.code());
                    body = JSON.readTree(r.body().string());
                }
                if (body.has("homeserver")) break;
                Thread.sleep(50);
            }
            assertEquals("starting", body.get("status").asText(), body.toString());
            assertTrue(
                    body.path("homeserver")
                            .path("problem")
                            .asText()
                            .startsWith("cannot reach the homeserver (ConnectException)"),
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
}
