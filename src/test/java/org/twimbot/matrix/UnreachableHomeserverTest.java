package org.twimbot.matrix;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.Level;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * An outage is not silent: besides the first failure, the log repeats "still cannot reach" at attempts 2, 4, 8, ...
 * (a falling rate, so a week-long outage writes a few dozen lines), and the client reports the trouble until a
 * call succeeds, for /health.
 */
class UnreachableHomeserverTest extends MockServerTest {
    private List<String> stillLines() {
        return logs.list.stream()
                .filter(e -> e.getLevel() == Level.WARN)
                .map(e -> e.getFormattedMessage())
                .filter(m -> m.startsWith("still cannot reach"))
                .toList();
    }

    @Test
    void theOutageIsRepeatedInTheLogAtAFallingRate() throws IOException {
        String url = server.url("/").toString();
        server.shutdown(); // nothing listens: connection refused
        try (MatrixClient c = new MatrixClient(
                url,
                new RetryPolicy(70, Duration.ofMillis(100), Duration.ofSeconds(30)),
                new okhttp3.OkHttpClient(),
                recordingSleeper)) {
            assertThrows(IOException.class, c::versions);
            List<String> lines = stillLines();
            List<Integer> attempts = new ArrayList<>();
            for (String l : lines) attempts.add(Integer.parseInt(l.replaceAll(".*attempt (\\d+),.*", "$1")));
            assertEquals(List.of(2, 4, 8, 16, 32, 64), attempts, String.join("\n", lines));
            for (String l : lines) {
                assertTrue(l.startsWith("still cannot reach " + url.replaceAll("/$", "")), l);
                assertTrue(l.contains("ConnectException"), l);
                assertTrue(l.matches(".*next in \\d+(\\.\\d)?s\\).*"), l);
                assertTrue(l.endsWith("check homeserver.url"), l);
            }
        }
    }

    @Test
    void theTroubleIsReportedUntilACallSucceeds() throws Exception {
        List<Optional<MatrixClient.Trouble>> seen = new ArrayList<>();
        try (MatrixClient c = new MatrixClient(
                server.url("/").toString(),
                new RetryPolicy(0, Duration.ofMillis(1), Duration.ofMillis(2)),
                new okhttp3.OkHttpClient(),
                delay -> seen.add(null))) {
            MatrixClient[] self = {c};
            server.enqueue(json(502, "{}"));
            server.enqueue(json(502, "{}"));
            server.enqueue(ok("{\"versions\":[\"v1.2\"]}"));
            try (MatrixClient watching = new MatrixClient(
                    server.url("/").toString(),
                    new RetryPolicy(0, Duration.ofMillis(1), Duration.ofMillis(2)),
                    new okhttp3.OkHttpClient(),
                    delay -> seen.add(self[0].trouble()))) {
                self[0] = watching;
                watching.versions();
                assertEquals(2, seen.size(), "two waits, one per failed attempt");
                MatrixClient.Trouble t = seen.get(1).orElseThrow();
                assertEquals("the homeserver answers HTTP 502", t.reason());
                assertEquals(2, t.attempts());
                assertEquals(Optional.empty(), watching.trouble(), "a success clears it");
            }
        }
    }
}
