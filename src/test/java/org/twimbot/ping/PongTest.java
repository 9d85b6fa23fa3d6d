package org.twimbot.ping;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The pong object of maubot's echo plugin, and everything in the ping room that is not one. */
class PongTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    private static Optional<Pong> parse(String json) throws Exception {
        return Pong.parse(JSON.readTree(json));
    }

    /** The content the echo plugin sends (echo.py: TextMessageEventContent plus content["pong"]). */
    static String echoAnswer(String sender, long ms, String from) {
        return """
                {"msgtype":"m.notice","format":"org.matrix.custom.html",
                 "body":"%1$s: Pong! (ping took %2$d ms to arrive)",
                 "formatted_body":"<a href='https://matrix.to/#/%1$s'>%1$s</a>: Pong! \
                (<a href='https://matrix.to/#/!r/$p'>ping</a> took %2$d ms to arrive)",
                 "pong":{"ms":%2$d,"from":"%3$s","ping":"$p"}}""".formatted(sender, ms, from);
    }

    @Test
    void theEchoPluginsAnswerGivesTheDelayAndTheServerOfWhoeverPinged() throws Exception {
        assertEquals(Optional.of(new Pong("neko.dev", 318)), parse(echoAnswer("@cat:neko.dev", 318, "neko.dev")));
        // a delay shown as "1.3 seconds" in the text is still an integer of ms in the object
        assertEquals(
                Optional.of(new Pong("mozilla.org", 1290)), parse(echoAnswer("@a:mozilla.org", 1290, "mozilla.org")));
    }

    @Test
    void serverNamesAreOneRowWhateverTheirCaseAndKeepTheirPort() throws Exception {
        assertEquals(
                "neko.dev",
                parse(echoAnswer("@c:Neko.Dev", 5, "Neko.Dev")).orElseThrow().server());
        assertEquals(
                "matrix.example.org:8448",
                parse(echoAnswer("@c:matrix.example.org:8448", 5, "matrix.example.org:8448"))
                        .orElseThrow()
                        .server());
        assertEquals(
                "[::1]:8448",
                parse(echoAnswer("@c:[::1]:8448", 5, "[::1]:8448"))
                        .orElseThrow()
                        .server());
        assertEquals(
                "192.168.1.2",
                parse(echoAnswer("@c:192.168.1.2", 5, "192.168.1.2"))
                        .orElseThrow()
                        .server());
    }

    @Test
    void thePingLineChatAndTheTextAloneAreNotMeasurements() throws Exception {
        assertTrue(parse("{\"msgtype\":\"m.text\",\"body\":\"!ping\"}").isEmpty());
        assertTrue(
                parse("{\"msgtype\":\"m.notice\",\"body\":\"@a:b.c: Pong! (ping took 12 ms to arrive)\"}")
                        .isEmpty(),
                "the text is for people; only the pong object counts");
        // someone typing an answer with a pong object in an m.text (a client's devtools): not the ping bot
        assertTrue(
                parse("{\"msgtype\":\"m.text\",\"body\":\"Pong!\"," + "\"pong\":{\"ms\":1,\"from\":\"fast.example\"}}")
                        .isEmpty());
        assertTrue(Pong.parse(null).isEmpty());
    }

    @Test
    void malformedOrImplausiblePongsAreDropped() throws Exception {
        String[] bad = {
            "{\"msgtype\":\"m.notice\",\"body\":\"x\",\"pong\":\"318\"}",
            "{\"msgtype\":\"m.notice\",\"body\":\"x\",\"pong\":{\"from\":\"a.b\"}}",
            "{\"msgtype\":\"m.notice\",\"body\":\"x\",\"pong\":{\"ms\":\"318\",\"from\":\"a.b\"}}",
            "{\"msgtype\":\"m.notice\",\"body\":\"x\",\"pong\":{\"ms\":318.5,\"from\":\"a.b\"}}",
            "{\"msgtype\":\"m.notice\",\"body\":\"x\",\"pong\":{\"ms\":318}}",
            "{\"msgtype\":\"m.notice\",\"body\":\"x\",\"pong\":{\"ms\":318,\"from\":42}}",
            "{\"msgtype\":\"m.notice\",\"body\":\"x\",\"pong\":{\"ms\":-40,\"from\":\"a.b\"}}",
            "{\"msgtype\":\"m.notice\",\"body\":\"x\",\"pong\":{\"ms\":604800001,\"from\":\"a.b\"}}",
            "{\"msgtype\":\"m.notice\",\"body\":\"x\",\"pong\":{\"ms\":99999999999999999999999,\"from\":\"a.b\"}}",
            // a name with Markdown in it would break the table (or link somewhere) if it reached the post
            "{\"msgtype\":\"m.notice\",\"body\":\"x\",\"pong\":{\"ms\":3,\"from\":\"a|b\"}}",
            "{\"msgtype\":\"m.notice\",\"body\":\"x\",\"pong\":{\"ms\":3,\"from\":\"[click](https://evil.example)\"}}",
            "{\"msgtype\":\"m.notice\",\"body\":\"x\",\"pong\":{\"ms\":3,\"from\":\"*bold*.example\"}}",
            "{\"msgtype\":\"m.notice\",\"body\":\"x\",\"pong\":{\"ms\":3,\"from\":\"\"}}",
            "{\"msgtype\":\"m.notice\",\"body\":\"x\",\"pong\":{\"ms\":3,\"from\":\"-dash.example\"}}",
        };
        for (String json : bad) assertTrue(parse(json).isEmpty(), json);
        assertEquals(
                Optional.of(new Pong("a.b", 0)),
                parse("{\"msgtype\":\"m.notice\",\"pong\":{\"ms\":0,\"from\":\"a.b\"}}"));
        assertEquals(
                Optional.of(new Pong("a.b", Pong.MAX_MS)),
                parse("{\"msgtype\":\"m.notice\",\"pong\":{\"ms\":" + Pong.MAX_MS + ",\"from\":\"a.b\"}}"));
    }

    @Test
    void aPongIsOnlyEverMadeOfValidValues() {
        assertThrows(IllegalArgumentException.class, () -> new Pong("a|b", 1));
        assertThrows(IllegalArgumentException.class, () -> new Pong("a.b", -1));
    }
}
