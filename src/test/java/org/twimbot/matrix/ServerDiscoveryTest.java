package org.twimbot.matrix;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import okhttp3.OkHttpClient;
import okhttp3.mockwebserver.MockResponse;
import okhttp3.mockwebserver.MockWebServer;
import okhttp3.mockwebserver.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Finding the client-server API from a server name, as clients do (spec, client-server API, "Well-known URIs"):
 * GET /.well-known/matrix/client on the server name; 404 means the server name itself; any other failure is an error.
 */
class ServerDiscoveryTest {
    private MockWebServer server;
    private final OkHttpClient http = new OkHttpClient();

    @BeforeEach
    void start() throws IOException {
        server = new MockWebServer();
        server.start();
    }

    @AfterEach
    void stop() throws IOException {
        server.shutdown();
        http.dispatcher().executorService().shutdown();
    }

    private String discover() throws IOException {
        return ServerDiscovery.baseUrl("example.org", server.url("/"), http);
    }

    @Test
    void theWellKnownNamesTheBaseUrl() throws Exception {
        server.enqueue(new MockResponse().setBody("{\"m.homeserver\":{\"base_url\":\"https://matrix.example.org/\"}}"));
        assertEquals("https://matrix.example.org", discover(), "the trailing slash is dropped");
        RecordedRequest r = server.takeRequest();
        assertEquals("/.well-known/matrix/client", r.getPath());
    }

    @Test
    void noWellKnownMeansTheServerNameItself() throws Exception {
        server.enqueue(new MockResponse().setResponseCode(404));
        assertEquals("https://example.org", discover());
    }

    @Test
    void anythingElseIsAnErrorSayingWhat() {
        server.enqueue(new MockResponse().setResponseCode(500));
        assertTrue(assertThrows(IOException.class, this::discover).getMessage().contains("HTTP 500"));
        server.enqueue(new MockResponse().setBody("<html>"));
        assertTrue(assertThrows(IOException.class, this::discover).getMessage().contains("not JSON"));
        server.enqueue(new MockResponse().setBody("{\"m.identity_server\":{}}"));
        assertTrue(assertThrows(IOException.class, this::discover).getMessage().contains("m.homeserver.base_url"));
        server.enqueue(new MockResponse().setBody("{\"m.homeserver\":{\"base_url\":\"matrix.example.org\"}}"));
        assertTrue(assertThrows(IOException.class, this::discover).getMessage().contains("not an http(s) URL"));
    }

    @Test
    void aHugeAnswerIsNotReadWhole() {
        server.enqueue(new MockResponse()
                .setBody("{\"m.homeserver\":{\"base_url\":\"https://a.example\"},\"x\":\""
                        + "y".repeat(ServerDiscovery.MAX_BYTES) + "\"}"));
        assertTrue(assertThrows(IOException.class, this::discover).getMessage().contains("larger than"));
    }
}
