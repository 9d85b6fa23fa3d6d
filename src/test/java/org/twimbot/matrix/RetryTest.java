package org.twimbot.matrix;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.Level;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import okhttp3.mockwebserver.MockResponse;
import okhttp3.mockwebserver.SocketPolicy;
import org.junit.jupiter.api.Test;

/** What is retried, how long the client waits, and what reaches the caller when it gives up. */
class RetryTest extends MockServerTest {

    private static final String JOINED = "{\"joined_rooms\":[\"!a:x\"]}";

    @Test
    void rateLimitHonoursRetryAfterMsFromBody() throws Exception {
        server.enqueue(json(
                429, "{\"errcode\":\"M_LIMIT_EXCEEDED\",\"error\":\"Too many requests\",\"retry_after_ms\":1234}"));
        server.enqueue(ok(JOINED));
        assertEquals(List.of("!a:x"), client.joinedRooms());
        assertEquals(List.of(Duration.ofMillis(1234)), sleeps);
        assertEquals(2, server.getRequestCount());
    }

    @Test
    void rateLimitHonoursRetryAfterHeaderInSeconds() throws Exception {
        server.enqueue(json(429, "{\"errcode\":\"M_LIMIT_EXCEEDED\"}").setHeader("Retry-After", "7"));
        server.enqueue(ok(JOINED));
        assertEquals(List.of("!a:x"), client.joinedRooms());
        assertEquals(List.of(Duration.ofSeconds(7)), sleeps, "7 s although maxDelay is 2 s: the server knows best");
        assertEquals(2, server.getRequestCount());
    }

    @Test
    void serverHintIsCappedAtOneMinute() throws Exception {
        server.enqueue(json(429, "{\"errcode\":\"M_LIMIT_EXCEEDED\",\"retry_after_ms\":86400000}"));
        server.enqueue(ok(JOINED));
        client.joinedRooms();
        assertEquals(List.of(Backoff.MAX_SERVER_HINT), sleeps);
        assertEquals(Duration.ofMinutes(1), Backoff.MAX_SERVER_HINT, "the documented cap");
    }

    /**
     * A server that keeps asking for two minutes: the client waits the capped minute before every
     * attempt - never less, so it does not hammer - and gets through when the limit ends.
     */
    @Test
    void longRetryAfterIsCappedAndNeverHammered() throws Exception {
        for (int i = 0; i < 3; i++) {
            server.enqueue(json(429, "{\"errcode\":\"M_LIMIT_EXCEEDED\",\"retry_after_ms\":120000}"));
        }
        server.enqueue(json(429, "{\"errcode\":\"M_LIMIT_EXCEEDED\"}").setHeader("Retry-After", "120"));
        server.enqueue(ok("{\"event_id\":\"$sent\"}"));
        assertEquals("$sent", client.sendNotice("!r:x", "twim-txn-7", "hello", null));
        assertEquals(
                List.of(Duration.ofMinutes(1), Duration.ofMinutes(1), Duration.ofMinutes(1), Duration.ofMinutes(1)),
                sleeps);
        assertEquals(5, server.getRequestCount(), "one request per wait, none in between");
        assertEquals(1, logLines(Level.WARN).size(), "logged once, not per attempt: " + logLines(Level.WARN));
    }

    /** A hint of 0 ms on every answer must not turn the retry loop into a busy loop: our own backoff still applies. */
    @Test
    void aZeroHintStillBacksOff() throws Exception {
        for (int i = 0; i < 4; i++)
            server.enqueue(json(429, "{\"errcode\":\"M_LIMIT_EXCEEDED\",\"retry_after_ms\":0}"));
        server.enqueue(ok(JOINED));
        client.joinedRooms();
        assertEquals(4, sleeps.size());
        long[] floors = {100, 100, 100, 100}; // initialDelay at least; jitter up to the doubling ceiling
        long[] ceilings = {100, 200, 400, 800};
        for (int i = 0; i < 4; i++) {
            long ms = sleeps.get(i).toMillis();
            assertTrue(ms >= floors[i] && ms <= ceilings[i], "wait " + i + " was " + ms + " ms");
        }
    }

