package org.twimbot.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The container's first run: {@code run -c /data/config.yaml} on a new, empty volume, every setting given as a
 * TWIMBOT_* variable. Without the file, the environment alone configures the bot; paths still resolve against the
 * file's folder, so the database lands in the volume.
 */
class EnvironmentOnlyConfigTest {
    @TempDir
    Path dir;

    @Test
    void aMissingConfigFileIsFineWhenTheEnvironmentGivesEverySetting() throws Exception {
        Map<String, String> env = Map.of(
                "TWIMBOT_HOMESERVER_URL", "https://matrix.example.org",
                "TWIMBOT_HOMESERVER_USER_ID", "@twim:example.org",
                "TWIMBOT_ACCESS_TOKEN", "syt_secret",
                "TWIMBOT_ROOMS_SUBMISSIONS", "#twim:example.org",
                "TWIMBOT_EDITORS_USERS", "@ed:example.org",
                "TWIMBOT_HTTP_HEALTH_PORT", "8080");
        ConfigLoader.LoadedConfig loaded = ConfigLoader.loadWithWarnings(dir.resolve("config.yaml"), env);
        BotConfig c = loaded.config();
        assertTrue(loaded.environmentOnly());
        assertEquals("@twim:example.org", c.homeserver().userId());
        assertEquals(List.of("@ed:example.org"), c.editors().users());
        assertEquals(dir.resolve("twimbot.db"), c.store().path(), "the database goes next to where the file would be");
        assertEquals(dir.resolve("media"), c.media().dir());
        assertEquals(8080, c.http().healthPort());
    }

    @Test
    void withoutTheFileAndWithoutTheSettingsTheMessageSaysBothWaysOut() {
        ConfigException e = assertThrows(
                ConfigException.class,
                () -> ConfigLoader.loadWithWarnings(
                        dir.resolve("config.yaml"), Map.of("TWIMBOT_HTTP_HEALTH_PORT", "8080")));
        String first = e.problems().get(0);
        assertTrue(first.startsWith("config file " + dir.resolve("config.yaml") + ": not found"), first);
        assertTrue(first.contains("config.example.yaml"), first);
        assertTrue(first.contains("TWIMBOT_HOMESERVER_USER_ID"), first);
        assertTrue(
                e.problems().contains("homeserver.user_id: missing"),
                e.problems().toString());
        assertTrue(
                e.problems().contains("rooms.submissions: missing"),
                e.problems().toString());
    }
}
