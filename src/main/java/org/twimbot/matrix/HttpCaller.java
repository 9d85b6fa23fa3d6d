package org.twimbot.matrix;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.InterruptedIOException;
import java.io.Reader;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import okhttp3.ResponseBody;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs one logical API call as one or more HTTP attempts, retrying what is transient (429,
 * 500/502/503/504, IO errors, a 2xx with an unparseable body) per {@link RetryPolicy} and turning
 * every other error response into a {@link MatrixException} at once. The caller builds the
 * {@link Request} once, so everything in it - in particular a send's transaction id - is identical
 * across attempts, which is what makes retried sends idempotent on the server.
 */
final class HttpCaller {
    private static final Logger LOG = LoggerFactory.getLogger(HttpCaller.class);
    /** Error bodies are small JSON objects; never buffer a huge proxy page to read one. */
    private static final long MAX_ERROR_BODY = 64 * 1024;

    /** Reads a successful response; an IOException it throws counts as transient unless it is a non-retryable MatrixException. */
    @FunctionalInterface
    interface BodyHandler<T> {
        T handle(Response response) throws IOException;
    }

    private final RetryPolicy policy;
    private final Backoff backoff;
    private final Sleeper sleeper;
    private final ObjectMapper mapper;
    private final Supplier<String> currentToken;
    /** Set while the current thread's calls hand a 429 to their caller instead of waiting it out. */
    private final ThreadLocal<Boolean> rateLimitsToCaller = ThreadLocal.withInitial(() -> false);
    /** The failure of the latest failed attempt, cleared by any success; for /health. */
    private volatile MatrixClient.Trouble trouble;

    HttpCaller(RetryPolicy policy, Sleeper sleeper, ObjectMapper mapper, Supplier<String> currentToken) {
        this.policy = policy;
        this.backoff = new Backoff(policy);
        this.sleeper = sleeper;
        this.mapper = mapper;
        this.currentToken = currentToken;
    }

    /** The call with its response parsed as a JSON object. */
    JsonNode callJson(OkHttpClient client, Request request) throws IOException {
        return call(client, request, this::readJsonObject);
    }

    <T> T call(OkHttpClient client, Request request, BodyHandler<T> handler) throws IOException {
        return call(client, request, handler, null);
    }

    /** @param budget null for the policy alone; else the call also ends within the budget (see {@link CallBudget}) */
    <T> T call(OkHttpClient client, Request request, BodyHandler<T> handler, CallBudget budget) throws IOException {
        String what = request.method() + " " + request.url().encodedPath();
        for (int attempt = 1; ; attempt++) {
            Transient failure;
            if (budget != null && budget.expired()) {
                throw new SocketTimeoutException(what + ": no time left before the deadline");
            }
            try {
                T result = attemptOnce(client, request, handler, budget);
                trouble = null;
                if (attempt > 1) LOG.info("{} succeeded after {} attempts", what, attempt);
                return result;
            } catch (Transient t) {
                failure = t;
            }
            if (rateLimitsToCaller.get() && failure.error instanceof MatrixException m && m.httpStatus() == 429) {
                throw new RateLimitedException(m, failure.retryAfter);
            }
            boolean exhausted = policy.maxAttempts() > 0 && attempt >= policy.maxAttempts()
                    || budget != null && attempt >= budget.maxAttempts();
            if (attempt == 1) {
                // Once per call, not per attempt: a long outage must not flood the log.
                LOG.warn(
                        "{} failed: {}; {}",
                        what,
                        reason(failure.error),
                        exhausted ? "not retrying" : "retrying with backoff");
            }
            if (exhausted) {
                LOG.debug("{} giving up after {} attempts", what, attempt);
                throw failure.error;
            }
            // a server's hint wins when it asks for longer, capped; a hint of 0 ms on every attempt still backs off
            Duration delay = backoff.delay(attempt);
            if (failure.retryAfter != null) delay = Backoff.max(delay, Backoff.capServerHint(failure.retryAfter));
            if (budget != null && delay.compareTo(budget.remaining().get()) >= 0) {
                LOG.debug("{} giving up after {} attempts: the next would start after the deadline", what, attempt);
                throw failure.error;
            }
            LOG.debug(
                    "{} attempt {} failed ({}); next in {} ms", what, attempt, reason(failure.error), delay.toMillis());
            noteTrouble(request, failure.error, attempt, delay);
            try {
                sleeper.sleep(delay);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                InterruptedIOException ie = new InterruptedIOException("interrupted while waiting to retry " + what);
                ie.addSuppressed(failure.error);
                throw ie;
            }
        }
    }

