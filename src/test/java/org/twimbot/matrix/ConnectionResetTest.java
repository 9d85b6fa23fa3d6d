package org.twimbot.matrix;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.Level;
import java.time.Duration;
import java.util.List;
import okhttp3.OkHttpClient;
import okhttp3.mockwebserver.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.twimbot.testing.TcpFaultProxy;

/**
 * A real TCP reset (RST) in the middle of a response body, from a proxy in front of the server: the
 * client retries the same request - the same sync position, the same transaction id - and loses nothing.
 */
class ConnectionResetTest extends MockServerTest {
    private TcpFaultProxy proxy;
    private MatrixClient proxied;

    @BeforeEach
    void startProxy() throws Exception {
        proxy = TcpFaultProxy.start(server.url("/").toString());
        OkHttpClient http =
                new OkHttpClient.Builder().readTimeout(Duration.ofSeconds(5)).build();
        proxied = new MatrixClient(
                proxy.baseUrl(),
                new RetryPolicy(5, Duration.ofMillis(100), Duration.ofSeconds(2)),
                http,
                recordingSleeper);
        proxied.setAccessToken(TOKEN);
    }

    @AfterEach
    void stopProxy() throws Exception {
        proxied.close();
        proxy.close();
    }

    @Test
    void aSyncResetMidBodyIsRetriedFromTheSamePosition() throws Exception {
        String events = "{\"type\":\"m.room.message\",\"event_id\":\"$e1\",\"sender\":\"@a:x\",\"origin_server_ts\":1,"
                + "\"content\":{\"msgtype\":\"m.text\",\"body\":\"TWIM: " + "news ".repeat(400) + "\"}}";
        String body =
                "{\"next_batch\":\"s2\",\"rooms\":{\"join\":{\"!r:x\":{\"timeline\":{\"events\":[" + events + "]}}}}}";
        server.enqueue(ok(body));
        server.enqueue(ok(body));
        proxy.resetResponseTo(line -> line.startsWith("GET /_matrix/client/v3/sync"));

        SyncBatch batch = proxied.sync("s1", null, 0);

        assertEquals(1, proxy.resets(), "the first answer was cut by a reset");
        assertEquals("s2", batch.nextBatch());
        assertEquals("$e1", batch.rooms().get(0).events().get(0).eventId());
        assertEquals(2, server.getRequestCount());
        RecordedRequest first = take();
        RecordedRequest second = take();
        assertTrue(first.getPath().contains("since=s1"), first.getPath());
        assertEquals(first.getPath(), second.getPath(), "retried from the same position");
        assertEquals(1, sleeps.size(), "through our retry policy, with a backoff");
        assertResetSeen();
    }

    @Test
    void aSendResetMidBodyIsRetriedWithTheSameTransactionId() throws Exception {
        server.enqueue(ok("{\"event_id\":\"$sent_" + "x".repeat(200) + "\"}"));
        server.enqueue(ok("{\"event_id\":\"$sent\"}"));
        proxy.resetResponseTo(line -> line.startsWith("PUT "));

        assertEquals("$sent", proxied.sendNotice("!r:x", "twim-txn-9", "hello", null));

        assertEquals(1, proxy.resets());
        assertEquals(2, server.getRequestCount());
        RecordedRequest first = take();
        RecordedRequest second = take();
        assertEquals("/_matrix/client/v3/rooms/!r:x/send/m.room.message/twim-txn-9", first.getPath());
        assertEquals(first.getPath(), second.getPath(), "the same transaction id, so the server keeps one event");
        assertEquals(first.getBody().readUtf8(), second.getBody().readUtf8());
        assertResetSeen();
    }

    /** The client saw a reset (not a clean end of stream): the fault is the one this test is about. */
    private void assertResetSeen() {
        List<String> warnings = logLines(Level.WARN);
        assertEquals(1, warnings.size(), warnings.toString());
        assertTrue(warnings.get(0).contains("Connection reset"), warnings.get(0));
    }
}
