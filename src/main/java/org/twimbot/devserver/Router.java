package org.twimbot.devserver;

import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import java.io.IOException;
import java.io.OutputStream;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Dispatches requests to {@link Route}s. Paths are normalised first so one route serves both
 * spec prefixes: {@code /_matrix/client/v3/x} and {@code /_matrix/client/r0/x} become
 * {@code client/x}, {@code /_matrix/media/v3/x} (and r0) {@code media/x},
 * {@code /_matrix/client/v1/x} {@code v1/x}, and {@code /_matrix/client/versions} {@code versions}.
 * Each segment is percent-decoded after splitting, so encoded '/' stays inside its segment.
 */
final class Router implements HttpHandler {
    private static final Logger LOG = LoggerFactory.getLogger(Router.class);

    private final List<Route> routes;
    private final Homeserver hs;
    private volatile Consumer<String> observer;

    /** FOR TESTS AND THE BENCHMARK: told "METHOD /raw/path" as each request arrives, before it is handled. */
    void setObserver(Consumer<String> observer) {
        this.observer = observer;
    }

    private final AtomicReference<Faults> faults;

    Router(List<Route> routes, Homeserver hs, AtomicReference<Faults> faults) {
        this.routes = routes;
        this.hs = hs;
        this.faults = faults;
    }

    @Override
    public void handle(HttpExchange ex) throws IOException {
        try (ex) {
            Faults plan = faults.get();
            if (plan != null) {
                plan.handle(ex, this, hs);
            } else {
                write(ex, reply(ex));
            }
        }
    }

    /** The answer to a request (errors included), not yet written. */
    Reply reply(HttpExchange ex) {
        try {
            return dispatch(ex);
        } catch (MatrixError e) {
            return Reply.status(e.status(), e.body());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt(); // the server is closing; a long-poll was cut short
            return Reply.status(503, new MatrixError(503, "M_UNKNOWN", "Server shutting down").body());
        } catch (Exception e) {
            LOG.warn(
                    "devserver: {} {} failed",
                    ex.getRequestMethod(),
                    ex.getRequestURI().getRawPath(),
                    e);
            return Reply.status(500, new MatrixError(500, "M_UNKNOWN", "Internal server error").body());
        }
    }

    private Reply dispatch(HttpExchange ex) throws Exception {
        String method = ex.getRequestMethod();
        String rawPath = ex.getRequestURI().getRawPath();
        Consumer<String> obs = observer;
        if (obs != null) {
            obs.accept(method + " " + rawPath);
        }
        Map<String, String> query = parseQuery(ex.getRequestURI().getRawQuery());
        if (LOG.isDebugEnabled()) {
            LOG.debug("{} {}{}", method, rawPath, redactedQuery(query));
        }
        if (method.equals("OPTIONS")) {
            return Reply.ok(Map.of()); // CORS preflight for browser clients
        }
        List<String> segments = normalise(rawPath);
        if (segments == null) {
            throw MatrixError.unrecognized(404);
        }
        boolean pathMatched = false;
        for (Route route : routes) {
            List<String> params = route.match(segments);
            if (params == null) {
                continue;
            }
            pathMatched = true;
            if (route.method().equals(method)) {
                LoggedInDevice session = route.auth() ? authenticate(ex, query) : null;
                byte[] body = readBody(ex);
                String contentType = ex.getRequestHeaders().getFirst("Content-Type");
                return route.handler().handle(new Call(method, rawPath, params, query, body, contentType, session));
            }
        }
        throw MatrixError.unrecognized(pathMatched ? 405 : 404);
    }

    static List<String> normalise(String rawPath) {
        String[][] prefixes = {
            {"/_matrix/client/v3/", "client"},
            {"/_matrix/client/r0/", "client"},
            {"/_matrix/client/v1/", "v1"},
            {"/_matrix/media/v3/", "media"},
            {"/_matrix/media/r0/", "media"},
        };
        if (rawPath.equals("/_matrix/client/versions")) {
            return List.of("versions");
        }
        for (String[] p : prefixes) {
            if (rawPath.startsWith(p[0])) {
                List<String> out = new ArrayList<>();
                out.add(p[1]);
                for (String seg : rawPath.substring(p[0].length()).split("/", -1)) {
                    out.add(decodePath(seg));
                }
                return out;
            }
        }
        return null;
    }

