package org.twimbot.devserver;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.twimbot.devserver.TestClient.enc;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.twimbot.devserver.TestClient.Resp;

class RoomsTest {
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

    @Test
    void createRoomWithAliasThenResolveAndJoinByAlias() {
        String roomId = alice.createRoom(
                Map.of("room_alias_name", "twim", "name", "TWIM", "topic", "news", "preset", "public_chat"));
        assertTrue(roomId.matches("![A-Za-z]{18}:test\\.local"), roomId);

        Resp resolved = bob.get(V3 + "/directory/room/" + enc("#twim:test.local"));
        assertEquals(roomId, resolved.text("room_id"));
        assertEquals("test.local", resolved.json().path("servers").get(0).asText());

        Resp joined = bob.post(V3 + "/join/" + enc("#twim:test.local"), Map.of());
        assertEquals(roomId, joined.text("room_id"));
        assertEquals(List.of(roomId), texts(bob.get(V3 + "/joined_rooms").json().path("joined_rooms")));
        JsonNode members = alice.get(rooms(roomId) + "/joined_members").json().path("joined");
        assertTrue(members.has("@alice:test.local") && members.has("@bob:test.local"));
        assertEquals("bob", members.path("@bob:test.local").path("display_name").asText());

        assertEquals("TWIM", bob.get(rooms(roomId) + "/state/m.room.name").text("name"));
        assertEquals("news", bob.get(rooms(roomId) + "/state/m.room.topic/").text("topic"));
        assertEquals(
                "#twim:test.local",
                bob.get(rooms(roomId) + "/state/m.room.canonical_alias").text("alias"));
        assertEquals(
                "public", bob.get(rooms(roomId) + "/state/m.room.join_rules").text("join_rule"));
        assertEquals("11", bob.get(rooms(roomId) + "/state/m.room.create").text("room_version"));
        JsonNode pl = bob.get(rooms(roomId) + "/state/m.room.power_levels").json();
        assertEquals(100, pl.path("users").path("@alice:test.local").asInt());
        assertEquals(50, pl.path("state_default").asInt());
        assertEquals(50, pl.path("redact").asInt());

        Resp unknownAlias = bob.get(V3 + "/directory/room/" + enc("#nope:test.local"));
        assertEquals(404, unknownAlias.code());
        assertEquals("M_NOT_FOUND", unknownAlias.errcode());
        Resp taken = alice.post(V3 + "/createRoom", Map.of("room_alias_name", "twim"));
        assertEquals("M_ROOM_IN_USE", taken.errcode());
    }

    @Test
    void directoryPutAndDelete() {
        String roomId = alice.createRoom(Map.of());
        TestClient.ok(alice.put(V3 + "/directory/room/" + enc("#extra:test.local"), Map.of("room_id", roomId)));
        assertEquals(
                roomId,
                bob.get(V3 + "/directory/room/" + enc("#extra:test.local")).text("room_id"));
        assertEquals(
                409,
                bob.put(V3 + "/directory/room/" + enc("#extra:test.local"), Map.of("room_id", roomId))
                        .code());
        assertEquals(
                "M_FORBIDDEN",
                bob.delete(V3 + "/directory/room/" + enc("#extra:test.local")).errcode());
        TestClient.ok(alice.delete(V3 + "/directory/room/" + enc("#extra:test.local")));
        assertEquals(
                404, bob.get(V3 + "/directory/room/" + enc("#extra:test.local")).code());
    }

    @Test
    void privateRoomsNeedAnInvite() {
        String roomId = alice.createRoom(Map.of("preset", "private_chat"));
        Resp refused = bob.post(rooms(roomId) + "/join", Map.of());
        assertEquals(403, refused.code());
        assertEquals("M_FORBIDDEN", refused.errcode());
        TestClient.ok(alice.post(rooms(roomId) + "/invite", Map.of("user_id", bob.userId)));
        assertEquals(
                "invite",
                alice.get(rooms(roomId) + "/state/m.room.member/" + enc(bob.userId))
                        .text("membership"));
        TestClient.ok(bob.post(V3 + "/join/" + enc(roomId), Map.of()));
        assertTrue(alice.get(rooms(roomId) + "/joined_members")
                .json()
                .path("joined")
                .has(bob.userId));
    }

    @Test
    void sendIsForMembersAndDeduplicatesTransactions() {
        String roomId = alice.createRoom(Map.of("preset", "public_chat"));
        Resp outsider = bob.put(rooms(roomId) + "/send/m.room.message/t1", Map.of("msgtype", "m.text", "body", "hi"));
        assertEquals(403, outsider.code());
        assertEquals("M_FORBIDDEN", outsider.errcode());

        int before = server.eventCount();
        String first = alice.send(roomId, "hello", "txn-1");
        String retry = alice.send(roomId, "hello", "txn-1");
        assertEquals(first, retry);
        assertEquals(before + 1, server.eventCount());
        assertTrue(first.matches("\\$[A-Za-z0-9_-]{43}"), first);
        String other = alice.send(roomId, "hello again", "txn-2");
        assertNotEquals(first, other);
        assertEquals(before + 2, server.eventCount());

        JsonNode event = alice.get(rooms(roomId) + "/event/" + enc(first)).json();
        assertEquals("hello", event.path("content").path("body").asText());
        assertEquals(roomId, event.path("room_id").asText());
        assertEquals(alice.userId, event.path("sender").asText());
    }

