package org.twimbot.bot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import okhttp3.mockwebserver.Dispatcher;
import okhttp3.mockwebserver.MockResponse;
import okhttp3.mockwebserver.MockWebServer;
import okhttp3.mockwebserver.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.twimbot.matrix.Backoff;
import org.twimbot.matrix.MatrixClient;
import org.twimbot.matrix.RetryPolicy;
import org.twimbot.matrix.RoomEvent;
import org.twimbot.matrix.RoomTimeline;

/**
 * Back-fill holds a bounded amount of memory: a page asks for at most {@link Backfill#PAGE} events and for
 * fewer when the events are large (about {@link Backfill#PAGE_BYTES} of JSON a page), and an Error on the
 * prefetching thread (an OutOfMemoryError) reaches the caller as itself, never as a retryable IOException.
 * Against a real HTTP server serving a room of {@code EVENTS} events of {@code SIZE} characters.
 */
class BackfillBoundsTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int EVENTS = 400;
    private static final int SIZE = 60_000;
    private static final String ROOM = "!r:x";

    MockWebServer server;
    MatrixClient client;
    final List<Integer> limits = new CopyOnWriteArrayList<>();

    @BeforeEach
    void start() throws Exception {
        String body = "x".repeat(SIZE);
        server = new MockWebServer();
        server.setDispatcher(new Dispatcher() {
            @Override
            public MockResponse dispatch(RecordedRequest r) {
                int from = Integer.parseInt(r.getRequestUrl().queryParameter("from"));
                int limit = Integer.parseInt(r.getRequestUrl().queryParameter("limit"));
                limits.add(limit);
                ArrayNode chunk = JSON.createArrayNode();
                int to = Math.min(EVENTS, from + limit);
                for (int i = from; i < to; i++) {
                    ObjectNode e = chunk.addObject()
                            .put("event_id", "$e" + i)
                            .put("type", "m.room.message")
                            .put("sender", "@a:x")
                            .put("origin_server_ts", 1000 + i)
                            .put("room_id", ROOM);
                    e.putObject("content").put("msgtype", "m.text").put("body", body);
                }
                ObjectNode page = JSON.createObjectNode().put("start", Integer.toString(from));
                if (to < EVENTS) page.put("end", Integer.toString(to));
                page.set("chunk", chunk);
                return new MockResponse()
                        .setHeader("Content-Type", "application/json")
                        .setBody(page.toString());
            }
        });
        server.start();
        client = new MatrixClient(
                server.url("/").toString(), new RetryPolicy(3, Duration.ofMillis(1), Duration.ofMillis(5)));
        client.setAccessToken("t");
    }

    @AfterEach
    void stop() throws Exception {
        client.close();
        server.shutdown();
    }

    /** A gap of the whole room: the sync timeline starts after the last event. */
    private static RoomTimeline gap() {
        return new RoomTimeline(ROOM, List.of(), List.of(), true, null);
    }

    @Test
    void largeEventsMakeSmallerPagesAndEveryEventStillArrivesInOrder() throws Exception {
        Backfill backfill = new Backfill(client, null);
        List<String> seen = new ArrayList<>();
        long maxPageChars = 0;
        try (Backfill.Pages<RoomEvent> pages = backfill.pages(gap(), "0", events -> events)) {
            for (List<RoomEvent> page; (page = pages.next()) != null; ) {
                long chars = 0;
                for (RoomEvent e : page) {
                    seen.add(e.eventId());
                    chars += e.content().path("body").asText().length();
                }
                maxPageChars = Math.max(maxPageChars, chars);
            }
        }
        assertEquals(EVENTS, seen.size());
        for (int i = 0; i < EVENTS; i++) assertEquals("$e" + i, seen.get(i));
        assertEquals(Backfill.PAGE, limits.get(0), "the first page asks for the most");
        int expected = (int) (Backfill.PAGE_BYTES / SIZE);
        for (int limit : limits.subList(1, limits.size())) {
            assertTrue(limit <= expected && limit >= expected / 2, "later pages fit the byte budget: " + limits);
        }
        assertTrue(maxPageChars <= (long) Backfill.PAGE * SIZE, "no page above the event cap: " + maxPageChars);
    }

    @Test
    void smallEventsKeepTheFullPage() {
        assertEquals(Backfill.PAGE, Backfill.nextLimit(Backfill.PAGE, 200L * Backfill.PAGE));
        assertEquals(1, Backfill.nextLimit(10, Backfill.PAGE_BYTES * 100), "never below one event");
        assertEquals(Backfill.PAGE, Backfill.nextLimit(0, 0), "an empty page says nothing about sizes");
    }

    @Test
    void anErrorWhilePreparingAheadIsNotTurnedIntoARetryableIOException() {
        Backfill backfill = new Backfill(client, null);
        OutOfMemoryError thrown = assertThrows(OutOfMemoryError.class, () -> {
            try (Backfill.Pages<RoomEvent> pages = backfill.pages(gap(), "0", events -> {
                throw new OutOfMemoryError("simulated: Java heap space");
            })) {
                pages.next();
            }
        });
        assertEquals("simulated: Java heap space", thrown.getMessage());
    }

    /** The sync loop's wait after a failed round: from 2 s, doubling, capped at 2 minutes (not every 2 s forever). */
    @Test
    void failedSyncRoundsBackOffExponentiallyUpToACap() {
        Backoff b = new Backoff(Bot.SYNC_RETRY);
        assertEquals(Duration.ofSeconds(2), b.ceiling(1));
        assertEquals(Duration.ofSeconds(16), b.ceiling(4));
        assertEquals(Duration.ofMinutes(2), b.ceiling(8));
        assertEquals(Duration.ofMinutes(2), b.ceiling(10_000));
        for (int i = 0; i < 100; i++) {
            Duration d = b.delay(6);
            assertTrue(
                    d.compareTo(Duration.ofSeconds(2)) >= 0 && d.compareTo(Duration.ofSeconds(64)) <= 0, d.toString());
        }
    }
}