    private <T> T attemptOnce(OkHttpClient client, Request request, BodyHandler<T> handler, CallBudget budget)
            throws IOException, Transient {
        Response response;
        try {
            okhttp3.Call call = client.newCall(request);
            // the whole attempt, reading the body included, ends at the deadline
            if (budget != null)
                call.timeout().timeout(Math.max(1, budget.remaining().get().toNanos()), TimeUnit.NANOSECONDS);
            response = call.execute();
        } catch (IOException e) {
            throw transientUnlessInterrupted(e);
        }
        try (response) {
            int code = response.code();
            if (code >= 200 && code < 300) {
                try {
                    return handler.handle(response);
                } catch (MatrixException e) {
                    if (isRetryableStatus(e.httpStatus())) throw new Transient(e, null);
                    throw e;
                } catch (IOException e) {
                    throw transientUnlessInterrupted(e);
                }
            }
            JsonNode errorBody = readErrorBody(response);
            MatrixException error = toException(request, code, errorBody);
            if (isRetryableStatus(code) && !(budget != null && isHomeserversBadGateway(code, errorBody))) {
                throw new Transient(error, retryAfter(response, errorBody));
            }
            throw error;
        }
    }

    /**
     * A 502 with a Matrix error body is the homeserver's own final word that a remote server failed it (Synapse:
     * "Failed to fetch remote media"; it already tried). A proxy's 502 (an HTML page, no errcode) may pass.
     */
    private static boolean isHomeserversBadGateway(int code, JsonNode errorBody) {
        return code == 502 && errorBody != null && RoomEvent.text(errorBody, "errcode") != null;
    }

    /** Runs {@code call} with 429 answers thrown as {@link RateLimitedException} at once, on this thread only. */
    <T> T reportingRateLimits(MatrixClient.IoCall<T> call) throws IOException {
        boolean before = rateLimitsToCaller.get();
        rateLimitsToCaller.set(true);
        try {
            return call.call();
        } finally {
            rateLimitsToCaller.set(before);
        }
    }

    /** The latest failed attempt's trouble, or null when the latest attempt succeeded. */
    MatrixClient.Trouble trouble() {
        return trouble;
    }

    /**
     * Remembers the failure for /health and, when the server cannot be reached, says so again in the log at attempts
     * 2, 4, 8, 16 ... (a falling rate: a day's outage writes about a dozen lines). The first attempt's WARN is
     * {@link #call}'s.
     */
    private void noteTrouble(Request request, IOException error, int attempt, Duration delay) {
        MatrixClient.Trouble previous = trouble;
        String reason = error instanceof MatrixException m
                ? "the homeserver answers HTTP " + m.httpStatus()
                : "cannot reach the homeserver (" + error.getClass().getSimpleName() + ")";
        Instant since = previous != null ? previous.since() : Instant.now();
        trouble = new MatrixClient.Trouble(reason, since, attempt);
        // an answering server (429, 5xx) has said what it wants; only silence needs repeating
        if (error instanceof MatrixException || attempt < 2 || Integer.bitCount(attempt) != 1) return;
        String server = request.url().scheme() + "://" + request.url().host()
                + (request.url().port()
                                == okhttp3.HttpUrl.defaultPort(request.url().scheme())
                        ? ""
                        : ":" + request.url().port());
        String next =
                String.format(Locale.ROOT, "%.1fs", delay.toMillis() / 1000.0).replace(".0s", "s");
        LOG.warn(
                "still cannot reach {} ({}; attempt {}, next in {}); check homeserver.url",
                server,
                reason(error),
                attempt,
                next);
    }

    /** An interrupted thread means someone wants us to stop (shutdown), not a flaky network. */
    private static Transient transientUnlessInterrupted(IOException e) throws IOException {
        if (Thread.currentThread().isInterrupted()) throw e;
        return new Transient(e, null);
    }

    static boolean isRetryableStatus(int code) {
        return code == 429 || code == 500 || code == 502 || code == 503 || code == 504;
    }