    @Test
    void rateLimitWithoutHintUsesBackoff() throws Exception {
        server.enqueue(json(429, "{\"errcode\":\"M_LIMIT_EXCEEDED\"}"));
        server.enqueue(ok(JOINED));
        client.joinedRooms();
        assertEquals(List.of(Duration.ofMillis(100)), sleeps, "first backoff is exactly initialDelay");
    }

    @Test
    void serviceUnavailableThreeTimesThenSuccess() throws Exception {
        for (int i = 0; i < 3; i++) server.enqueue(json(503, "<html>bad gateway</html>"));
        server.enqueue(ok(JOINED));
        assertEquals(List.of("!a:x"), client.joinedRooms());
        assertEquals(4, server.getRequestCount());
        assertEquals(3, sleeps.size());
        // full jitter: each wait within [initialDelay, min(maxDelay, initialDelay * 2^(n-1))]
        long[] ceilings = {100, 200, 400};
        for (int i = 0; i < 3; i++) {
            long ms = sleeps.get(i).toMillis();
            assertTrue(ms >= 100 && ms <= ceilings[i], "wait " + i + " was " + ms + " ms");
        }
        assertEquals(
                1, logLines(Level.WARN).size(), "one WARN per failing call, not per attempt: " + logLines(Level.WARN));
        assertTrue(
                logLines(Level.WARN).get(0).contains("HTTP 503"),
                logLines(Level.WARN).get(0));
        assertTrue(
                logLines(Level.INFO).stream().anyMatch(l -> l.contains("succeeded after 4 attempts")),
                logLines(Level.INFO).toString());
    }

    @Test
    void otherGatewayErrorsAreRetried() throws Exception {
        server.enqueue(json(500, "{}"));
        server.enqueue(json(502, ""));
        server.enqueue(json(504, ""));
        server.enqueue(ok(JOINED));
        client.joinedRooms();
        assertEquals(4, server.getRequestCount());
    }

    @Test
    void disconnectThenSuccess() throws Exception {
        server.enqueue(new MockResponse().setSocketPolicy(SocketPolicy.DISCONNECT_AT_START));
        server.enqueue(ok(JOINED));
        assertEquals(List.of("!a:x"), client.joinedRooms());
        assertEquals(1, sleeps.size(), "the disconnect went through our retry, not OkHttp's silent one");
    }

    @Test
    void connectionRefusedIsRetriedAndIOExceptionThrownWhenExhausted() throws Exception {
        int port = server.getPort();
        server.shutdown();
        MatrixClient refused = new MatrixClient(
                "http://127.0.0.1:" + port,
                new RetryPolicy(3, Duration.ofMillis(10), Duration.ofMillis(40)),
                new okhttp3.OkHttpClient(),
                recordingSleeper);
        IOException e = assertThrows(IOException.class, refused::joinedRooms);
        assertFalse(e instanceof MatrixException, "an IO failure stays an IO failure: " + e);
        assertEquals(2, sleeps.size(), "3 attempts, 2 waits");
        refused.close();
    }

    @Test
    void exhaustedRetriesThrowTheLastHttpError() throws Exception {
        for (int i = 0; i < 5; i++)
            server.enqueue(json(502, "{\"errcode\":\"M_UNKNOWN\",\"error\":\"upstream " + i + "\"}"));
        MatrixException e = assertThrows(MatrixException.class, client::joinedRooms);
        assertEquals(502, e.httpStatus());
        assertEquals("M_UNKNOWN", e.errcode());
        assertTrue(e.getMessage().contains("upstream 4"), e.getMessage());
        assertEquals(5, server.getRequestCount(), "maxAttempts = 5 attempts in all");
        assertEquals(4, sleeps.size());
        assertEquals(1, logLines(Level.WARN).size());
    }

    @Test
    void forbiddenFailsImmediately() throws Exception {
        server.enqueue(json(403, "{\"errcode\":\"M_FORBIDDEN\",\"error\":\"You are not invited to this room.\"}"));
        MatrixException e = assertThrows(MatrixException.class, () -> client.joinRoom("!secret:x"));
        assertEquals(403, e.httpStatus());
        assertTrue(e.isForbidden());
        assertTrue(e.getMessage().contains("You are not invited to this room."), e.getMessage());
        assertEquals(1, server.getRequestCount());
        assertTrue(sleeps.isEmpty());
    }

