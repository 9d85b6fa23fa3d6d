package org.twimbot.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** homeserver.url may be left out (discovered from user_id's server) or be a server name (discovered from it). */
class HomeserverUrlOptionalTest {
    private static final Map<String, String> TOKEN = Map.of("TWIMBOT_ACCESS_TOKEN", "syt_x");

    private static BotConfig parse(String url) throws ConfigException {
        return ConfigLoader.parse(
                (url == null ? "" : "homeserver: {url: \"" + url + "\"}\n")
                        + "rooms: {submissions: \"#twim:example.org\"}\n",
                Path.of("/srv"),
                Map.of("TWIMBOT_ACCESS_TOKEN", "syt_x", "TWIMBOT_HOMESERVER_USER_ID", "@twim:example.org"));
    }

    @Test
    void leftOutOrAServerNameIsAccepted() throws Exception {
        assertNull(parse(null).homeserver().url());
        assertEquals("example.org", parse("example.org").homeserver().url());
        assertEquals("example.org:8448", parse("example.org:8448").homeserver().url());
        assertEquals(
                "https://matrix.example.org",
                parse("https://matrix.example.org/").homeserver().url());
    }

    @Test
    void neitherAUrlNorAServerNameIsStillAProblem() {
        ConfigException e = assertThrows(ConfigException.class, () -> parse("ftp://example.org"));
        assertTrue(
                e.problems().get(0).startsWith("homeserver.url: 'ftp://example.org' is not"),
                e.problems().toString());
        assertThrows(ConfigException.class, () -> parse("not a server"));
    }
}
