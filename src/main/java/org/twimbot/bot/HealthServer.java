package org.twimbot.bot;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.twimbot.config.BotConfig;
import org.twimbot.config.BuildInfo;

/**
 * {@code GET /health} for container health checks and monitoring: 200 while the last committed
 * sync is at most {@code staleAfter} old, 503 before the first sync ("starting") and after that
 * ("stale"). A bot whose process is alive but whose sync loop is stuck (homeserver gone, token
 * revoked, store locked) is exactly what this must catch, so it reports the sync age, not liveness.
 *
 * <p>The body holds times and counts only (see {@link HealthSnapshot}); never config values.
 */
public final class HealthServer implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(HealthServer.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    static final String PATH = "/health";

    private final HttpServer server;
    private final ExecutorService executor;
    private final Duration staleAfter;
    private final Supplier<HealthSnapshot> snapshot;
    private final Clock clock;

    private HealthServer(
            HttpServer server,
            ExecutorService executor,
            Duration staleAfter,
            Supplier<HealthSnapshot> snapshot,
            Clock clock) {
        this.server = server;
        this.executor = executor;
        this.staleAfter = staleAfter;
        this.snapshot = snapshot;
        this.clock = clock;
    }

    /** The server for {@code http.*}, or empty when {@code http.health_port} is 0 (the default: off). */
    public static Optional<HealthServer> startIfEnabled(
            BotConfig.Http http, Supplier<HealthSnapshot> snapshot, Clock clock) throws IOException {
        if (http.healthPort() == 0) return Optional.empty();
        InetSocketAddress address =
                new InetSocketAddress(InetAddress.getByName(http.healthAddress()), http.healthPort());
        return Optional.of(start(address, http.staleAfter(), snapshot, clock));
    }

    /** On the loopback address only, at {@code port}; port 0 binds an ephemeral port, for tests. */
    public static HealthServer start(int port, Duration staleAfter, Supplier<HealthSnapshot> snapshot, Clock clock)
            throws IOException {
        return start(
                new InetSocketAddress(InetAddress.getByName(BotConfig.Http.LOOPBACK), port),
                staleAfter,
                snapshot,
                clock);
    }

    /**
     * Listens on {@code address} only: the loopback address by default, because the body is for a health check
     * on the same host (in a container, Docker's HEALTHCHECK runs inside it); {@code http.health_address}
     * widens it (0.0.0.0) where an orchestrator probes from outside.
     */
    private static HealthServer start(
            InetSocketAddress address, Duration staleAfter, Supplier<HealthSnapshot> snapshot, Clock clock)
            throws IOException {
        HttpServer server = HttpServer.create(address, 0);
        // one daemon thread: a health check is cheap and rare, and must never keep the JVM alive
        ExecutorService executor = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "twimbot-health");
            t.setDaemon(true);
            return t;
        });
        server.setExecutor(executor);
        HealthServer health = new HealthServer(server, executor, staleAfter, snapshot, clock);
        server.createContext("/", health::handle);
        server.start();
        log.info(
                "health endpoint on {}:{} ({}; stale after {})",
                address.getAddress().getHostAddress(),
                health.port(),
                PATH,
                staleAfter);
        return health;
    }

    /** The address listened on. */
    public InetSocketAddress address() {
        return server.getAddress();
    }

    /** The bound port (the ephemeral one when started with 0). */
    public int port() {
        return server.getAddress().getPort();
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String method = exchange.getRequestMethod();
            boolean head = "HEAD".equals(method);
            if (!PATH.equals(exchange.getRequestURI().getPath())) {
                send(exchange, 404, "{\"error\":\"not found\"}", head);
            } else if (!"GET".equals(method) && !head) {
                exchange.getResponseHeaders().set("Allow", "GET, HEAD");
                send(exchange, 405, "{\"error\":\"method not allowed\"}", head);
            } else {
                Report report = report();
                send(exchange, report.status(), report.json(), head);
            }
        }
    }

    private record Report(int status, String json) {}

    /** The status and body for the current snapshot; a failing snapshot is unhealthy, with no detail leaked. */
    private Report report() throws IOException {
        HealthSnapshot s;
        try {
            s = snapshot.get();
        } catch (RuntimeException e) {
            log.warn("health snapshot failed: {}", e.getClass().getSimpleName());
            ObjectNode body = JSON.createObjectNode().put("status", "error").put("version", BuildInfo.version());
            return new Report(503, JSON.writeValueAsString(body));
        }
        Instant now = clock.instant();
        ObjectNode body = JSON.createObjectNode();
        int status;
        if (s.lastSyncAt() == null) {
            status = 503;
            body.put("status", "starting").putNull("last_sync").putNull("seconds_since_sync");
        } else {
            Duration age = Duration.between(s.lastSyncAt(), now);
            boolean fresh = age.compareTo(staleAfter) <= 0;
            status = fresh ? 200 : 503;
            body.put("status", fresh ? "ok" : "stale")
                    .put("last_sync", s.lastSyncAt().toString())
                    .put(
                            "seconds_since_sync",
                            Math.max(0, age.getSeconds())); // a clock step back is not "negative age"
        }
        body.put("submissions", s.submissions())
                .put("processed_events", s.processedEvents())
                .put("version", BuildInfo.version());
        if (s.trouble() != null) {
            body.putObject("homeserver")
                    .put("problem", s.trouble().reason())
                    .put("since", s.trouble().since().toString())
                    .put("attempts", s.trouble().attempts());
        }
        return new Report(status, JSON.writeValueAsString(body));
    }

    private static void send(HttpExchange exchange, int status, String json, boolean head) throws IOException {
        byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json; charset=utf-8");
        exchange.getResponseHeaders().set("Cache-Control", "no-store");
        if (head) {
            exchange.sendResponseHeaders(status, -1);
            return;
        }
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}