    /**
     * The body as a JSON object, decoded as UTF-8 leniently: a malformed byte sequence (a hostile
     * client's message stored verbatim by a lax server, a CESU-encoded surrogate) becomes U+FFFD.
     * Rejecting the body would be worse: the server sends the same bytes for the same sync position
     * again, so the bot would retry forever and never see anything after that event. A Reader costs
     * about 1 ms per thousand events more than Jackson's byte parser; nothing beside the network.
     */
    JsonNode readJsonObject(Response response) throws IOException {
        ResponseBody body = response.body();
        if (body == null) throw new MalformedResponseException("empty response body");
        return readJsonObject(body.byteStream());
    }

    /** {@link #readJsonObject(Response)} from a stream. */
    JsonNode readJsonObject(InputStream stream) throws IOException {
        JsonNode node;
        // an InputStreamReader given a Charset replaces malformed input instead of failing
        try (Reader in = new InputStreamReader(stream, StandardCharsets.UTF_8)) {
            node = mapper.readTree(in);
        } catch (JsonProcessingException e) {
            // Jackson quotes the offending input; without the cause and scrubbed, so a body echoing the token cannot
            // leak it.
            throw new MalformedResponseException("response body is not valid JSON: " + scrub(e.getOriginalMessage()));
        }
        if (node == null || !node.isObject())
            throw new MalformedResponseException("response body is not a JSON object");
        return node;
    }

    private JsonNode readErrorBody(Response response) {
        try {
            String text = response.peekBody(MAX_ERROR_BODY).string();
            JsonNode node = mapper.readTree(text);
            return node != null && node.isObject() ? node : null;
        } catch (IOException | RuntimeException e) {
            return null; // an HTML page from a proxy, a truncated body: the status alone must do
        }
    }

    private MatrixException toException(Request request, int code, JsonNode body) {
        String errcode = body == null ? null : RoomEvent.text(body, "errcode");
        String error = body == null ? null : RoomEvent.text(body, "error");
        StringBuilder msg = new StringBuilder()
                .append(request.method())
                .append(' ')
                .append(request.url().encodedPath())
                .append(": HTTP ")
                .append(code);
        if (errcode != null) msg.append(' ').append(errcode);
        if (error != null) msg.append(": ").append(error);
        return new MatrixException(code, errcode, scrub(msg.toString()));
    }

    /** {@code retry_after_ms} (body) or {@code Retry-After} (header, seconds); the larger when both are given. */
    static Duration retryAfter(Response response, JsonNode body) {
        Duration hint = null;
        if (body != null) {
            JsonNode ms = body.get("retry_after_ms");
            if (ms != null && ms.canConvertToLong() && ms.asLong() >= 0) hint = Duration.ofMillis(ms.asLong());
        }
        String header = response.header("Retry-After");
        if (header != null) {
            try {
                long seconds = Long.parseLong(header.trim());
                if (seconds >= 0 && seconds < 1_000_000_000L) {
                    Duration h = Duration.ofSeconds(seconds);
                    if (hint == null || h.compareTo(hint) > 0) hint = h;
                }
            } catch (NumberFormatException ignored) {
                // an HTTP-date: rare from homeservers; our own backoff is good enough then
            }
        }
        return hint;
    }

    /** Belt and braces: should a server echo the token in an error text, it still must not reach logs. */
    String scrub(String text) {
        String token = currentToken.get();
        if (text == null || token == null || token.isEmpty()) return text;
        return text.replace(token, "***");
    }

    private String reason(IOException e) {
        if (e instanceof MatrixException m) {
            // Its message starts with "METHOD /path: ", which the log line already says.
            String msg = m.getMessage() == null ? "HTTP " + m.httpStatus() : m.getMessage();
            int colon = msg.indexOf(": HTTP ");
            return scrub(colon >= 0 ? msg.substring(colon + 2) : msg);
        }
        String msg = e.getMessage();
        return e.getClass().getSimpleName() + (msg == null ? "" : ": " + scrub(msg));
    }

    /** A failed attempt worth retrying, with the server's requested delay when it gave one. */
    private static final class Transient extends Exception {
        final IOException error;
        final Duration retryAfter;

        Transient(IOException error, Duration retryAfter) {
            super(null, null, false, false);
            this.error = error;
            this.retryAfter = retryAfter;
        }
    }
}