    /** URLDecoder treats '+' as space, which is only right for query strings. */
    private static String decodePath(String segment) {
        return URLDecoder.decode(segment.replace("+", "%2B"), StandardCharsets.UTF_8);
    }

    private static Map<String, String> parseQuery(String raw) {
        Map<String, String> out = new LinkedHashMap<>();
        if (raw == null || raw.isEmpty()) {
            return out;
        }
        for (String pair : raw.split("&")) {
            int eq = pair.indexOf('=');
            String key = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
            String value = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
            out.putIfAbsent(key, value);
        }
        return out;
    }

    /** The query for the debug log, with a legacy access_token parameter masked. */
    private static String redactedQuery(Map<String, String> query) {
        if (query.isEmpty()) {
            return "";
        }
        StringBuilder sb = new StringBuilder("?");
        query.forEach((k, v) -> {
            if (sb.length() > 1) {
                sb.append('&');
            }
            sb.append(k).append('=').append(k.equals("access_token") ? "<redacted>" : v);
        });
        return sb.toString();
    }

    private LoggedInDevice authenticate(HttpExchange ex, Map<String, String> query) {
        String header = ex.getRequestHeaders().getFirst("Authorization");
        String token = null;
        if (header != null && header.regionMatches(true, 0, "Bearer ", 0, 7)) {
            token = header.substring(7).trim();
        } else if (query.containsKey("access_token")) {
            token = query.get("access_token");
        }
        if (token == null || token.isEmpty()) {
            throw new MatrixError(401, "M_MISSING_TOKEN", "Missing access token");
        }
        synchronized (hs.lock) {
            LoggedInDevice session = hs.accounts.session(token);
            if (session == null) {
                throw new MatrixError(401, "M_UNKNOWN_TOKEN", "Unknown access token", Map.of("soft_logout", false));
            }
            return session;
        }
    }

    /** Every request body is capped at the upload limit, the largest thing a client may send. */
    private byte[] readBody(HttpExchange ex) throws IOException {
        long max = hs.media.maxUploadBytes();
        String declared = ex.getRequestHeaders().getFirst("Content-Length");
        if (declared != null && parseLong(declared) > max) {
            throw tooLarge(max); // refuse before reading it all into memory
        }
        byte[] body = ex.getRequestBody().readNBytes((int) Math.min(Integer.MAX_VALUE - 8, max + 1));
        if (body.length > max) {
            throw tooLarge(max);
        }
        return body;
    }

    private static long parseLong(String s) {
        try {
            return Long.parseLong(s.trim());
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    private static MatrixError tooLarge(long max) {
        return new MatrixError(413, "M_TOO_LARGE", "Request larger than " + max + " bytes");
    }

    static void write(HttpExchange ex, Reply reply) throws IOException {
        byte[] bytes = reply.raw() != null ? reply.raw() : Json.write(reply.json());
        Headers h = ex.getResponseHeaders();
        h.set("Content-Type", reply.contentType());
        h.set("Access-Control-Allow-Origin", "*");
        h.set("Access-Control-Allow-Methods", "GET, POST, PUT, DELETE, OPTIONS");
        h.set("Access-Control-Allow-Headers", "X-Requested-With, Content-Type, Authorization");
        reply.headers().forEach(h::set);
        boolean head = ex.getRequestMethod().equals("HEAD");
        ex.sendResponseHeaders(reply.status(), head || bytes.length == 0 ? -1 : bytes.length);
        if (!head && bytes.length > 0) {
            try (OutputStream out = ex.getResponseBody()) {
                out.write(bytes);
            }
        }
    }
}