    @Test
    void powerLevelsForbidStateChangesAndRedactingOthersEvents() {
        String roomId = alice.createRoom(Map.of("preset", "public_chat"));
        TestClient.ok(bob.post(rooms(roomId) + "/join", Map.of()));

        Resp nameChange = bob.put(rooms(roomId) + "/state/m.room.name", Map.of("name", "mine now"));
        assertEquals(403, nameChange.code());
        assertEquals("M_FORBIDDEN", nameChange.errcode());
        Resp custom = bob.put(rooms(roomId) + "/state/org.example.custom/", Map.of("x", 1));
        assertEquals(403, custom.code()); // state_default is 50

        String aliceMsg = alice.send(roomId, "by alice", "a1");
        Resp redact = bob.put(rooms(roomId) + "/redact/" + enc(aliceMsg) + "/r1", Map.of("reason", "spam"));
        assertEquals(403, redact.code());
        assertEquals("M_FORBIDDEN", redact.errcode());
        assertEquals(
                "by alice",
                bob.get(rooms(roomId) + "/event/" + enc(aliceMsg))
                        .json()
                        .path("content")
                        .path("body")
                        .asText());

        String bobMsg = bob.send(roomId, "by bob", "b1");
        TestClient.ok(bob.put(rooms(roomId) + "/redact/" + enc(bobMsg) + "/r2", Map.of()));
        TestClient.ok(alice.put(rooms(roomId) + "/state/m.room.name", Map.of("name", "admin change")));
        assertEquals(
                "admin change", bob.get(rooms(roomId) + "/state/m.room.name").text("name"));
    }

    @Test
    void powerLevelOverrideAndEventsLevels() {
        String roomId = alice.createRoom(Map.of(
                "preset",
                "public_chat",
                "power_level_content_override",
                Map.of("events_default", 10, "events", Map.of("m.reaction", 0))));
        TestClient.ok(bob.post(rooms(roomId) + "/join", Map.of()));
        Resp msg = bob.put(rooms(roomId) + "/send/m.room.message/m1", Map.of("msgtype", "m.text", "body", "x"));
        assertEquals(403, msg.code());
        Resp reaction = bob.put(
                rooms(roomId) + "/send/m.reaction/m2",
                Map.of("m.relates_to", Map.of("rel_type", "m.annotation", "event_id", "$x", "key", "👍")));
        assertEquals(200, reaction.code());
    }

    @Test
    void stateEndpointsWithEmptyKeysAndMissingState() {
        String roomId = alice.createRoom(Map.of());
        TestClient.ok(alice.put(rooms(roomId) + "/state/org.example.flag/", Map.of("on", true)));
        assertTrue(alice.get(rooms(roomId) + "/state/org.example.flag")
                .json()
                .path("on")
                .asBoolean());
        TestClient.ok(alice.put(rooms(roomId) + "/state/org.example.flag/k", Map.of("on", false)));
        assertTrue(alice.get(rooms(roomId) + "/state/org.example.flag/")
                .json()
                .path("on")
                .asBoolean());
        Resp missing = alice.get(rooms(roomId) + "/state/m.room.topic");
        assertEquals(404, missing.code());
        assertEquals("M_NOT_FOUND", missing.errcode());

        List<String> types = new ArrayList<>();
        alice.get(rooms(roomId) + "/state")
                .json()
                .forEach(e -> types.add(e.path("type").asText()));
        assertTrue(
                types.containsAll(List.of(
                        "m.room.create",
                        "m.room.member",
                        "m.room.power_levels",
                        "m.room.join_rules",
                        "m.room.history_visibility",
                        "org.example.flag")),
                types.toString());
    }

