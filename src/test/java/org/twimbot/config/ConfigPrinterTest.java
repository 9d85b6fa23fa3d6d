package org.twimbot.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ConfigPrinterTest {
    @Test
    void printsEveryKeyWithSecretsMaskedAndTheCatalogAsCounts() throws Exception {
        BotConfig c = ConfigLoader.parse(
                ConfigLoaderTest.MINIMAL,
                Path.of("/srv"),
                Map.of("TWIMBOT_ACCESS_TOKEN", "syt_top_secret", "TWIMBOT_MEDIA_ATTACH_WINDOW", "PT90S"));
        String yaml = ConfigPrinter.toYaml(c);
        assertFalse(yaml.contains("syt_top_secret"), yaml);
        JsonNode tree = new YAMLMapper().readTree(yaml);
        assertEquals("***", tree.at("/homeserver/access_token").asText());
        assertTrue(tree.at("/homeserver/password").isNull());
        assertEquals("90s", tree.at("/media/attach_window").asText());
        assertEquals("friday", tree.at("/edition/weekday").asText());
        assertEquals("/srv/twimbot.db", tree.at("/store/path").asText());
        assertEquals(33, tree.at("/catalog/sections").asInt());
        assertEquals(132, tree.at("/catalog/projects").asInt());
        for (ConfigSchema.Setting s : ConfigSchema.SETTINGS) {
            if (s.effective() != null)
                assertFalse(tree.at("/" + s.path().replace('.', '/')).isMissingNode(), s.path());
        }
        assertFalse(c.homeserver().toString().contains("syt_top_secret"));
    }
}
