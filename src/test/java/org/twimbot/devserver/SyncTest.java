package org.twimbot.devserver;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.twimbot.devserver.TestClient.enc;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.twimbot.devserver.TestClient.Resp;

class SyncTest {
    private static final String V3 = "/_matrix/client/v3";
    private DevServer server;
    private TestClient alice;
    private TestClient bob;

    @BeforeEach
    void start() {
        server = DevServer.start(0, "test.local");
        alice = TestClient.registered(server, "alice");
        bob = TestClient.registered(server, "bob");
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private String rooms(String roomId) {
        return V3 + "/rooms/" + enc(roomId);
    }

    private static JsonNode joined(Resp sync, String roomId) {
        return sync.json().path("rooms").path("join").path(roomId);
    }

    private static List<String> ids(JsonNode events) {
        List<String> out = new ArrayList<>();
        events.forEach(e -> out.add(e.path("event_id").asText()));
        return out;
    }

    private static List<String> bodies(JsonNode events) {
        List<String> out = new ArrayList<>();
        events.forEach(e -> out.add(e.path("content").path("body").asText()));
        return out;
    }

    @Test
    void initialSyncHasClientFormatTimelineAndState() {
        String roomId = alice.createRoom(Map.of("name", "Room"));
        String msg = alice.send(roomId, "first", "t1");
        Resp sync = alice.sync(null, "{\"room\":{\"timeline\":{\"limit\":2}}}", 0);
        assertTrue(sync.text("next_batch").startsWith("s"));
        JsonNode room = joined(sync, roomId);
        JsonNode timeline = room.path("timeline").path("events");
        assertEquals(2, timeline.size());
        JsonNode last = timeline.get(1);
        assertEquals(msg, last.path("event_id").asText());
        assertEquals("m.room.message", last.path("type").asText());
        assertEquals(alice.userId, last.path("sender").asText());
        assertTrue(last.path("origin_server_ts").isNumber());
        assertTrue(last.path("unsigned").path("age").isNumber());
        assertFalse(last.has("room_id"));
        assertFalse(last.has("state_key"));
        assertTrue(room.path("timeline").path("limited").asBoolean());

        List<String> stateTypes = new ArrayList<>();
        room.path("state").path("events").forEach(e -> {
            assertTrue(e.has("state_key"));
            stateTypes.add(e.path("type").asText());
        });
        assertTrue(
                stateTypes.contains("m.room.create") && stateTypes.contains("m.room.power_levels"),
                stateTypes.toString());
        assertFalse(
                ids(room.path("state").path("events"))
                        .contains(timeline.get(0).path("event_id").asText()),
                "state must not repeat timeline events");
    }

    @Test
    void emptyLongPollReturnsTheSameToken() {
        alice.createRoom(Map.of());
        String since = alice.sync(null, null, 0).text("next_batch");
        Resp again = alice.sync(since, null, 50);
        assertEquals(since, again.text("next_batch"));
        assertEquals(0, again.json().path("rooms").path("join").size());
    }

    @Test
    void longPollWakesOnANewEvent() throws Exception {
        String roomId = alice.createRoom(Map.of());
        String since = alice.sync(null, null, 0).text("next_batch");
        CompletableFuture<Resp> waiting = CompletableFuture.supplyAsync(() -> alice.sync(since, null, 30_000));
        CompletableFuture<String> sent = CompletableFuture.supplyAsync(() -> alice.send(roomId, "wake up", "w1"));
        Resp sync = waiting.get(60, TimeUnit.SECONDS);
        String eventId = sent.get(60, TimeUnit.SECONDS);
        JsonNode events = joined(sync, roomId).path("timeline").path("events");
        assertEquals(List.of(eventId), ids(events));
        assertEquals("w1", events.get(0).path("unsigned").path("transaction_id").asText());
        assertFalse(joined(sync, roomId).path("timeline").path("limited").asBoolean());
        assertTrue(Long.parseLong(sync.text("next_batch").substring(1)) > Long.parseLong(since.substring(1)));
    }

    @Test
    void transactionIdIsOnlyOnTheSendersOwnCopy() {
        String roomId = alice.createRoom(Map.of("preset", "public_chat"));
        TestClient.ok(bob.post(rooms(roomId) + "/join", Map.of()));
        String since = bob.sync(null, null, 0).text("next_batch");
        alice.send(roomId, "hi", "secret-txn");
        JsonNode event = joined(bob.sync(since, null, 0), roomId)
                .path("timeline")
                .path("events")
                .get(0);
        assertFalse(event.path("unsigned").has("transaction_id"));
    }

    @Test
    void limitedTimelineThenMessagesRecoversExactlyTheMissedEvents() {
        String roomId = alice.createRoom(Map.of());
        String since = alice.sync(null, null, 0).text("next_batch");
        List<String> sent = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            sent.add(alice.send(roomId, "news " + i, "n" + i));
        }
        Resp sync = alice.sync(since, "{\"room\":{\"timeline\":{\"limit\":5}}}", 0);
        JsonNode timeline = joined(sync, roomId).path("timeline");
        assertTrue(timeline.path("limited").asBoolean());
        assertEquals(sent.subList(45, 50), ids(timeline.path("events")));

        List<String> recovered = new ArrayList<>();
        String from = timeline.path("prev_batch").asText();
        int pages = 0;
        while (from != null) {
            Resp page = alice.get(rooms(roomId) + "/messages?dir=b&limit=7&from=" + enc(from) + "&to=" + enc(since));
            TestClient.ok(page);
            page.json()
                    .path("chunk")
                    .forEach(e -> recovered.add(0, e.path("event_id").asText())); // newest first
            from = page.json().path("end").asText(null);
            assertTrue(++pages < 20, "paging must end");
        }
        assertEquals(sent.subList(0, 45), recovered);
        assertEquals(45, new HashSet<>(recovered).size());
    }

