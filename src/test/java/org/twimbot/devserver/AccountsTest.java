package org.twimbot.devserver;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.twimbot.devserver.TestClient.Resp;

class AccountsTest {
    private DevServer server;

    @BeforeEach
    void start() {
        server = DevServer.start(0, "test.local");
    }

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void versionsAdvertisesDefaultsAndBaseUrlIsLoopback() {
        assertTrue(server.baseUrl().startsWith("http://127.0.0.1:"));
        assertEquals("test.local", server.serverName());
        Resp r = new TestClient(server).get("/_matrix/client/versions");
        assertEquals(200, r.code());
        assertEquals("r0.6.1", r.json().path("versions").get(0).asText());
        assertEquals("v1.11", r.json().path("versions").get(11).asText());
        assertTrue(r.json().path("unstable_features").isObject());
    }

    @Test
    void customVersionsAreAdvertised() {
        try (DevServer old = DevServer.start(DevServer.Options.defaults().withVersions(List.of("v1.1")))) {
            Resp r = new TestClient(old).get("/_matrix/client/versions");
            assertEquals(1, r.json().path("versions").size());
            assertEquals("v1.1", r.json().path("versions").get(0).asText());
        }
    }

    @Test
    void registerNeedsDummyAuthThenCreatesTheUser() {
        TestClient c = new TestClient(server);
        Resp challenge = c.post("/_matrix/client/v3/register", Map.of("username", "alice", "password", "secret"));
        assertEquals(401, challenge.code());
        assertEquals(
                "m.login.dummy",
                challenge.json().path("flows").get(0).path("stages").get(0).asText());
        String session = challenge.text("session");
        assertNotNull(session);
        assertTrue(challenge.json().path("params").isObject());

        Resp done = c.post(
                "/_matrix/client/v3/register",
                Map.of(
                        "username",
                        "alice",
                        "password",
                        "secret",
                        "auth",
                        Map.of("type", "m.login.dummy", "session", session)));
        assertEquals(200, done.code());
        assertEquals("@alice:test.local", done.text("user_id"));
        assertNotNull(done.text("access_token"));
        assertNotNull(done.text("device_id"));

        Resp taken = c.post(
                "/_matrix/client/v3/register",
                Map.of("username", "alice", "password", "x", "auth", Map.of("type", "m.login.dummy")));
        assertEquals(400, taken.code());
        assertEquals("M_USER_IN_USE", taken.errcode());

        Resp available = c.get("/_matrix/client/v3/register/available?username=alice");
        assertEquals("M_USER_IN_USE", available.errcode());
        assertTrue(c.get("/_matrix/client/r0/register/available?username=bob")
                .json()
                .path("available")
                .asBoolean());
    }

    @Test
    void registerWithInhibitLoginReturnsNoToken() {
        Resp r = new TestClient(server)
                .post(
                        "/_matrix/client/v3/register",
                        Map.of(
                                "username",
                                "quiet",
                                "password",
                                "pw",
                                "inhibit_login",
                                true,
                                "auth",
                                Map.of("type", "m.login.dummy")));
        assertEquals(200, r.code());
        assertEquals("@quiet:test.local", r.text("user_id"));
        assertFalse(r.json().has("access_token"));
    }

    @Test
    void loginReusesTheDeviceIdAndRejectsWrongPasswords() {
        TestClient alice = TestClient.registered(server, "alice");
        TestClient c = new TestClient(server);
        assertEquals(
                "m.login.password",
                c.get("/_matrix/client/v3/login")
                        .json()
                        .path("flows")
                        .get(0)
                        .path("type")
                        .asText());

        Resp first = c.post(
                "/_matrix/client/v3/login",
                Map.of(
                        "type",
                        "m.login.password",
                        "identifier",
                        Map.of("type", "m.id.user", "user", "alice"),
                        "password",
                        "pw-alice",
                        "initial_device_display_name",
                        "twimbot"));
        assertEquals(200, first.code());
        assertEquals("@alice:test.local", first.text("user_id"));
        assertEquals("test.local", first.text("home_server"));
        String device = first.text("device_id");
        assertNotEquals(alice.deviceId, device);

        Resp again = c.post(
                "/_matrix/client/v3/login",
                Map.of(
                        "type",
                        "m.login.password",
                        "identifier",
                        Map.of("type", "m.id.user", "user", "@alice:test.local"),
                        "password",
                        "pw-alice",
                        "device_id",
                        device));
        assertEquals(device, again.text("device_id"));
        assertNotEquals(first.text("access_token"), again.text("access_token"));

        Resp legacy = c.post(
                "/_matrix/client/r0/login",
                Map.of("type", "m.login.password", "user", "alice", "password", "pw-alice"));
        assertEquals(200, legacy.code());

        Resp wrong = c.post(
                "/_matrix/client/v3/login",
                Map.of(
                        "type",
                        "m.login.password",
                        "identifier",
                        Map.of("type", "m.id.user", "user", "alice"),
                        "password",
                        "nope"));
        assertEquals(403, wrong.code());
        assertEquals("M_FORBIDDEN", wrong.errcode());
    }

