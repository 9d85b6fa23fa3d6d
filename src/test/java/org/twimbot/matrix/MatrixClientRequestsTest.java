package org.twimbot.matrix;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.util.List;
import okhttp3.mockwebserver.RecordedRequest;
import org.junit.jupiter.api.Test;

/** The shape of every request: method, percent-encoded path, headers, JSON body. */
class MatrixClientRequestsTest extends MockServerTest {

    @Test
    void versionsIsUnauthenticatedAndCached() throws Exception {
        server.enqueue(ok("{\"versions\":[\"r0.6.1\",\"v1.2\",42]}"));
        Versions v = client.versions();
        assertEquals(List.of("r0.6.1", "v1.2"), v.versions());
        assertEquals(v, client.versions());
        RecordedRequest r = take();
        assertEquals("GET", r.getMethod());
        assertEquals("/_matrix/client/versions", r.getPath());
        assertNull(r.getHeader("Authorization"));
        assertEquals(1, server.getRequestCount(), "second call served from the cache");
    }

    @Test
    void loginSendsPasswordIdentifierAndDeviceAndSetsToken() throws Exception {
        client.setAccessToken(null);
        server.enqueue(ok("{\"user_id\":\"@bot:example.org\",\"access_token\":\"syt_new\",\"device_id\":\"DEV1\"}"));
        server.enqueue(ok("{\"joined_rooms\":[]}"));
        Session s = client.loginWithPassword("@bot:example.org", "hunter2", "DEV1", "twimbot");
        assertEquals(new Session("@bot:example.org", "DEV1", "syt_new"), s);
        RecordedRequest r = take();
        assertEquals("POST", r.getMethod());
        assertEquals("/_matrix/client/v3/login", r.getPath());
        assertNull(r.getHeader("Authorization"));
        assertTrue(r.getHeader("Content-Type").startsWith("application/json"));
        JsonNode body = bodyJson(r);
        assertEquals(
                MAPPER.readTree(
                        "{\"type\":\"m.login.password\",\"identifier\":{\"type\":\"m.id.user\",\"user\":\"@bot:example.org\"},"
                                + "\"password\":\"hunter2\",\"device_id\":\"DEV1\",\"initial_device_display_name\":\"twimbot\"}"),
                body);

        client.joinedRooms();
        assertEquals("Bearer syt_new", take().getHeader("Authorization"), "the login token is used from now on");
    }

    @Test
    void loginWithoutDeviceIdOmitsIt() throws Exception {
        server.enqueue(ok("{\"user_id\":\"@bot:example.org\",\"access_token\":\"t\",\"device_id\":\"NEWDEV\"}"));
        Session s = client.loginWithPassword("bot", "pw", null, "twimbot");
        assertEquals("NEWDEV", s.deviceId());
        assertFalse(bodyJson(take()).has("device_id"));
    }

    @Test
    void whoamiReturnsSessionWithCurrentToken() throws Exception {
        server.enqueue(ok("{\"user_id\":\"@bot:example.org\"}"));
        Session s = client.whoami();
        assertEquals(new Session("@bot:example.org", null, TOKEN), s);
        RecordedRequest r = take();
        assertEquals("GET", r.getMethod());
        assertEquals("/_matrix/client/v3/account/whoami", r.getPath());
        assertEquals("Bearer " + TOKEN, r.getHeader("Authorization"));
    }

    @Test
    void joinEncodesAliasHash() throws Exception {
        server.enqueue(ok("{\"room_id\":\"!abc:example.org\"}"));
        assertEquals("!abc:example.org", client.joinRoom("#twim:matrix.org"));
        RecordedRequest r = take();
        assertEquals("POST", r.getMethod());
        assertEquals("/_matrix/client/v3/join/%23twim:matrix.org", r.getPath());
        assertEquals(MAPPER.createObjectNode(), bodyJson(r));
    }

    @Test
    void leaveRoom() throws Exception {
        server.enqueue(ok("{}"));
        client.leaveRoom("!abc:example.org");
        RecordedRequest r = take();
        assertEquals("POST", r.getMethod());
        assertEquals("/_matrix/client/v3/rooms/!abc:example.org/leave", r.getPath());
    }

    @Test
    void resolveAlias() throws Exception {
        server.enqueue(ok("{\"room_id\":\"!abc:example.org\",\"servers\":[\"example.org\"]}"));
        assertEquals("!abc:example.org", client.resolveAlias("#twim:matrix.org"));
        RecordedRequest r = take();
        assertEquals("GET", r.getMethod());
        assertEquals("/_matrix/client/v3/directory/room/%23twim:matrix.org", r.getPath());
    }

    @Test
    void joinedRooms() throws Exception {
        server.enqueue(ok("{\"joined_rooms\":[\"!a:x\",\"!b:y\"]}"));
        assertEquals(List.of("!a:x", "!b:y"), client.joinedRooms());
        assertEquals("/_matrix/client/v3/joined_rooms", take().getPath());
    }

