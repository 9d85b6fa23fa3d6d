package org.twimbot.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import okhttp3.mockwebserver.Dispatcher;
import okhttp3.mockwebserver.MockResponse;
import okhttp3.mockwebserver.MockWebServer;
import okhttp3.mockwebserver.RecordedRequest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What an operator gets wrong on day one ends in one line saying what to do and a documented exit status, never a
 * stack trace: a URL that is not a Matrix server, a port in use, a file that is not a database.
 */
class StartupErrorsTest {
    @TempDir
    Path dir;

    private Path config(String url, String extra) throws Exception {
        return Files.writeString(dir.resolve("config.yaml"), """
                homeserver:
                  url: "%s"
                  user_id: "@twimbot:example.org"
                  access_token: "syt_not_used"
                rooms:
                  submissions: "#twim:example.org"
                editors:
                  users: ["@ed:example.org"]
                %s
                """.formatted(url, extra));
    }

    /** The problem line on stderr: no stack trace, no exception class names, the secret nowhere. */
    private static void assertOneLine(CliRun r, int status, String... parts) {
        assertEquals(status, r.status(), r.all());
        assertFalse(r.err().contains("\tat "), "no stack trace:\n" + r.all());
        assertFalse(r.err().contains("Exception"), "no exception names:\n" + r.all());
        assertFalse(r.err().contains("syt_not_used"), r.all());
        String line = r.err()
                .lines()
                .filter(l -> l.contains(parts[0]))
                .findFirst()
                .orElseThrow(() -> new AssertionError(r.all()));
        for (String part : parts) assertTrue(line.contains(part), "'" + part + "' in: " + line);
    }

    @Test
    void aUrlThatIsNotAMatrixServerIsAConfigurationError() throws Exception {
        try (MockWebServer website = new MockWebServer()) {
            website.setDispatcher(new Dispatcher() {
                @Override
                public MockResponse dispatch(RecordedRequest request) {
                    return new MockResponse().setResponseCode(404).setBody("<html>Not Found</html>");
                }
            });
            website.start();
            String url = website.url("/").toString();
            CliRun r = CliRun.of("run", "-c", config(url, "").toString());
            assertOneLine(r, Main.EXIT_CONFIG, "is not a Matrix homeserver", "homeserver.url", "404");
        }
    }

    @Test
    void aHealthPortInUseIsOneLine() throws Exception {
        try (ServerSocket busy = new ServerSocket()) {
            busy.bind(new InetSocketAddress(0)); // every interface, as the health endpoint binds
            int port = busy.getLocalPort();
            CliRun r = CliRun.of(
                    "run",
                    "-c",
                    config("http://127.0.0.1:9", "http: {health_port: " + port + "}")
                            .toString());
            assertOneLine(r, Main.EXIT_UNAVAILABLE, "http.health_port " + port, "in use");
        }
    }

    @Test
    void aStoreFileThatIsNotSqliteIsOneLine() throws Exception {
        Files.writeString(dir.resolve("twimbot.db"), "this is my shopping list, not a database\n".repeat(200));
        CliRun r = CliRun.of("run", "-c", config("http://127.0.0.1:9", "").toString());
        assertOneLine(
                r,
                Main.EXIT_UNAVAILABLE,
                "store.path",
                dir.resolve("twimbot.db").toString(),
                "not an SQLite database");
    }

    @Test
    void devserverOnABusyOrInvalidPortIsOneLine() throws Exception {
        try (ServerSocket busy = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            CliRun r = CliRun.of("devserver", "--port", Integer.toString(busy.getLocalPort()));
            assertOneLine(r, Main.EXIT_UNAVAILABLE, "--port " + busy.getLocalPort(), "in use");
        }
        CliRun invalid = CliRun.of("devserver", "--port", "70000");
        assertOneLine(invalid, Main.EXIT_CONFIG, "--port 70000", "between 0 and 65535");
    }
}
