package org.twimbot.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/** config.example.yaml documents exactly the keys the loader knows, and is itself a valid config. */
class ConfigExampleTest {
    /** Maven runs tests in the module directory, where the example lives. */
    private static final Path EXAMPLE = Path.of("config.example.yaml");

    private static final String BEGIN = "# --- catalog example begin";
    private static final String END = "# --- catalog example end";

    @Test
    void everyKnownKeyIsDocumentedAndNothingElse() throws Exception {
        String text = Files.readString(EXAMPLE);
        TreeSet<String> documented = new TreeSet<>();
        collect(new YAMLMapper().readTree(text), "", documented);
        // sections/projects are empty in the example (so the built-in catalog applies); their entry
        // keys are shown in a commented-out block, which is read here by uncommenting it
        collect(new YAMLMapper().readTree(commentedCatalogExample(text)), "", documented);
        documented.remove("sections");
        documented.remove("projects");
        assertEquals(new TreeSet<>(ConfigSchema.knownKeys()), documented);
    }

    @Test
    void everyKeyHasAComment() throws Exception {
        List<String> lines = Files.readAllLines(EXAMPLE);
        for (ConfigSchema.Setting s : ConfigSchema.SETTINGS) {
            int i = indexOfKey(lines, s);
            boolean commented =
                    lines.get(i).contains("#") || lines.get(i - 1).strip().startsWith("#");
            assertTrue(commented, s.path() + " has no comment in config.example.yaml");
        }
    }

    private static int indexOfKey(List<String> lines, ConfigSchema.Setting s) {
        String group = s.group().isEmpty() ? null : s.group() + ":";
        boolean inGroup = group == null;
        for (int i = 0; i < lines.size(); i++) {
            String l = lines.get(i);
            if (group != null && l.startsWith(group)) inGroup = true;
            else if (group != null && !l.isEmpty() && !l.startsWith(" ") && !l.startsWith("#")) inGroup = false;
            String key = group == null ? s.name() + ":" : "  " + s.name() + ":";
            if (inGroup && l.startsWith(key)) return i;
        }
        throw new AssertionError(s.path() + " not found");
    }

    @Test
    void theExampleIsValidWithOnlyTheTokenFromTheEnvironment() throws Exception {
        ConfigLoader.LoadedConfig loaded =
                ConfigLoader.loadWithWarnings(EXAMPLE, Map.of("TWIMBOT_ACCESS_TOKEN", "syt_example"));
        BotConfig c = loaded.config();
        assertEquals("#twim:matrix.org", c.rooms().submissions());
        assertEquals("syt_example", c.homeserver().accessToken());
        assertEquals(33, c.catalog().sections().size());
        assertEquals(132, c.catalog().projects().size());
        assertEquals(List.of(), loaded.warnings());
    }

    @Test
    void theCommentedCatalogExampleIsValidToo() throws Exception {
        String text = Files.readString(EXAMPLE);
        String withCatalog = text.replace("sections: []\nprojects: []\n", "") + commentedCatalogExample(text);
        assertFalse(withCatalog.contains("sections: []"));
        BotConfig c = ConfigLoader.parse(withCatalog, Path.of("."), Map.of("TWIMBOT_ACCESS_TOKEN", "t"));
        assertEquals(1, c.catalog().sections().size());
        assertEquals(
                "servers", c.catalog().projectByKey("Synapse").orElseThrow().section());
    }

    private static String commentedCatalogExample(String text) {
        int from = text.indexOf(BEGIN);
        int to = text.indexOf(END);
        assertTrue(from >= 0 && to > from, "catalog example markers present");
        StringBuilder out = new StringBuilder();
        for (String line : text.substring(from + BEGIN.length(), to).strip().split("\n")) {
            assertTrue(line.startsWith("#"), line);
            out.append(line.substring(1)).append('\n');
        }
        return out.toString();
    }

    private static void collect(JsonNode node, String prefix, TreeSet<String> out) {
        if (node.isObject()) {
            for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                String path = prefix.isEmpty() ? e.getKey() : prefix + "." + e.getKey();
                JsonNode v = e.getValue();
                if (v.isObject()) {
                    collect(v, path, out);
                } else if (v.isArray() && !v.isEmpty() && v.get(0).isObject()) {
                    out.add(path);
                    for (JsonNode item : v) collect(item, path + "[]", out);
                } else {
                    out.add(path);
                }
            }
        }
    }

    @Test
    void collectSeesNestedListsOfMappings() throws Exception {
        TreeSet<String> keys = new TreeSet<>();
        collect(new YAMLMapper().readTree("a: {b: 1}\nc: [{d: 1}]\ne: [1]\n"), "", keys);
        assertEquals(new TreeSet<>(new ArrayList<>(List.of("a.b", "c", "c[].d", "e"))), keys);
    }
}
