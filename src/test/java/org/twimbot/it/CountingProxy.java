package org.twimbot.it;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * A pass-through HTTP proxy between the bot and the homeserver that records every request the bot makes and the
 * answer's status (and {@code retry_after_ms} of a 429): how else to count what the bot asks of a real Synapse.
 */
final class CountingProxy implements AutoCloseable {
    /** One request: when it started (System.nanoTime), what it was, the answer. */
    record Call(long startedAt, long answeredAt, String method, String path, int status, long retryAfterMs) {
        boolean isSend() {
            return "PUT".equals(method) && path.contains("/send/");
        }
    }

    private static final Set<String> HOP_BY_HOP =
            Set.of("connection", "content-length", "host", "transfer-encoding", "upgrade", "keep-alive", "expect");

    private final String target;
    private final HttpServer server;
    private final ExecutorService pool = Executors.newCachedThreadPool();
    private final HttpClient http =
            HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private final List<Call> calls = Collections.synchronizedList(new ArrayList<>());

    private CountingProxy(String target) throws IOException {
        this.target = target;
        this.server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 64);
        server.setExecutor(pool);
        server.createContext("/", this::forward);
        server.start();
    }

    static CountingProxy to(String target) throws IOException {
        return new CountingProxy(target);
    }

    String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    List<Call> calls() {
        synchronized (calls) {
            return List.copyOf(calls);
        }
    }

    private void forward(HttpExchange ex) throws IOException {
        long started = System.nanoTime();
        try (ex) {
            byte[] body;
            try (InputStream in = ex.getRequestBody()) {
                body = in.readAllBytes();
            }
            HttpRequest.Builder b = HttpRequest.newBuilder(
                            URI.create(target + ex.getRequestURI().toString()))
                    .method(
                            ex.getRequestMethod(),
                            body.length == 0
                                    ? HttpRequest.BodyPublishers.noBody()
                                    : HttpRequest.BodyPublishers.ofByteArray(body));
            ex.getRequestHeaders().forEach((name, values) -> {
                if (!HOP_BY_HOP.contains(name.toLowerCase())) values.forEach(v -> b.header(name, v));
            });
            HttpResponse<byte[]> r = http.send(b.build(), HttpResponse.BodyHandlers.ofByteArray());
            long retryAfter = -1;
            if (r.statusCode() == 429)
                retryAfter = MatrixUser.JSON
                        .readTree(r.body())
                        .path("retry_after_ms")
                        .asLong(-1);
            calls.add(new Call(
                    started,
                    System.nanoTime(),
                    ex.getRequestMethod(),
                    ex.getRequestURI().getRawPath(),
                    r.statusCode(),
                    retryAfter));
            r.headers().map().forEach((name, values) -> {
                if (!HOP_BY_HOP.contains(name.toLowerCase()) && !name.startsWith(":")) {
                    values.forEach(v -> ex.getResponseHeaders().add(name, v));
                }
            });
            ex.sendResponseHeaders(r.statusCode(), r.body().length == 0 ? -1 : r.body().length);
            try (OutputStream out = ex.getResponseBody()) {
                out.write(r.body());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        server.stop(0);
        pool.shutdownNow();
    }
}
