package org.twimbot.matrix;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import okhttp3.OkHttpClient;
import okhttp3.mockwebserver.Dispatcher;
import okhttp3.mockwebserver.MockResponse;
import okhttp3.mockwebserver.RecordedRequest;
import org.junit.jupiter.api.Test;

/** The sync loop and command handlers share one client; close() releases its threads and connections. */
class ConcurrencyAndLifecycleTest extends MockServerTest {

    @Test
    void sendCompletesWhileSyncIsLongPolling() throws Exception {
        CountDownLatch sendDone = new CountDownLatch(1);
        server.setDispatcher(new Dispatcher() {
            @Override
            public MockResponse dispatch(RecordedRequest request) throws InterruptedException {
                if (request.getPath().startsWith("/_matrix/client/v3/sync")) {
                    // The long-poll only answers once the send has completed on another thread:
                    // if the client serialised calls, this would never return (and the test fail).
                    boolean sent = sendDone.await(10, TimeUnit.SECONDS);
                    return ok("{\"next_batch\":\"" + (sent ? "after-send" : "timed-out") + "\"}");
                }
                return ok("{\"event_id\":\"$e\"}");
            }
        });
        CompletableFuture<SyncBatch> sync = CompletableFuture.supplyAsync(() -> {
            try {
                return client.sync("s1", null, 30000);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
        // wait until the sync request is at the server, then send from this thread
        RecordedRequest first = take();
        assertTrue(first.getPath().startsWith("/_matrix/client/v3/sync"), first.getPath());
        assertEquals("$e", client.sendNotice("!r:x", "t1", "hello", null));
        sendDone.countDown();
        assertEquals("after-send", sync.get(10, TimeUnit.SECONDS).nextBatch());
    }

    @Test
    void readTimeoutIsRetried() throws Exception {
        OkHttpClient shortTimeout =
                new OkHttpClient.Builder().readTimeout(Duration.ofMillis(300)).build();
        MatrixClient impatient =
                new MatrixClient(server.url("/").toString(), RetryPolicy.fast(), shortTimeout, recordingSleeper);
        server.enqueue(ok("{\"joined_rooms\":[]}").setHeadersDelay(1, TimeUnit.SECONDS));
        server.enqueue(ok("{\"joined_rooms\":[\"!late:x\"]}"));
        assertEquals(List.of("!late:x"), impatient.joinedRooms());
        assertEquals(1, sleeps.size());
        impatient.close();
    }

    @Test
    void closeShutsDispatcherAndEvictsPool() throws Exception {
        OkHttpClient http = new OkHttpClient();
        MatrixClient own = new MatrixClient(server.url("/").toString(), RetryPolicy.fast(), http, recordingSleeper);
        server.enqueue(ok("{\"joined_rooms\":[]}"));
        own.joinedRooms();
        assertEquals(1, http.connectionPool().idleConnectionCount(), "keep-alive connection pooled after the call");
        own.close();
        assertTrue(http.dispatcher().executorService().isShutdown());
        assertEquals(0, http.connectionPool().connectionCount());
    }
}
