package org.twimbot.matrix;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import okhttp3.OkHttpClient;
import okhttp3.mockwebserver.MockResponse;
import okhttp3.mockwebserver.MockWebServer;
import okhttp3.mockwebserver.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.slf4j.LoggerFactory;

/** A real HTTP server (MockWebServer), a client pointed at it, a sleeper that records instead of waiting, and captured logs. */
abstract class MockServerTest {
    static final ObjectMapper MAPPER = new ObjectMapper();
    static final String TOKEN = "syt_VERYSECRET_token_4f9a2c";

    MockWebServer server;
    final List<Duration> sleeps = new CopyOnWriteArrayList<>();
    final Sleeper recordingSleeper = sleeps::add;
    MatrixClient client;
    ListAppender<ILoggingEvent> logs;
    private Logger packageLogger;
    private Level previousLevel;

    @BeforeEach
    void startServer() throws IOException {
        server = new MockWebServer();
        server.start();
        client = newClient(new RetryPolicy(5, Duration.ofMillis(100), Duration.ofSeconds(2)));
        client.setAccessToken(TOKEN);
        packageLogger = (Logger) LoggerFactory.getLogger("org.twimbot.matrix");
        previousLevel = packageLogger.getLevel();
        packageLogger.setLevel(Level.DEBUG);
        logs = new ListAppender<>();
        logs.start();
        packageLogger.addAppender(logs);
    }

    @AfterEach
    void stopServer() throws IOException {
        packageLogger.detachAppender(logs);
        packageLogger.setLevel(previousLevel);
        client.close();
        server.shutdown();
    }

    MatrixClient newClient(RetryPolicy policy) {
        OkHttpClient http = new OkHttpClient.Builder()
                .connectTimeout(Duration.ofSeconds(5))
                .readTimeout(Duration.ofSeconds(5))
                .build();
        return new MatrixClient(server.url("/").toString(), policy, http, recordingSleeper);
    }

    static MockResponse json(int status, String body) {
        return new MockResponse()
                .setResponseCode(status)
                .setHeader("Content-Type", "application/json")
                .setBody(body);
    }

    static MockResponse ok(String body) {
        return json(200, body);
    }

    RecordedRequest take() throws InterruptedException {
        RecordedRequest request = server.takeRequest(5, TimeUnit.SECONDS);
        if (request == null) throw new AssertionError("no request received");
        return request;
    }

    static JsonNode bodyJson(RecordedRequest request) throws IOException {
        return MAPPER.readTree(request.getBody().readUtf8());
    }

    List<String> logLines(Level level) {
        return logs.list.stream()
                .filter(e -> e.getLevel() == level)
                .map(ILoggingEvent::getFormattedMessage)
                .toList();
    }
}