    @Test
    void leaveKickAndMembers() {
        String roomId = alice.createRoom(Map.of("preset", "public_chat"));
        TestClient carol = TestClient.registered(server, "carol");
        TestClient.ok(bob.post(rooms(roomId) + "/join", Map.of()));
        TestClient.ok(carol.post(rooms(roomId) + "/join", Map.of()));
        Resp bobKicks = bob.post(rooms(roomId) + "/kick", Map.of("user_id", carol.userId));
        assertEquals(403, bobKicks.code());
        TestClient.ok(alice.post(rooms(roomId) + "/kick", Map.of("user_id", carol.userId, "reason", "test")));
        TestClient.ok(bob.post(rooms(roomId) + "/leave", Map.of()));
        assertEquals(
                403,
                bob.put(rooms(roomId) + "/send/m.room.message/x", Map.of("body", "late"))
                        .code());

        JsonNode chunk = alice.get(rooms(roomId) + "/members").json().path("chunk");
        Map<String, String> membership = new HashMap<>();
        chunk.forEach(e -> membership.put(
                e.path("state_key").asText(),
                e.path("content").path("membership").asText()));
        assertEquals(Map.of(alice.userId, "join", bob.userId, "leave", carol.userId, "leave"), membership);
        assertEquals(
                List.of(alice.userId),
                new ArrayList<>(fieldNames(
                        alice.get(rooms(roomId) + "/joined_members").json().path("joined"))));
    }

    @Test
    void powerLevelChangesCannotExceedTheSendersOwnLevel() {
        String roomId = alice.createRoom(Map.of("preset", "public_chat"));
        TestClient.ok(bob.post(rooms(roomId) + "/join", Map.of()));
        String plPath = rooms(roomId) + "/state/m.room.power_levels";
        Map<String, Object> pl =
                TestClient.MAPPER.convertValue(alice.get(plPath).json(), Map.class);

        Map<String, Object> users = new HashMap<>(Map.of(alice.userId, 100, bob.userId, 100));
        pl.put("users", users);
        pl.put("events", Map.of("m.room.power_levels", 50));
        assertEquals(403, bob.put(plPath, pl).code(), "bob (0) cannot promote himself");

        users.put(bob.userId, 50);
        TestClient.ok(alice.put(plPath, pl));
        TestClient.ok(bob.put(rooms(roomId) + "/state/m.room.name", Map.of("name", "now allowed")));

        users.put(alice.userId, 0);
        assertEquals(403, bob.put(plPath, pl).code(), "bob (50) cannot demote alice (100)");
        users.put(alice.userId, 100);
        users.put(bob.userId, 75);
        assertEquals(403, bob.put(plPath, pl).code(), "bob (50) cannot raise himself to 75");
        users.put(bob.userId, 50);
        pl.put("kick", 40);
        TestClient.ok(bob.put(plPath, pl)); // lowering kick from 50 to 40 is within his level
    }

    @Test
    void contextReturnsNeighbours() {
        String roomId = alice.createRoom(Map.of());
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            ids.add(alice.send(roomId, "c" + i, "c" + i));
        }
        JsonNode ctx = alice.get(rooms(roomId) + "/context/" + enc(ids.get(2)) + "?limit=2")
                .json();
        assertEquals(ids.get(2), ctx.path("event").path("event_id").asText());
        assertEquals(
                ids.get(1), ctx.path("events_before").get(0).path("event_id").asText());
        assertEquals(1, ctx.path("events_before").size());
        assertEquals(
                ids.get(3), ctx.path("events_after").get(0).path("event_id").asText());
        JsonNode older = alice.get(rooms(roomId) + "/messages?dir=b&limit=1&from="
                        + enc(ctx.path("start").asText()))
                .json();
        assertEquals(ids.get(0), older.path("chunk").get(0).path("event_id").asText());
    }

    @Test
    void concurrentSendersWithRetriesGetOneEventPerTransaction() throws Exception {
        String roomId = alice.createRoom(Map.of("preset", "public_chat"));
        TestClient.ok(bob.post(rooms(roomId) + "/join", Map.of()));
        int before = server.eventCount();
        ExecutorService pool = Executors.newFixedThreadPool(8);
        List<Future<String[]>> results = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            TestClient who = i % 2 == 0 ? alice : bob;
            String txn = "c" + i;
            results.add(pool.submit(() -> new String[] {who.send(roomId, txn, txn), who.send(roomId, txn, txn)}));
        }
        Set<String> ids = new HashSet<>();
        for (Future<String[]> f : results) {
            String[] pair = f.get(60, TimeUnit.SECONDS);
            assertEquals(pair[0], pair[1]);
            ids.add(pair[0]);
        }
        pool.shutdown();
        assertEquals(40, ids.size());
        assertEquals(before + 40, server.eventCount());
    }

    @Test
    void unknownRoomsLookLikeRoomsYouAreNotIn() {
        Resp r = alice.put(rooms("!nope:test.local") + "/send/m.room.message/1", Map.of("body", "x"));
        assertEquals(403, r.code());
        assertEquals("M_FORBIDDEN", r.errcode());
        assertEquals(
                404,
                alice.post(V3 + "/join/" + enc("!nope:test.local"), Map.of()).code());
    }

    @Test
    void capabilities() {
        JsonNode caps = alice.get(V3 + "/capabilities").json().path("capabilities");
        assertEquals("11", caps.path("m.room_versions").path("default").asText());
        assertEquals(false, caps.path("m.change_password").path("enabled").asBoolean(true));
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
