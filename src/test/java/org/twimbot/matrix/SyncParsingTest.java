package org.twimbot.matrix;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.Level;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Test;

/** /sync and /messages responses become records; one broken event never fails the batch. */
class SyncParsingTest extends MockServerTest {

    private static final String SYNC = """
            {
              "next_batch": "s72595_4483_1934",
              "rooms": {
                "join": {
                  "!twim:matrix.org": {
                    "state": {"events": [
                      {"type":"m.room.power_levels","state_key":"","event_id":"$pl","sender":"@admin:x",
                       "origin_server_ts":1,"content":{"users":{"@admin:x":100}}},
                      {"type":"m.room.member","event_id":"$nostatekey","sender":"@admin:x","content":{}}
                    ]},
                    "timeline": {
                      "limited": true,
                      "prev_batch": "t34-23535_0_0",
                      "events": [
                        {"type":"m.room.message","event_id":"$good1","sender":"@timo:conduit.rs","origin_server_ts":1666984045000,
                         "content":{"msgtype":"m.text","body":"TWIM: Conduit 0.5","format":"org.matrix.custom.html",
                                    "formatted_body":"TWIM: <b>Conduit</b> 0.5"},
                         "unsigned":{"age":1234}},
                        "not an event",
                        {"type":"m.room.message","event_id":"$badcontent","sender":"@x:y","content":"oops"},
                        {"type":"m.room.message","event_id":42,"sender":"@x:y","content":{}},
                        {"type":"m.room.message","event_id":"$nosender","content":{}},
                        {"type":7,"event_id":"$badtype","sender":"@x:y","content":{}},
                        {"type":"m.room.redaction","event_id":"$red","sender":"@timo:conduit.rs","origin_server_ts":1666984046000,
                         "redacts":"$old","content":{}},
                        {"type":"m.reaction","event_id":"$react","sender":"@editor:x","origin_server_ts":1666984047000,
                         "content":{"m.relates_to":{"rel_type":"m.annotation","event_id":"$good1","key":"🏢"}}}
                      ]
                    }
                  },
                  "!quiet:x": {"timeline": {"events": [], "limited": false}},
                  "!broken:x": "not a room"
                },
                "invite": {
                  "!editors:matrix.org": {"invite_state": {"events": []}},
                  "!spam:evil.example": {}
                },
                "leave": {}
              }
            }
            """;

    @Test
    void parsesJoinedRoomsInvitesAndSkipsMalformedEvents() throws Exception {
        server.enqueue(ok(SYNC));
        SyncBatch batch = client.sync("s1", "f1", 30000);

        assertEquals("s72595_4483_1934", batch.nextBatch());
        assertEquals(List.of("!editors:matrix.org", "!spam:evil.example"), batch.invitedRoomIds());
        Map<String, RoomTimeline> rooms =
                batch.rooms().stream().collect(Collectors.toMap(RoomTimeline::roomId, Function.identity()));
        assertEquals(2, rooms.size(), "the non-object room entry is skipped: " + rooms.keySet());

        RoomTimeline twim = rooms.get("!twim:matrix.org");
        assertTrue(twim.limited());
        assertEquals("t34-23535_0_0", twim.prevBatch());
        assertEquals(
                List.of("$good1", "$red", "$react"),
                twim.events().stream().map(RoomEvent::eventId).toList());
        assertEquals(3, batch.eventCount());

        RoomEvent good = twim.events().get(0);
        assertEquals("!twim:matrix.org", good.roomId(), "room id comes from the sync map key");
        assertEquals("@timo:conduit.rs", good.sender());
        assertEquals("m.room.message", good.type());
        assertEquals(1666984045000L, good.originServerTs());
        assertEquals("TWIM: Conduit 0.5", good.body());
        assertEquals("TWIM: <b>Conduit</b> 0.5", good.formattedBody());
        assertEquals(1234, good.unsigned().path("age").asInt());
        assertFalse(good.isState());
        assertEquals("$old", twim.events().get(1).redactionTarget());
        assertEquals("🏢", twim.events().get(2).relationKey());
        assertEquals("$good1", twim.events().get(2).relatesTo());

        assertEquals(
                List.of("$pl"), twim.state().stream().map(RoomEvent::eventId).toList());
        assertEquals("", twim.state().get(0).stateKey());
        assertTrue(twim.state().get(0).isState());

        RoomTimeline quiet = rooms.get("!quiet:x");
        assertFalse(quiet.limited());
        assertNull(quiet.prevBatch());
        assertTrue(quiet.events().isEmpty());
        assertTrue(quiet.state().isEmpty());

        List<String> warnings = logLines(Level.WARN);
        for (String id : List.of("$badcontent", "$nosender", "$badtype", "$nostatekey")) {
            assertTrue(warnings.stream().anyMatch(w -> w.contains(id)), "a WARN names " + id + ": " + warnings);
        }
        assertTrue(warnings.stream().anyMatch(w -> w.contains("content is not an object")), warnings.toString());
        assertTrue(warnings.stream().anyMatch(w -> w.contains("not a JSON object")), warnings.toString());
        assertTrue(warnings.stream().anyMatch(w -> w.contains("event_id is not a string")), warnings.toString());
        assertTrue(sleeps.isEmpty(), "bad events are not a reason to retry");
    }