    @Test
    void messagesPagingWithATypeFilterStopsAtTheStartOfTheRoom() {
        String roomId = alice.createRoom(Map.of());
        for (int i = 0; i < 12; i++) {
            alice.send(roomId, "m" + i, "t" + i);
        }
        String filter = enc("{\"types\":[\"m.room.message\"]}");
        List<String> seen = new ArrayList<>();
        String from = null;
        do {
            String q = rooms(roomId) + "/messages?dir=b&limit=5&filter=" + filter
                    + (from == null ? "" : "&from=" + enc(from));
            Resp page = alice.get(q);
            page.json().path("chunk").forEach(e -> {
                assertEquals(roomId, e.path("room_id").asText());
                seen.add(e.path("content").path("body").asText());
            });
            from = page.json().path("end").asText(null);
        } while (from != null);
        List<String> expected = new ArrayList<>();
        for (int i = 11; i >= 0; i--) {
            expected.add("m" + i);
        }
        assertEquals(expected, seen);
    }

    @Test
    void messagesForwardFromANextBatchToken() {
        String roomId = alice.createRoom(Map.of());
        String since = alice.sync(null, null, 0).text("next_batch");
        alice.send(roomId, "a", "1");
        alice.send(roomId, "b", "2");
        alice.send(roomId, "c", "3");
        Resp page = alice.get(rooms(roomId) + "/messages?dir=f&limit=2&from=" + enc(since));
        assertEquals(since, page.text("start"));
        assertEquals(List.of("a", "b"), bodies(page.json().path("chunk")));
        Resp next = alice.get(rooms(roomId) + "/messages?dir=f&limit=2&from=" + enc(page.text("end")));
        assertEquals(List.of("c"), bodies(next.json().path("chunk")));
        assertFalse(next.json().has("end"));
    }

    @Test
    void filtersRestrictRoomsAndTypes() {
        String a = alice.createRoom(Map.of());
        String b = alice.createRoom(Map.of());
        String since = alice.sync(null, null, 0).text("next_batch");
        alice.send(a, "in a", "1");
        alice.send(b, "in b", "2");
        TestClient.ok(alice.put(rooms(a) + "/send/org.example.noise/3", Map.of("x", 1)));
        TestClient.ok(alice.put(rooms(a) + "/state/m.room.topic", Map.of("topic", "t")));

        Map<String, Object> filter = Map.of(
                "room",
                Map.of(
                        "rooms",
                        List.of(a),
                        "timeline",
                        Map.of("types", List.of("m.room.*"), "not_types", List.of("m.room.topic"))));
        Resp saved = alice.post(V3 + "/user/" + enc(alice.userId) + "/filter", filter);
        String filterId = saved.text("filter_id");
        assertNotNull(filterId);
        assertEquals(
                List.of(a),
                texts(alice.get(V3 + "/user/" + enc(alice.userId) + "/filter/" + enc(filterId))
                        .json()
                        .path("room")
                        .path("rooms")));

        Resp sync = alice.sync(since, filterId, 0);
        assertFalse(sync.json().path("rooms").path("join").has(b));
        JsonNode room = joined(sync, a);
        List<String> types = new ArrayList<>();
        room.path("timeline")
                .path("events")
                .forEach(e -> types.add(e.path("type").asText()));
        assertEquals(List.of("m.room.message"), types);
        // the topic change is filtered out of the timeline, so it is reported as state
        assertEquals(List.of("m.room.topic"), types(room.path("state").path("events")));

        Resp inline = alice.sync(since, "{\"room\":{\"rooms\":[\"" + b + "\"]}}", 0);
        assertEquals(List.of(b), fieldNames(inline.json().path("rooms").path("join")));
    }