    @Test
    void createFilterPostsTheFilter() throws Exception {
        server.enqueue(ok("{\"filter_id\":\"7\"}"));
        JsonNode filter = MAPPER.readTree("{\"room\":{\"timeline\":{\"limit\":50}}}");
        assertEquals("7", client.createFilter("@bot:example.org", filter));
        RecordedRequest r = take();
        assertEquals("POST", r.getMethod());
        assertEquals("/_matrix/client/v3/user/@bot:example.org/filter", r.getPath());
        assertEquals(filter, bodyJson(r));
    }

    @Test
    void syncQueryParameters() throws Exception {
        server.enqueue(ok("{\"next_batch\":\"s2\"}"));
        server.enqueue(ok("{\"next_batch\":\"s3\"}"));
        assertEquals("s2", client.sync("s1_x", "7", 30000).nextBatch());
        RecordedRequest r = take();
        assertEquals("GET", r.getMethod());
        assertEquals("/_matrix/client/v3/sync", r.getRequestUrl().encodedPath());
        assertEquals("s1_x", r.getRequestUrl().queryParameter("since"));
        assertEquals("7", r.getRequestUrl().queryParameter("filter"));
        assertEquals("30000", r.getRequestUrl().queryParameter("timeout"));
        assertEquals("offline", r.getRequestUrl().queryParameter("set_presence"));

        client.sync(null, null, 0);
        RecordedRequest first = take();
        assertNull(first.getRequestUrl().queryParameter("since"));
        assertNull(first.getRequestUrl().queryParameter("filter"));
    }

    @Test
    void messagesQueryParameters() throws Exception {
        server.enqueue(ok("{\"start\":\"t1\",\"end\":\"t2\",\"chunk\":[]}"));
        JsonNode filter = MAPPER.readTree("{\"types\":[\"m.room.message\"]}");
        MessagesPage page = client.messages("!r:x", "t1", "b", 100, filter);
        assertEquals("t1", page.start());
        assertEquals("t2", page.end());
        RecordedRequest r = take();
        assertEquals("/_matrix/client/v3/rooms/!r:x/messages", r.getRequestUrl().encodedPath());
        assertEquals("t1", r.getRequestUrl().queryParameter("from"));
        assertEquals("b", r.getRequestUrl().queryParameter("dir"));
        assertEquals("100", r.getRequestUrl().queryParameter("limit"));
        assertEquals(filter, MAPPER.readTree(r.getRequestUrl().queryParameter("filter")));
        assertThrows(IllegalArgumentException.class, () -> client.messages("!r:x", "t1", "backwards", 10, null));
    }

    @Test
    void sendEventEncodesEverySegment() throws Exception {
        server.enqueue(ok("{\"event_id\":\"$ev1\"}"));
        ObjectNode content = MAPPER.createObjectNode().put("msgtype", "m.text").put("body", "hi");
        assertEquals("$ev1", client.sendEvent("!room:example.org", "m.room.message", "txn/1?#", content));
        RecordedRequest r = take();
        assertEquals("PUT", r.getMethod());
        assertEquals("/_matrix/client/v3/rooms/!room:example.org/send/m.room.message/txn%2F1%3F%23", r.getPath());
        assertEquals("Bearer " + TOKEN, r.getHeader("Authorization"));
        assertEquals(content, bodyJson(r));
    }

    @Test
    void dotAndEmptySegmentsAreRejectedNotResolved() {
        assertThrows(
                IllegalArgumentException.class,
                () -> client.sendEvent("..", "m.room.message", "t", MAPPER.createObjectNode()));
        assertThrows(IllegalArgumentException.class, () -> client.joinRoom("%2E%2e"));
        assertThrows(IllegalArgumentException.class, () -> client.redact("!r:x", ".", "t", null));
        assertThrows(IllegalArgumentException.class, () -> client.roomState("!r:x", "m.room.member", ".."));
        assertThrows(
                IllegalArgumentException.class,
                () -> client.sendEvent("", "m.room.message", "t", MAPPER.createObjectNode()));
        assertEquals(0, server.getRequestCount());
    }

    @Test
    void sendNoticeWithHtmlAndNoMentions() throws Exception {
        server.enqueue(ok("{\"event_id\":\"$n1\"}"));
        server.enqueue(ok("{\"event_id\":\"$n2\"}"));
        assertEquals("$n1", client.sendNotice("!r:x", "t1", "hello *you*", "hello <em>you</em>"));
        RecordedRequest r = take();
        assertEquals("/_matrix/client/v3/rooms/!r:x/send/m.room.message/t1", r.getPath());
        assertEquals(
                MAPPER.readTree(
                        "{\"msgtype\":\"m.notice\",\"body\":\"hello *you*\",\"format\":\"org.matrix.custom.html\","
                                + "\"formatted_body\":\"hello <em>you</em>\",\"m.mentions\":{}}"),
                bodyJson(r));

        client.sendNotice("!r:x", "t2", "plain", null);
        assertEquals(
                MAPPER.readTree("{\"msgtype\":\"m.notice\",\"body\":\"plain\",\"m.mentions\":{}}"), bodyJson(take()));
    }

