package org.twimbot.matrix;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.Level;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import okhttp3.mockwebserver.MockResponse;
import okio.Buffer;
import org.junit.jupiter.api.Test;

/**
 * A /sync body that is not valid UTF-8 (a stray byte, a truncated sequence, a CESU-encoded lone
 * surrogate) or carries an escaped lone surrogate. The server would send the same bytes for the same
 * position again, so rejecting the body would stall the bot on that position forever: the body is
 * decoded with U+FFFD in place of the bad bytes, once, and the position advances.
 */
class MalformedEncodingTest extends MockServerTest {

    @Test
    void invalidUtf8InASyncBodyIsReplacedAndTheBatchIsProcessed() throws Exception {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        body.writeBytes(ascii("{\"next_batch\":\"s2\",\"rooms\":{\"join\":{\"!r:x\":{\"timeline\":{\"events\":["));
        body.writeBytes(ascii(event("$stray", "TWIM: stray ")));
        body.write(0xFF);
        body.writeBytes(ascii(" byte\"}},"));
        body.writeBytes(ascii(event("$cut", "TWIM: cut ")));
        body.write(0xC3); // the first byte of a two-byte sequence, then a plain letter
        body.writeBytes(ascii("x sequence\"}},"));
        body.writeBytes(ascii(event("$cesu", "TWIM: surrogate ")));
        body.writeBytes(new byte[] {(byte) 0xED, (byte) 0xA0, (byte) 0x80}); // U+D800 encoded as if it were a character
        body.writeBytes(ascii(" bytes\"}},"));
        body.writeBytes(ascii(event("$escaped", "TWIM: escaped \\ud800 surrogate\"}},")));
        body.writeBytes(event("$fine", "TWIM: caf\u00e9 \u2615\"}}").getBytes(StandardCharsets.UTF_8));
        body.writeBytes(ascii("]}}}}}"));
        server.enqueue(new MockResponse()
                .setHeader("Content-Type", "application/json")
                .setBody(new Buffer().write(body.toByteArray())));

        SyncBatch batch = client.sync("s1", null, 0);

        assertEquals("s2", batch.nextBatch(), "the position advances");
        List<RoomEvent> events = batch.rooms().get(0).events();
        assertEquals(
                List.of("$stray", "$cut", "$cesu", "$escaped", "$fine"),
                events.stream().map(RoomEvent::eventId).toList(),
                "no event lost");
        assertEquals("TWIM: stray \uFFFD byte", events.get(0).body());
        assertEquals("TWIM: cut \uFFFDx sequence", events.get(1).body());
        assertTrue(
                events.get(2).body().startsWith("TWIM: surrogate \uFFFD"),
                events.get(2).body());
        assertTrue(
                events.get(2).body().chars().noneMatch(ch -> Character.isSurrogate((char) ch)),
                "no lone surrogate from raw bytes");
        assertEquals(
                "TWIM: escaped \ud800 surrogate",
                events.get(3).body(),
                "an escaped lone surrogate is kept as JSON says");
        assertEquals("TWIM: caf\u00e9 \u2615", events.get(4).body(), "valid UTF-8 is untouched");
        assertEquals(1, server.getRequestCount(), "decoded once, not retried");
        assertTrue(sleeps.isEmpty());
        assertTrue(logLines(Level.WARN).isEmpty(), logLines(Level.WARN).toString());
    }

    private static String event(String id, String bodyStart) {
        return "{\"type\":\"m.room.message\",\"event_id\":\"" + id + "\",\"sender\":\"@a:x\",\"origin_server_ts\":1,"
                + "\"content\":{\"msgtype\":\"m.text\",\"body\":\"" + bodyStart;
    }

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }
}