    @Test
    void invitesAppearInSyncAndLeaveRejectsThem() {
        String roomId = alice.createRoom(Map.of("preset", "private_chat", "name", "Secret"));
        String since = bob.sync(null, null, 0).text("next_batch");
        TestClient.ok(alice.post(rooms(roomId) + "/invite", Map.of("user_id", bob.userId)));

        Resp invited = bob.sync(since, null, 0);
        JsonNode state = invited.json()
                .path("rooms")
                .path("invite")
                .path(roomId)
                .path("invite_state")
                .path("events");
        assertTrue(state.size() > 0, invited.json().toString());
        boolean sawInvite = false;
        for (JsonNode e : state) {
            assertFalse(e.has("event_id"), "invite_state is stripped state");
            if (e.path("type").asText().equals("m.room.member")
                    && e.path("state_key").asText().equals(bob.userId)) {
                assertEquals("invite", e.path("content").path("membership").asText());
                assertEquals(alice.userId, e.path("sender").asText());
                sawInvite = true;
            }
        }
        assertTrue(sawInvite);
        assertTrue(types(state).contains("m.room.name"));

        String afterInvite = invited.text("next_batch");
        TestClient.ok(bob.post(rooms(roomId) + "/leave", Map.of()));
        Resp rejected = bob.sync(afterInvite, null, 0);
        assertTrue(
                rejected.json().path("rooms").path("leave").has(roomId),
                rejected.json().toString());
        assertFalse(rejected.json().path("rooms").path("invite").has(roomId));
        assertEquals(
                "leave",
                alice.get(rooms(roomId) + "/state/m.room.member/" + enc(bob.userId))
                        .text("membership"));
        assertEquals(403, bob.post(rooms(roomId) + "/join", Map.of()).code());
    }

    @Test
    void aRejectedInviteDoesNotRevealTheRoomsHistory() {
        String roomId = alice.createRoom(Map.of("preset", "private_chat"));
        TestClient.ok(alice.post(rooms(roomId) + "/invite", Map.of("user_id", bob.userId)));
        String since = bob.sync(null, null, 0).text("next_batch");
        alice.send(roomId, "private chatter", "p1");
        TestClient.ok(bob.post(rooms(roomId) + "/leave", Map.of()));
        JsonNode timeline = bob.sync(since, null, 0)
                .json()
                .path("rooms")
                .path("leave")
                .path(roomId)
                .path("timeline")
                .path("events");
        assertEquals(List.of("m.room.member"), types(timeline));
        assertEquals(403, bob.get(rooms(roomId) + "/messages?dir=b").code());
    }

    @Test
    void aKickedMemberGetsTheRoomInLeaveOnceAndSeesHistoryOnlyUpToTheKick() {
        String roomId = alice.createRoom(Map.of("preset", "public_chat"));
        TestClient.ok(bob.post(rooms(roomId) + "/join", Map.of()));
        String since = bob.sync(null, null, 0).text("next_batch");
        String before = alice.send(roomId, "before the kick", "k1");
        TestClient.ok(alice.post(rooms(roomId) + "/kick", Map.of("user_id", bob.userId, "reason", "bye")));
        String after = alice.send(roomId, "after the kick", "k2");

        Resp sync = bob.sync(since, null, 0);
        JsonNode left = sync.json()
                .path("rooms")
                .path("leave")
                .path(roomId)
                .path("timeline")
                .path("events");
        assertEquals(List.of("m.room.message", "m.room.member"), types(left));
        assertEquals(before, left.get(0).path("event_id").asText());
        assertEquals("leave", left.get(1).path("content").path("membership").asText());
        assertFalse(sync.json().path("rooms").path("join").has(roomId));

        Resp next = bob.sync(sync.text("next_batch"), null, 0);
        assertFalse(next.json().path("rooms").path("leave").has(roomId));
        List<String> visible =
                ids(bob.get(rooms(roomId) + "/messages?dir=b&limit=50").json().path("chunk"));
        assertTrue(visible.contains(before));
        assertFalse(visible.contains(after));
    }