    @Test
    void whoamiAndTokenErrors() {
        TestClient alice = TestClient.registered(server, "alice");
        Resp who = alice.get("/_matrix/client/v3/account/whoami");
        assertEquals("@alice:test.local", who.text("user_id"));
        assertEquals(alice.deviceId, who.text("device_id"));

        TestClient anonymous = new TestClient(server);
        Resp missing = anonymous.get("/_matrix/client/v3/account/whoami");
        assertEquals(401, missing.code());
        assertEquals("M_MISSING_TOKEN", missing.errcode());

        Resp viaQuery = anonymous.get("/_matrix/client/v3/account/whoami?access_token=" + alice.token);
        assertEquals("@alice:test.local", viaQuery.text("user_id"));

        anonymous.token = "syt_bogus";
        Resp unknown = anonymous.get("/_matrix/client/v3/account/whoami");
        assertEquals(401, unknown.code());
        assertEquals("M_UNKNOWN_TOKEN", unknown.errcode());
        assertFalse(unknown.json().path("soft_logout").asBoolean(true));
        assertTrue(unknown.headers().get("Content-Type").startsWith("application/json"));
    }

    @Test
    void logoutInvalidatesOnlyThatToken() {
        TestClient alice = TestClient.registered(server, "alice");
        assertEquals(200, alice.post("/_matrix/client/v3/logout", Map.of()).code());
        assertEquals(
                "M_UNKNOWN_TOKEN",
                alice.get("/_matrix/client/v3/account/whoami").errcode());
    }

    @Test
    void protocolErrors() {
        TestClient alice = TestClient.registered(server, "alice");
        Resp unknown = alice.get("/_matrix/client/v3/no/such/endpoint");
        assertEquals(404, unknown.code());
        assertEquals("M_UNRECOGNIZED", unknown.errcode());
        assertEquals("Unrecognized request", unknown.text("error"));
        assertEquals("M_UNRECOGNIZED", alice.get("/somewhere/else").errcode());

        Resp wrongMethod = alice.get("/_matrix/client/v3/createRoom");
        assertEquals(405, wrongMethod.code());
        assertEquals("M_UNRECOGNIZED", wrongMethod.errcode());

        Resp notJson = alice.putRawText(
                "/_matrix/client/v3/profile/" + TestClient.enc(alice.userId) + "/displayname", "{oops");
        assertEquals(400, notJson.code());
        assertEquals("M_NOT_JSON", notJson.errcode());

        Resp missing = alice.post("/_matrix/client/v3/rooms/" + TestClient.enc("!x:test.local") + "/invite", Map.of());
        assertEquals(400, missing.code());
        assertEquals("M_MISSING_PARAM", missing.errcode());
    }

    @Test
    void displayNameChangeIsVisibleInProfileAndMemberEvents() {
        TestClient alice = TestClient.registered(server, "alice");
        String room = alice.createRoom(Map.of());
        String path = "/_matrix/client/v3/profile/" + TestClient.enc(alice.userId);
        assertEquals("alice", alice.get(path).text("displayname"));
        TestClient.ok(alice.put(path + "/displayname", Map.of("displayname", "Alice A.")));
        assertEquals("Alice A.", alice.get(path + "/displayname").text("displayname"));
        assertEquals("Alice A.", alice.get(path).text("displayname"));
        Resp member = alice.get("/_matrix/client/v3/rooms/" + TestClient.enc(room) + "/state/m.room.member/"
                + TestClient.enc(alice.userId));
        assertEquals("Alice A.", member.text("displayname"));
        assertEquals("join", member.text("membership"));
        assertEquals(
                404,
                alice.get("/_matrix/client/v3/profile/" + TestClient.enc("@ghost:test.local"))
                        .code());
    }
}
