package org.twimbot.matrix;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Media downloads end, whatever the homeserver answers: the client's own policy retries forever (the sync loop
 * needs that), but a download under a {@link CallBudget} makes at most its number of attempts and gives up when
 * the next wait would pass its deadline; a final answer (404, the homeserver's own 502 "Failed to fetch remote
 * media", too large) is not retried at all. Against a real HTTP server; the waits are recorded, not slept.
 */
class DownloadBudgetTest extends MockServerTest {
    private static final String V12 = "{\"versions\":[\"v1.2\"]}";
    private static final String REMOTE_FAILED =
            "{\"errcode\":\"M_UNKNOWN\",\"error\":\"Failed to fetch remote media\"}";

    @TempDir
    Path dir;

    private MatrixClient forever() {
        MatrixClient c = newClient(new RetryPolicy(0, Duration.ofMillis(100), Duration.ofSeconds(2)));
        c.setAccessToken(TOKEN);
        return c;
    }

    @Test
    void aTransientFailureIsRetriedAtMostTheBudgetsAttempts() throws Exception {
        server.enqueue(ok(V12));
        for (int i = 0; i < 10; i++) server.enqueue(json(503, "")); // a proxy's answer: worth retrying, but not forever
        MatrixClient c = forever();
        MatrixException e = assertThrows(
                MatrixException.class,
                () -> c.downloadTo(
                        "mxc://evil.example/x", 1000, dir.resolve("p"), CallBudget.of(4, Duration.ofMinutes(2))));
        assertEquals(503, e.httpStatus());
        assertEquals(1 + 4, server.getRequestCount());
        assertEquals(3, sleeps.size(), "a wait between attempts, none after the last");
    }

    @Test
    void theHomeserversOwnBadGatewayIsFinal() throws Exception {
        server.enqueue(ok(V12));
        server.enqueue(json(502, REMOTE_FAILED));
        MatrixClient c = forever();
        MatrixException e = assertThrows(
                MatrixException.class,
                () -> c.downloadTo(
                        "mxc://evil.example/x", 1000, dir.resolve("p"), CallBudget.of(4, Duration.ofMinutes(2))));
        assertEquals(502, e.httpStatus());
        assertEquals(2, server.getRequestCount(), "versions, then one download attempt");
        assertTrue(sleeps.isEmpty());
    }

    @Test
    void notFoundIsFinal() throws Exception {
        server.enqueue(ok(V12));
        server.enqueue(json(404, "{\"errcode\":\"M_NOT_FOUND\",\"error\":\"Not found\"}"));
        MatrixException e = assertThrows(
                MatrixException.class,
                () -> forever()
                        .downloadTo("mxc://x/gone", 1000, dir.resolve("p"), CallBudget.of(4, Duration.ofMinutes(2))));
        assertTrue(e.isNotFound());
        assertEquals(2, server.getRequestCount());
    }

    @Test
    void theDeadlineEndsRetriesEvenWithAttemptsLeft() throws Exception {
        server.enqueue(ok(V12));
        for (int i = 0; i < 50; i++) server.enqueue(json(503, ""));
        // a clock the recorded waits advance: the budget's deadline is 1 s away, each wait at least 100 ms
        AtomicLong elapsedMs = new AtomicLong();
        MatrixClient c = new MatrixClient(
                server.url("/").toString(),
                new RetryPolicy(0, Duration.ofMillis(100), Duration.ofMillis(400)),
                new okhttp3.OkHttpClient(),
                d -> {
                    sleeps.add(d);
                    elapsedMs.addAndGet(d.toMillis());
                });
        CallBudget budget = new CallBudget(1000, () -> Duration.ofMillis(1000 - elapsedMs.get()));
        assertThrows(MatrixException.class, () -> c.downloadTo("mxc://slow.example/x", 1000, dir.resolve("p"), budget));
        long waited = sleeps.stream().mapToLong(Duration::toMillis).sum();
        assertTrue(waited <= 1000, "never waits past the deadline: " + sleeps);
        assertTrue(server.getRequestCount() - 1 <= 11, "attempts: " + (server.getRequestCount() - 1));
        c.close();
    }

    @Test
    void aDeadlineAlreadyPassedMakesNoRequest() throws Exception {
        server.enqueue(ok(V12));
        MatrixClient c = forever();
        c.versions();
        assertThrows(
                IOException.class,
                () -> c.downloadTo("mxc://x/y", 1000, dir.resolve("p"), new CallBudget(4, () -> Duration.ZERO)));
        assertEquals(1, server.getRequestCount(), "only /versions");
        assertTrue(Files.notExists(dir.resolve("p")) || Files.size(dir.resolve("p")) == 0);
    }
}
