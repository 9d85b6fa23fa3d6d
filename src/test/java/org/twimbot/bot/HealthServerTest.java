package org.twimbot.bot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.twimbot.app.Main;
import org.twimbot.config.BotConfig;
import org.twimbot.config.ConfigLoader;

/** The health endpoint over real HTTP, with a clock the test moves. */
class HealthServerTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration STALE_AFTER = Duration.ofMinutes(2);
    private static final Instant T0 = Instant.parse("2026-11-20T10:00:00Z");

    private final MutableClock clock = new MutableClock(T0);
    private final AtomicReference<HealthSnapshot> snapshot = new AtomicReference<>(new HealthSnapshot(null, 0, 0));
    private final OkHttpClient http = new OkHttpClient();
    private HealthServer server;

    @BeforeEach
    void start() throws IOException {
        server = HealthServer.start(0, STALE_AFTER, snapshot::get, clock);
    }

    @AfterEach
    void stop() {
        server.close();
        http.dispatcher().executorService().shutdown();
        http.connectionPool().evictAll();
    }

    @Test
    void beforeTheFirstSyncItIsStarting() throws IOException {
        Reply r = get("/health");
        assertEquals(503, r.code());
        assertEquals("starting", r.json().get("status").asText());
        assertTrue(r.json().get("last_sync").isNull());
        assertTrue(r.json().get("seconds_since_sync").isNull());
    }

    @Test
    void afterASyncItIsOkWithAgeAndCounts() throws IOException {
        snapshot.set(new HealthSnapshot(T0, 7, 123));
        clock.advance(Duration.ofSeconds(42));
        Reply r = get("/health");
        assertEquals(200, r.code());
        assertEquals("ok", r.json().get("status").asText());
        assertEquals("2026-11-20T10:00:00Z", r.json().get("last_sync").asText());
        assertEquals(42, r.json().get("seconds_since_sync").asLong());
        assertEquals(7, r.json().get("submissions").asLong());
        assertEquals(123, r.json().get("processed_events").asLong());
        assertEquals(Main.version(), r.json().get("version").asText());
        assertTrue(r.contentType().startsWith("application/json"), r.contentType());
    }

    @Test
    void exactlyAtTheThresholdIsStillOkAndOneSecondLaterStale() throws IOException {
        snapshot.set(new HealthSnapshot(T0, 1, 1));
        clock.set(T0.plus(STALE_AFTER));
        assertEquals(200, get("/health").code());
        clock.advance(Duration.ofSeconds(1));
        Reply r = get("/health");
        assertEquals(503, r.code());
        assertEquals("stale", r.json().get("status").asText());
        assertEquals(121, r.json().get("seconds_since_sync").asLong());
    }

    @Test
    void aNewSyncMakesAStaleBotHealthyAgain() throws IOException {
        snapshot.set(new HealthSnapshot(T0, 0, 0));
        clock.advance(Duration.ofMinutes(10));
        assertEquals(503, get("/health").code());
        snapshot.set(new HealthSnapshot(clock.instant(), 0, 0));
        assertEquals(200, get("/health").code());
    }

    @Test
    void theBodyHasExactlyTheDocumentedFields() throws IOException {
        snapshot.set(new HealthSnapshot(T0, 1, 2));
        Set<String> fields = new HashSet<>();
        get("/health").json().fieldNames().forEachRemaining(fields::add);
        // anything more (a user id, a room, a token) would need a deliberate change here
        assertEquals(
                Set.of("status", "last_sync", "seconds_since_sync", "submissions", "processed_events", "version"),
                fields);
    }

    @Test
    void otherPathsAre404AndOtherMethods405() throws IOException {
        assertEquals(404, get("/").code());
        assertEquals(404, get("/healthz").code());
        assertEquals(404, get("/health/extra").code());
        Request post = new Request.Builder()
                .url(url("/health"))
                .post(RequestBody.create("{}", MediaType.get("application/json")))
                .build();
        try (Response r = http.newCall(post).execute()) {
            assertEquals(405, r.code());
            assertEquals("GET, HEAD", r.header("Allow"));
        }
    }

    @Test
    void headAnswersTheSameStatusWithoutABody() throws IOException {
        snapshot.set(new HealthSnapshot(T0, 0, 0));
        try (Response r = http.newCall(
                        new Request.Builder().url(url("/health")).head().build())
                .execute()) {
            assertEquals(200, r.code());
        }
    }

    @Test
    void aFailingSnapshotIsUnhealthyWithoutDetails() throws IOException {
        server.close();
        server = HealthServer.start(
                0,
                STALE_AFTER,
                () -> {
                    throw new IllegalStateException("jdbc:sqlite:/secret/path is closed");
                },
                clock);
        Reply r = get("/health");
        assertEquals(503, r.code());
        assertEquals("error", r.json().get("status").asText());
        assertFalse(r.body().contains("secret"), r.body());
    }

    @Test
    void portZeroInTheConfigMeansOff() throws IOException {
        BotConfig.Http off = new BotConfig.Http(0, BotConfig.Http.LOOPBACK, STALE_AFTER);
        assertTrue(HealthServer.startIfEnabled(off, snapshot::get, clock).isEmpty());
    }

    @Test
    void aConfiguredPortIsBound() throws IOException {
        int port;
        try (ServerSocket probe = new ServerSocket(0)) {
            port = probe.getLocalPort(); // a port free a moment ago; good enough for a test
        }
        BotConfig.Http on = new BotConfig.Http(port, BotConfig.Http.LOOPBACK, STALE_AFTER);
        try (HealthServer configured =
                HealthServer.startIfEnabled(on, snapshot::get, clock).orElseThrow()) {
            assertEquals(port, configured.port());
            Request req = new Request.Builder()
                    .url("http://127.0.0.1:" + port + "/health")
                    .build();
            try (Response r = http.newCall(req).execute()) {
                assertEquals(503, r.code());
            }
        }
    }

    /**
     * The guide says not to publish the endpoint: with only a port configured it listens on the loopback
     * address alone. Linux routes all of 127.0.0.0/8 to the loopback interface, so a server bound to every
     * interface answers on 127.0.0.2 too, and one bound to 127.0.0.1 refuses it.
     */
    @Test
    void byDefaultTheConfiguredPortListensOnLoopbackOnly() throws Exception {
        int port = freePort();
        BotConfig config = ConfigLoader.parse("""
                homeserver: { url: "https://matrix.example.org", user_id: "@twim:example.org", access_token: "t" }
                rooms: { submissions: "#twim:example.org" }
                http: { health_port: %d }
                """.formatted(port), Path.of("/srv/twim"), Map.of());
        try (HealthServer configured =
                HealthServer.startIfEnabled(config.http(), snapshot::get, clock).orElseThrow()) {
            assertEquals(503, statusAt("127.0.0.1", port), "reachable on the loopback address");
            assertFalse(reachable("127.0.0.2", port), "not listening on any other address");
            assertTrue(
                    configured.address().getAddress().isLoopbackAddress(),
                    configured.address().toString());
        }
    }

    @Test
    void aConfiguredAddressIsHonoured() throws Exception {
        int port = freePort();
        BotConfig.Http http = new BotConfig.Http(port, "127.0.0.2", STALE_AFTER);
        try (HealthServer configured =
                HealthServer.startIfEnabled(http, snapshot::get, clock).orElseThrow()) {
            assertEquals("127.0.0.2", configured.address().getAddress().getHostAddress());
            assertEquals(503, statusAt("127.0.0.2", port));
            assertFalse(reachable("127.0.0.1", port), "only the configured address");
        }
        BotConfig.Http every = new BotConfig.Http(freePort(), "0.0.0.0", STALE_AFTER);
        try (HealthServer configured =
                HealthServer.startIfEnabled(every, snapshot::get, clock).orElseThrow()) {
            assertTrue(configured.address().getAddress().isAnyLocalAddress());
            assertTrue(reachable("127.0.0.2", every.healthPort()), "0.0.0.0: every interface");
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket probe = new ServerSocket(0)) {
            return probe.getLocalPort(); // a port free a moment ago; good enough for a test
        }
    }

    private int statusAt(String host, int port) throws IOException {
        Request request = new Request.Builder()
                .url("http://" + host + ":" + port + "/health")
                .build();
        try (Response r = http.newCall(request).execute()) {
            return r.code();
        }
    }

    /** Whether a TCP connection to {@code host:port} is accepted. */
    private static boolean reachable(String host, int port) {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress(host, port), 10_000);
            return true;
        } catch (IOException refused) {
            return false;
        }
    }

    private String url(String path) {
        return "http://127.0.0.1:" + server.port() + path;
    }

    private Reply get(String path) throws IOException {
        try (Response r =
                http.newCall(new Request.Builder().url(url(path)).build()).execute()) {
            String body = r.body() == null ? "" : r.body().string();
            return new Reply(r.code(), body, String.valueOf(r.header("Content-Type")));
        }
    }

    private record Reply(int code, String body, String contentType) {
        JsonNode json() throws IOException {
            return JSON.readTree(body);
        }
    }

    /** A clock the test sets; the server reads it on every request. */
    private static final class MutableClock extends Clock {
        private volatile Instant now;

        MutableClock(Instant now) {
            this.now = now;
        }

        void set(Instant instant) {
            now = instant;
        }

        void advance(Duration d) {
            now = now.plus(d);
        }

        @Override
        public Instant instant() {
            return now;
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }
    }
}
