package org.twimbot.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.twimbot.config.ConfigLoaderTest.MINIMAL;
import static org.twimbot.config.ConfigLoaderTest.TOKEN;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** rooms.ping: optional, a room alias or id of its own, also from the environment. */
class PingRoomConfigTest {
    private static BotConfig parse(String yaml, Map<String, String> env) throws ConfigException {
        return ConfigLoader.parse(yaml, Path.of("/srv/twim"), env);
    }

    private static List<String> problems(String yaml) {
        return assertThrows(ConfigException.class, () -> parse(yaml, TOKEN)).problems();
    }

    @Test
    void withoutItThereIsNoPingRoom() throws Exception {
        BotConfig c = parse(MINIMAL, TOKEN);
        assertEquals("", c.rooms().ping());
        assertFalse(c.rooms().hasPing());
        assertFalse(parse(MINIMAL + "  ping: \"\"\n", TOKEN).rooms().hasPing(), "empty means none");
    }

    @Test
    void anAliasOrARoomIdIsTaken() throws Exception {
        BotConfig c = parse(MINIMAL + "  ping: \"#ping:maunium.net\"\n", TOKEN);
        assertEquals("#ping:maunium.net", c.rooms().ping());
        assertTrue(c.rooms().hasPing());
        assertEquals(
                "!abc:maunium.net",
                parse(MINIMAL + "  ping: \" !abc:maunium.net \"\n", TOKEN)
                        .rooms()
                        .ping());
        Map<String, String> env = new HashMap<>(TOKEN);
        env.put("TWIMBOT_ROOMS_PING", "#ping-no-synapse:maunium.net");
        assertEquals("#ping-no-synapse:maunium.net", parse(MINIMAL, env).rooms().ping());
    }

    @Test
    void aWrongValueNamesTheKey() {
        List<String> p = problems(MINIMAL + "  ping: \"ping at maunium\"\n");
        assertEquals(1, p.size(), p.toString());
        assertTrue(p.get(0).startsWith("rooms.ping: 'ping at maunium' is not a room alias"), p.toString());
        List<String> typed = problems(MINIMAL + "  ping: [\"#ping:maunium.net\"]\n");
        assertTrue(typed.stream().anyMatch(s -> s.startsWith("rooms.ping")), typed.toString());
    }

    @Test
    void theSubmissionsOrEditorsRoomIsNotAPingRoom() {
        List<String> p = problems(MINIMAL + "  ping: \"#twim:example.org\"\n");
        assertTrue(
                p.stream()
                        .anyMatch(s ->
                                s.startsWith("rooms.ping: '#twim:example.org' is the submissions or editors room")),
                p.toString());
        List<String> e = problems(MINIMAL + "  editors: \"#eds:example.org\"\n  ping: \"#eds:example.org\"\n");
        assertTrue(e.stream().anyMatch(s -> s.startsWith("rooms.ping:")), e.toString());
    }
}
