package org.twimbot.devserver;

import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Deque;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.Predicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A deterministic fault plan for the dev homeserver, FOR TESTS: each request that {@code applies}
 * selects fails with probability {@code rate}, drawn from a {@link Random} seeded with {@code seed};
 * the kind of failure is dealt from a shuffled deck of every {@link Kind}, so that after a few dozen
 * faults every kind has occurred. Faults mimic a homeserver behind a proxy that restarts, rate-limits
 * and misbehaves.
 *
 * <p>A fault never makes a write look failed after applying it: a write is either refused before it
 * is applied, or (for {@code PUT}, which carries a transaction id the server deduplicates, and for
 * reads) applied and then its answer is lost - dropped, stalled or mangled - so the client retries
 * the same transaction and must get the same event back. {@code POST}s are only failed before applying.
 */
public final class Faults {
    private static final Logger LOG = LoggerFactory.getLogger(Faults.class);

    /** The ways a request can fail. */
    public enum Kind {
        /** 429 M_LIMIT_EXCEEDED with a small {@code retry_after_ms} in the body. */
        RATE_LIMITED_RETRY_AFTER_MS,
        /** 429 with a {@code Retry-After: 0} header and no hint in the body. */
        RATE_LIMITED_RETRY_AFTER_HEADER,
        HTTP_500,
        HTTP_502,
        HTTP_503,
        HTTP_504,
        /** The connection is closed without an answer, before the request is applied. */
        CLOSED_BEFORE_APPLY,
        /** The request is applied (PUT or read), then the connection is closed without an answer. */
        CLOSED_AFTER_APPLY,
        /** No answer for longer than the client's read timeout (before applying; for a PUT or read, after, at random). */
        STALL,
        /** A 200 whose body is not valid JSON (for a PUT or read, the real answer truncated after applying). */
        MALFORMED_JSON
    }

    /** What the plan sees of a request to decide whether it is subject to faults. */
    public record Target(String method, String path, String userId, String userAgent) {}

    private final long seed;
    private final double rate;
    private final Predicate<Target> applies;
    private final long stallMillis;
    private final Random random;
    private final Deque<Kind> deck = new ArrayDeque<>();
    private final Map<Kind, Integer> injected = new EnumMap<>(Kind.class);
    private int considered;

    /**
     * @param seed the PRNG seed: the same seed and the same request sequence give the same faults
     * @param rate probability in [0, 1] that a selected request fails
     * @param applies which requests are subject to faults (e.g. only the bot's, by user agent)
     * @param stallMillis how long a {@link Kind#STALL} holds the answer back: more than the client's read timeout
     */
    public Faults(long seed, double rate, Predicate<Target> applies, long stallMillis) {
        if (rate < 0 || rate > 1) throw new IllegalArgumentException("rate must be in [0, 1]");
        this.seed = seed;
        this.rate = rate;
        this.applies = applies;
        this.stallMillis = stallMillis;
        this.random = new Random(seed);
    }

    /** Requests that were subject to the plan (selected by the predicate) so far. */
    public synchronized int considered() {
        return considered;
    }

    /** Faults injected so far, per kind (kinds never injected are absent). */
    public synchronized Map<Kind, Integer> injected() {
        return Map.copyOf(injected);
    }

    public synchronized int injectedTotal() {
        return injected.values().stream().mapToInt(Integer::intValue).sum();
    }

    @Override
    public synchronized String toString() {
        return "Faults[seed=" + seed + ", rate=" + rate + ", considered=" + considered + ", injected=" + injected + "]";
    }