    @Test
    void reactSendsAnnotation() throws Exception {
        server.enqueue(ok("{\"event_id\":\"$re\"}"));
        assertEquals("$re", client.react("!r:x", "t3", "$target/abc+def", "✍️"));
        RecordedRequest r = take();
        assertEquals("/_matrix/client/v3/rooms/!r:x/send/m.reaction/t3", r.getPath());
        assertEquals(
                MAPPER.readTree(
                        "{\"m.relates_to\":{\"rel_type\":\"m.annotation\",\"event_id\":\"$target/abc+def\",\"key\":\"✍️\"}}"),
                bodyJson(r));
    }

    @Test
    void redactEncodesEventIdWithSlash() throws Exception {
        server.enqueue(ok("{\"event_id\":\"$red\"}"));
        assertEquals("$red", client.redact("!r:x", "$abc/def+g", "t4", "spam"));
        RecordedRequest r = take();
        assertEquals("PUT", r.getMethod());
        assertEquals("/_matrix/client/v3/rooms/!r:x/redact/$abc%2Fdef+g/t4", r.getPath());
        assertEquals(MAPPER.readTree("{\"reason\":\"spam\"}"), bodyJson(r));
    }

    @Test
    void roomStateWithEmptyKeyAndNotFound() throws Exception {
        server.enqueue(ok("{\"users\":{\"@a:x\":100}}"));
        server.enqueue(json(404, "{\"errcode\":\"M_NOT_FOUND\",\"error\":\"Event not found.\"}"));
        assertEquals(
                100,
                client.roomState("!r:x", "m.room.power_levels", "")
                        .path("users")
                        .path("@a:x")
                        .asInt());
        assertEquals("/_matrix/client/v3/rooms/!r:x/state/m.room.power_levels/", take().getPath());
        assertNull(client.roomState("!r:x", "m.room.topic", "@a:x"));
        assertEquals("/_matrix/client/v3/rooms/!r:x/state/m.room.topic/@a:x", take().getPath());
        assertTrue(sleeps.isEmpty(), "404 is not retried");
    }

    @Test
    void displayNameAndMissingProfile() throws Exception {
        server.enqueue(ok("{\"displayname\":\"Timo\"}"));
        server.enqueue(json(404, "{\"errcode\":\"M_NOT_FOUND\",\"error\":\"Profile was not found\"}"));
        server.enqueue(json(403, "{\"errcode\":\"M_FORBIDDEN\",\"error\":\"no\"}"));
        assertEquals("Timo", client.displayName("@timo:conduit.rs"));
        assertEquals("/_matrix/client/v3/profile/@timo:conduit.rs/displayname", take().getPath());
        assertNull(client.displayName("@gone:x"));
        assertThrows(MatrixException.class, () -> client.displayName("@private:x"));
    }

    @Test
    void uploadSendsBytesWithContentType() throws Exception {
        server.enqueue(ok("{\"content_uri\":\"mxc://example.org/AbC123\"}"));
        byte[] data = {1, 2, 3, 4};
        assertEquals("mxc://example.org/AbC123", client.upload(data, "image/png", "shot 1.png"));
        RecordedRequest r = take();
        assertEquals("POST", r.getMethod());
        assertEquals("/_matrix/media/v3/upload", r.getRequestUrl().encodedPath());
        assertEquals("shot 1.png", r.getRequestUrl().queryParameter("filename"));
        assertEquals("image/png", r.getHeader("Content-Type"));
        assertEquals("Bearer " + TOKEN, r.getHeader("Authorization"));
        assertEquals(4, r.getBodySize());
        assertEquals(okio.ByteString.of(data), r.getBody().readByteString());
    }

    @Test
    void sendFileUploadsThenSendsMFile() throws Exception {
        server.enqueue(ok("{\"content_uri\":\"mxc://example.org/Draft1\"}"));
        server.enqueue(ok("{\"event_id\":\"$file\"}"));
        byte[] data = "# TWIM".getBytes(StandardCharsets.UTF_8);
        assertEquals("$file", client.sendFile("!r:x", "t5", data, "text/markdown", "twim-2026-11-27.md", "The draft"));
        assertEquals("/_matrix/media/v3/upload", take().getRequestUrl().encodedPath());
        RecordedRequest send = take();
        assertEquals("/_matrix/client/v3/rooms/!r:x/send/m.room.message/t5", send.getPath());
        assertEquals(
                MAPPER.readTree("{\"msgtype\":\"m.file\",\"body\":\"The draft\",\"filename\":\"twim-2026-11-27.md\","
                        + "\"url\":\"mxc://example.org/Draft1\",\"info\":{\"mimetype\":\"text/markdown\",\"size\":6}}"),
                bodyJson(send));
    }
}
