package org.twimbot.devserver;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.twimbot.devserver.TestClient.enc;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.twimbot.devserver.TestClient.Resp;

/**
 * The dev homeserver refuses events whose PDU would exceed 65,536 bytes of canonical JSON with 413
 * M_TOO_LARGE, as Synapse does ({@code event_auth._check_size_limits}). The boundary is the one
 * measured on Synapse 1.67 for ids of the same lengths: sender {@code @measurelhimnk:localhost}
 * (24 characters), a room id of 29, a two-digit depth: the largest accepted content was 64,884 bytes
 * of compact JSON (an envelope of 652 bytes: auth and prev events, hashes, signatures, unsigned …).
 */
class EventSizeTest {
    private static final String V3 = "/_matrix/client/v3";
    private static final int SYNAPSE_LARGEST_CONTENT = 64_884;
    private DevServer server;
    private TestClient user;
    private String roomId;
    private int txn;

    @BeforeEach
    void start() {
        server = DevServer.start(0, "localhost");
        user = TestClient.registered(server, "measurelhimnk");
        roomId = user.createRoom(Map.of("preset", "private_chat"));
        // Synapse's depth was two digits when it was measured; so is this room's after a few lines
        for (int i = 0; i < 10; i++) user.send(roomId, "filler " + i, "fill" + i);
    }

    @AfterEach
    void stop() {
        server.close();
    }

    /** A notice whose compact JSON content is exactly {@code bytes} long, padded with {@code pad}. */
    private static Map<String, Object> content(int bytes, String pad) throws Exception {
        Map<String, Object> c = new LinkedHashMap<>();
        c.put("msgtype", "m.notice");
        c.put("body", "");
        c.put("m.mentions", Map.of());
        int base = TestClient.MAPPER.writeValueAsBytes(c).length;
        int padBytes = pad.getBytes(StandardCharsets.UTF_8).length;
        String body = pad.repeat((bytes - base) / padBytes) + "x".repeat((bytes - base) % padBytes);
        c.put("body", body);
        assertEquals(bytes, TestClient.MAPPER.writeValueAsBytes(c).length);
        return c;
    }

    private Resp send(Map<String, Object> content) {
        return user.put(V3 + "/rooms/" + enc(roomId) + "/send/m.room.message/t" + txn++, content);
    }

    @Test
    void refusesAnEventOverSynapsesLimitAndAcceptsOneAtIt() throws Exception {
        assertEquals(200, send(content(SYNAPSE_LARGEST_CONTENT, "x")).code());
        Resp refused = send(content(SYNAPSE_LARGEST_CONTENT + 1, "x"));
        assertEquals(413, refused.code());
        assertEquals("M_TOO_LARGE", refused.errcode());
    }

    @Test
    void countsUtf8BytesAsSynapsesCanonicalJsonDoes() throws Exception {
        // canonical JSON keeps non-ASCII as raw UTF-8: "é" is two bytes, not a six-byte \\u escape
        assertEquals(200, send(content(SYNAPSE_LARGEST_CONTENT, "é")).code());
        assertEquals(413, send(content(SYNAPSE_LARGEST_CONTENT + 1, "é")).code());
    }

    @Test
    void refusesOversizedStateEventsToo() throws Exception {
        Resp r = user.put(V3 + "/rooms/" + enc(roomId) + "/state/m.room.topic", Map.of("topic", "t".repeat(70_000)));
        assertEquals(413, r.code());
        assertEquals("M_TOO_LARGE", r.errcode());
    }
}