    /** The fault for this request, or null to answer it normally. */
    private synchronized Decision decide(Target target, boolean mediaDownload) {
        if (!applies.test(target)) return null;
        considered++;
        if (random.nextDouble() >= rate) return null;
        boolean put = target.method().equals("PUT");
        boolean read = target.method().equals("GET");
        boolean answerAfterApply = put || read;
        Kind kind = null;
        List<Kind> skipped = new ArrayList<>();
        while (kind == null) {
            if (deck.isEmpty()) {
                List<Kind> all = new ArrayList<>(Arrays.asList(Kind.values()));
                Collections.shuffle(all, random);
                deck.addAll(all);
            }
            Kind k = deck.poll();
            boolean possible = switch (k) {
                case CLOSED_AFTER_APPLY -> answerAfterApply;
                case MALFORMED_JSON -> !mediaDownload; // raw bytes are not JSON: a mangled file would go unnoticed
                default -> true;
            };
            if (possible) kind = k;
            else skipped.add(k);
        }
        skipped.forEach(deck::addFirst); // dealt to a later request that can take them
        injected.merge(kind, 1, Integer::sum);
        boolean afterApply = switch (kind) {
            case CLOSED_AFTER_APPLY -> true;
            case STALL, MALFORMED_JSON -> answerAfterApply && random.nextBoolean();
            default -> false;
        };
        return new Decision(kind, afterApply, 5 + random.nextInt(26));
    }

    private record Decision(Kind kind, boolean afterApply, int retryAfterMs) {}

    /**
     * Answers {@code ex} through {@code router}, or injects a fault. Called by the router for every
     * request while a plan is installed; closing the exchange is the caller's job.
     */
    void handle(HttpExchange ex, Router router, Homeserver hs) throws IOException {
        String path = ex.getRequestURI().getRawPath();
        Decision d = decide(
                new Target(
                        ex.getRequestMethod(),
                        path,
                        userId(ex, hs),
                        ex.getRequestHeaders().getFirst("User-Agent")),
                path.contains("/download/") || path.contains("/thumbnail/"));
        if (d == null) {
            Router.write(ex, router.reply(ex));
            return;
        }
        LOG.debug(
                "devserver: injecting {} ({}) into {} {}",
                d.kind(),
                d.afterApply() ? "after applying" : "before applying",
                ex.getRequestMethod(),
                path);
        Reply applied = d.afterApply() ? router.reply(ex) : null;
        switch (d.kind()) {
            case RATE_LIMITED_RETRY_AFTER_MS ->
                Router.write(
                        ex,
                        Reply.status(
                                429,
                                Map.of(
                                        "errcode",
                                        "M_LIMIT_EXCEEDED",
                                        "error",
                                        "Too many requests",
                                        "retry_after_ms",
                                        d.retryAfterMs())));
            case RATE_LIMITED_RETRY_AFTER_HEADER ->
                Router.write(
                        ex,
                        new Reply(
                                429,
                                Map.of("errcode", "M_LIMIT_EXCEEDED", "error", "Too many requests"),
                                null,
                                "application/json",
                                Map.of("Retry-After", "0")));
            case HTTP_500, HTTP_502, HTTP_503, HTTP_504 -> {
                int status = Integer.parseInt(d.kind().name().substring(5));
                // proxies answer 502/504 with an HTML page, not a Matrix error
                if (status == 502 || status == 504) {
                    Router.write(
                            ex,
                            new Reply(
                                    status,
                                    null,
                                    "<html><body><h1>Bad Gateway</h1></body></html>".getBytes(StandardCharsets.UTF_8),
                                    "text/html",
                                    Map.of()));
                } else {
                    Router.write(ex, Reply.status(status, Map.of("errcode", "M_UNKNOWN", "error", "Injected failure")));
                }
            }
            case CLOSED_BEFORE_APPLY, CLOSED_AFTER_APPLY -> {
                // nothing: closing an exchange whose headers were never sent closes the connection
            }
            case STALL -> {
                try {
                    Thread.sleep(stallMillis);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            case MALFORMED_JSON -> {
                byte[] body = applied != null && applied.raw() == null
                        ? Json.write(applied.json())
                        : "{\"next_batch\": ".getBytes(StandardCharsets.UTF_8);
                byte[] truncated = Arrays.copyOf(body, Math.max(1, body.length / 2));
                Router.write(ex, new Reply(200, null, truncated, "application/json", Map.of()));
            }
        }
    }

    private static String userId(HttpExchange ex, Homeserver hs) {
        String header = ex.getRequestHeaders().getFirst("Authorization");
        if (header == null || !header.regionMatches(true, 0, "Bearer ", 0, 7)) return null;
        synchronized (hs.lock) {
            LoggedInDevice s = hs.accounts.session(header.substring(7).trim());
            return s == null ? null : s.userId();
        }
    }
}