    @Test
    void joiningAfterAnInviteMovesTheRoomToJoinWithFullState() {
        String roomId = alice.createRoom(Map.of("preset", "private_chat", "name", "Secret"));
        TestClient.ok(alice.post(rooms(roomId) + "/invite", Map.of("user_id", bob.userId)));
        String since = bob.sync(null, null, 0).text("next_batch");
        TestClient.ok(bob.post(V3 + "/join/" + enc(roomId), Map.of()));
        JsonNode room = joined(bob.sync(since, null, 0), roomId);
        List<String> all = types(room.path("state").path("events"));
        all.addAll(types(room.path("timeline").path("events")));
        assertTrue(all.contains("m.room.create") && all.contains("m.room.name"), all.toString());
    }

    @Test
    void redactionStripsTheOriginalAndShowsInSync() {
        String roomId = alice.createRoom(Map.of("preset", "public_chat"));
        String msg = alice.send(roomId, "oops, secret", "t1");
        String since = alice.sync(null, null, 0).text("next_batch");
        Resp redact = alice.put(rooms(roomId) + "/redact/" + enc(msg) + "/r1", Map.of("reason", "leaked"));
        String redactionId = redact.text("event_id");

        JsonNode events =
                joined(alice.sync(since, null, 0), roomId).path("timeline").path("events");
        assertEquals(List.of(redactionId), ids(events));
        JsonNode redaction = events.get(0);
        assertEquals("m.room.redaction", redaction.path("type").asText());
        assertEquals(msg, redaction.path("redacts").asText());
        assertEquals(msg, redaction.path("content").path("redacts").asText());
        assertEquals("leaked", redaction.path("content").path("reason").asText());

        JsonNode original = null;
        for (JsonNode e :
                joined(alice.sync(null, null, 0), roomId).path("timeline").path("events")) {
            if (e.path("event_id").asText().equals(msg)) {
                original = e;
            }
        }
        assertNotNull(original);
        assertEquals(0, original.path("content").size());
        assertEquals(
                redactionId,
                original.path("unsigned")
                        .path("redacted_because")
                        .path("event_id")
                        .asText());
        assertEquals(
                0,
                alice.get(rooms(roomId) + "/event/" + enc(msg))
                        .json()
                        .path("content")
                        .size());
    }

    @Test
    void redactingStateKeepsEssentialKeys() {
        String roomId = alice.createRoom(Map.of("preset", "public_chat"));
        String plId = alice.get(rooms(roomId) + "/state/m.room.power_levels?format=event")
                .text("event_id");
        TestClient.ok(alice.put(rooms(roomId) + "/redact/" + enc(plId) + "/r", Map.of()));
        JsonNode pl = alice.get(rooms(roomId) + "/state/m.room.power_levels").json();
        assertEquals(100, pl.path("users").path(alice.userId).asInt());
        assertFalse(pl.has("historical"));
    }

    @Test
    void badSinceTokensAreRejected() {
        for (String token : List.of("garbage", "s999999", "s-1", "t12")) {
            Resp r = alice.get(V3 + "/sync?timeout=0&since=" + enc(token));
            assertEquals(400, r.code(), token);
            assertEquals("M_UNKNOWN", r.errcode(), token);
        }
    }

    @Test
    void injectedEventsKeepTheirTimestampAndReachSync() {
        String roomId = alice.createRoom(Map.of());
        String since = alice.sync(null, null, 0).text("next_batch");
        String id = server.injectEvent(
                roomId, alice.userId, "m.room.message", Map.of("msgtype", "m.text", "body", "old"), 1_600_000_000_000L);
        JsonNode e = joined(alice.sync(since, null, 0), roomId)
                .path("timeline")
                .path("events")
                .get(0);
        assertEquals(id, e.path("event_id").asText());
        assertEquals(1_600_000_000_000L, e.path("origin_server_ts").asLong());
        assertTrue(server.stats().contains("events=" + server.eventCount()));
        Assertions.assertThrows(
                IllegalArgumentException.class,
                () -> server.injectEvent(roomId, bob.userId, "m.room.message", Map.of(), 1L));
    }

    private static List<String> types(JsonNode events) {
        List<String> out = new ArrayList<>();
        events.forEach(e -> out.add(e.path("type").asText()));
        return out;
    }

    private static List<String> texts(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(n -> out.add(n.asText()));
        return out;
    }

    private static List<String> fieldNames(JsonNode object) {
        List<String> out = new ArrayList<>();
        object.fieldNames().forEachRemaining(out::add);
        return out;
    }
}