    @Test
    void unknownTokenIsReported() throws Exception {
        server.enqueue(json(
                401,
                "{\"errcode\":\"M_UNKNOWN_TOKEN\",\"error\":\"Invalid access token passed.\",\"soft_logout\":false}"));
        MatrixException e = assertThrows(MatrixException.class, client::whoami);
        assertTrue(e.isUnknownToken());
        assertEquals(401, e.httpStatus());
        assertEquals(1, server.getRequestCount());
    }

    @Test
    void errorWithoutJsonBodyKeepsStatus() throws Exception {
        server.enqueue(new MockResponse().setResponseCode(400).setBody("<html>nope</html>"));
        MatrixException e = assertThrows(MatrixException.class, client::joinedRooms);
        assertEquals(400, e.httpStatus());
        assertNull(e.errcode());
    }

    @Test
    void malformedJsonIn200IsRetried() throws Exception {
        server.enqueue(ok("{\"joined_rooms\":[\"!a:x\""));
        server.enqueue(ok("<html>proxy page</html>"));
        server.enqueue(ok(JOINED));
        assertEquals(List.of("!a:x"), client.joinedRooms());
        assertEquals(3, server.getRequestCount());
        assertEquals(2, sleeps.size());
    }

    @Test
    void sendKeepsTxnIdAcrossRetries() throws Exception {
        server.enqueue(json(503, ""));
        server.enqueue(new MockResponse().setSocketPolicy(SocketPolicy.DISCONNECT_AFTER_REQUEST));
        server.enqueue(json(429, "{\"errcode\":\"M_LIMIT_EXCEEDED\",\"retry_after_ms\":5}"));
        server.enqueue(ok("{\"event_id\":\"$once\"}"));
        assertEquals("$once", client.sendNotice("!r:x", "twim-txn-42", "hello", null));
        assertEquals(4, server.getRequestCount());
        Set<String> bodies = new HashSet<>();
        for (int i = 0; i < 4; i++) {
            var r = take();
            assertEquals("PUT", r.getMethod());
            assertEquals("/_matrix/client/v3/rooms/!r:x/send/m.room.message/twim-txn-42", r.getPath());
            bodies.add(r.getBody().readUtf8());
        }
        assertEquals(1, bodies.size(), "the same content every attempt: " + bodies);
    }

    @Test
    void foreverPolicyKeepsTrying() throws Exception {
        MatrixClient forever = newClient(new RetryPolicy(0, Duration.ofMillis(1), Duration.ofMillis(8)));
        for (int i = 0; i < 12; i++) server.enqueue(json(503, ""));
        server.enqueue(ok("{\"next_batch\":\"s9\"}"));
        assertEquals("s9", forever.sync("s8", null, 0).nextBatch());
        assertEquals(12, sleeps.size());
        assertTrue(sleeps.stream().allMatch(d -> d.toMillis() >= 1 && d.toMillis() <= 8), sleeps.toString());
    }

    @Test
    void interruptDuringBackoffStopsRetrying() throws Exception {
        MatrixClient interrupted = new MatrixClient(
                server.url("/").toString(), RetryPolicy.defaults(), new okhttp3.OkHttpClient(), delay -> {
                    throw new InterruptedException();
                });
        server.enqueue(json(503, ""));
        assertThrows(InterruptedIOException.class, interrupted::joinedRooms);
        assertTrue(Thread.interrupted(), "the interrupt flag is restored (and cleared here)");
        assertEquals(1, server.getRequestCount());
    }

    @Test
    void backoffCeilingDoublesUpToMax() {
        Backoff b = new Backoff(new RetryPolicy(0, Duration.ofMillis(250), Duration.ofSeconds(30)));
        assertEquals(Duration.ofMillis(250), b.ceiling(1));
        assertEquals(Duration.ofMillis(500), b.ceiling(2));
        assertEquals(Duration.ofMillis(16000), b.ceiling(7));
        assertEquals(Duration.ofSeconds(30), b.ceiling(8));
        assertEquals(Duration.ofSeconds(30), b.ceiling(1000), "no overflow after many failures");
        for (int i = 0; i < 200; i++) {
            long ms = b.delay(5).toMillis();
            assertTrue(ms >= 250 && ms <= 4000, ms + " ms");
        }
    }
}