    @Test
    void emptySyncHasNoRooms() throws Exception {
        server.enqueue(ok("{\"next_batch\":\"s2\"}"));
        SyncBatch batch = client.sync(null, null, 0);
        assertTrue(batch.rooms().isEmpty());
        assertTrue(batch.invitedRoomIds().isEmpty());
    }

    @Test
    void syncWithoutNextBatchOrTruncatedIsRetried() throws Exception {
        server.enqueue(ok("{\"rooms\":{}}"));
        server.enqueue(ok("{\"next_batch\":\"s3\",\"rooms\":{\"join\":{"));
        server.enqueue(ok("{\"next_batch\":\"s3\"}"));
        assertEquals("s3", client.sync("s2", null, 1000).nextBatch());
        assertEquals(3, server.getRequestCount());
        assertEquals(2, sleeps.size());
    }

    @Test
    void longPollOutlivesTheSharedReadTimeout() throws Exception {
        // Shared read timeout 1 s and a single attempt: a response after 2 s fails an ordinary call,
        // but a long-poll of 1 s (+ 30 s margin) waits for it.
        okhttp3.OkHttpClient shortTimeout = new okhttp3.OkHttpClient.Builder()
                .readTimeout(Duration.ofSeconds(1))
                .build();
        MatrixClient oneShot = new MatrixClient(
                server.url("/").toString(),
                new RetryPolicy(1, Duration.ofMillis(1), Duration.ofMillis(1)),
                shortTimeout,
                recordingSleeper);
        server.enqueue(ok("{\"joined_rooms\":[]}").setHeadersDelay(2, TimeUnit.SECONDS));
        Assertions.assertThrows(SocketTimeoutException.class, oneShot::joinedRooms);

        server.enqueue(ok("{\"next_batch\":\"late\"}").setHeadersDelay(2, TimeUnit.SECONDS));
        assertEquals("late", oneShot.sync(null, null, 1000).nextBatch());
        oneShot.close();
    }

    @Test
    void messagesUseEventRoomIdOrTheRequestedOne() throws Exception {
        server.enqueue(ok("""
                {"start":"t10","end":"t9","chunk":[
                  {"type":"m.room.message","event_id":"$m2","room_id":"!r:x","sender":"@a:x","origin_server_ts":20,
                   "content":{"msgtype":"m.image","body":"shot.png","url":"mxc://x/abc"}},
                  {"type":"m.room.message","event_id":"$m1","sender":"@a:x","origin_server_ts":10,"content":{"body":"TWIM: hi"}},
                  {"type":"m.room.message","event_id":"$bad","sender":"@a:x","content":[]},
                  {"type":"m.room.name","event_id":"$s1","sender":"@a:x","state_key":"","content":{"name":"TWIM"}}
                ]}
                """));
        MessagesPage page = client.messages("!r:x", "t10", "b", 50, null);
        assertEquals("t10", page.start());
        assertEquals("t9", page.end());
        assertEquals(
                List.of("$m2", "$m1", "$s1"),
                page.chunk().stream().map(RoomEvent::eventId).toList());
        assertTrue(page.chunk().stream().allMatch(e -> e.roomId().equals("!r:x")));
        assertEquals("m.image", page.chunk().get(0).msgtype());
        assertTrue(page.chunk().get(2).isState());
        assertTrue(logLines(Level.WARN).stream().anyMatch(w -> w.contains("$bad")));
    }

    @Test
    void lastMessagesPageHasNoEnd() throws Exception {
        server.enqueue(ok("{\"start\":\"t1\",\"chunk\":[]}"));
        MessagesPage page = client.messages("!r:x", null, "f", 10, null);
        assertNull(page.end());
        assertTrue(page.chunk().isEmpty());
        assertNull(take().getRequestUrl().queryParameter("from"));
    }
}
