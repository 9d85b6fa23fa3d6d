package org.twimbot.catalog;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.toml.TomlMapper;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.twimbot.config.BotConfig;
import org.twimbot.config.ConfigLoader;

class HebbotImportTest {
    private static Path twimToml() throws Exception {
        return Path.of(HebbotImportTest.class.getResource("twim-config.toml").toURI());
    }

    private static Project project(HebbotImport.Result r, String key) {
        return r.projects().stream()
                .filter(p -> p.key().equals(key))
                .findFirst()
                .orElseThrow();
    }

    private static Section section(HebbotImport.Result r, String key) {
        return r.sections().stream()
                .filter(s -> s.key().equals(key))
                .findFirst()
                .orElseThrow();
    }

    @Test
    void importsTheRealTwimConfiguration() throws Exception {
        HebbotImport.Result r = HebbotImport.readConfig(twimToml());
        assertEquals(33, r.sections().size());
        assertEquals(132, r.projects().size());

        Project synapse = project(r, "Synapse");
        assertEquals("https://github.com/element-hq/synapse/", synapse.website());
        assertEquals("servers", synapse.section());
        assertEquals(List.of("@erikj:jki.re", "@reivilibre.element:librepush.net"), synapse.usualReporters());

        Section talks = section(r, "talks");
        assertEquals("🗣️", talks.emoji());
        assertEquals("Dept of Events and Talks 🗣️", talks.title());
        assertEquals(1012, talks.order());
        assertEquals(4, talks.usualReporters().size());

        // hebbot name "nheko" equals the key "Nheko" ignoring case: twimbot matches keys
        // case-insensitively, so an alias would add nothing
        assertEquals(List.of(), project(r, "Nheko").aliases());
        // a name that differs from key and title is kept, so hebbot's word stays recognisable
        assertEquals(List.of("element-web"), project(r, "Emt Web").aliases());
        assertEquals("Element Web/Desktop", project(r, "Emt Web").title());
        assertEquals("Emt Web", r.projectKeysByHebbotName().get("element-web"));

        // hebbot's own catch-all section is imported as it is
        assertEquals("TODO UNKNOWN SECTION", section(r, "todo").title());
        assertEquals("✅", section(r, "todo").emoji());

        Catalog catalog = r.catalog();
        assertEquals(List.of(), catalog.warnings());
        assertEquals(
                "Synapse", catalog.projectByReaction("synapse").orElseThrow().key());
        assertEquals("servers", catalog.sectionByReaction("🏢").orElseThrow().key());
    }

    @Test
    void noProjectOrSectionFieldIsLost() throws Exception {
        JsonNode raw = new TomlMapper().readTree(twimToml().toFile());
        HebbotImport.Result r = HebbotImport.readConfig(twimToml());
        for (int i = 0; i < raw.get("projects").size(); i++) {
            JsonNode h = raw.get("projects").get(i);
            Project p = r.projects().get(i);
            assertEquals(h.get("emoji").asText(), p.key());
            assertEquals(h.get("title").asText(), p.title());
            assertEquals(h.get("description").asText(), p.description());
            assertEquals(h.get("website").asText(), p.website());
            assertEquals(h.get("default_section").asText(), p.section());
            assertEquals(strings(h.get("usual_reporters")), p.usualReporters());
            String name = h.get("name").asText();
            assertTrue(
                    name.equalsIgnoreCase(p.key())
                            || name.equalsIgnoreCase(p.title())
                            || p.aliases().contains(name),
                    "hebbot name of " + p.key() + " survives");
        }
        for (int i = 0; i < raw.get("sections").size(); i++) {
            JsonNode h = raw.get("sections").get(i);
            assertEquals(
                    new Section(
                            h.get("name").asText(),
                            h.get("emoji").asText(),
                            h.get("title").asText(),
                            h.get("order").asInt(),
                            strings(h.get("usual_reporters"))),
                    r.sections().get(i));
        }
    }

    private static List<String> strings(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(n -> out.add(n.asText()));
        return out;
    }

    @Test
    void mapsHebbotSettingsAndNamesWhatItCannotMap() throws Exception {
        HebbotImport.Result r = HebbotImport.readConfig(twimToml());
        Map<String, Object> s = r.settings();
        assertEquals("@this-week-in:matrix.org", s.get("homeserver.user_id"));
        assertEquals("!vzDE5GnhIhncy8gpyeK4WFPVyeWvIh8JYeM3iqR8RV8", s.get("rooms.submissions"));
        assertEquals("!yHqAuTnFgksYvVnlMY:ergaster.org", s.get("rooms.editors"));
        assertEquals(6, ((List<?>) s.get("editors.users")).size());
        assertEquals(100, s.get("submissions.min_length"));
        assertEquals("⭕️", s.get("submissions.submit_emoji"));
        assertEquals("✅ Thanks for the report {user}, I'll store your update!", s.get("submissions.ack_text"));
        assertEquals(List.of("reports", "says", "announces"), s.get("render.verbs"));
        assertEquals("/blog/img/", s.get("render.image_prefix"));
        assertEquals("> {{< video src=\"{file}\" >}}", s.get("render.video_markdown"));
        assertEquals(
                List.of("ping_room_id", "restrict_notice", "update_config_command"),
                r.notes().stream().map(n -> n.substring(0, n.indexOf(':'))).toList());
    }

    private static String embeddedCatalog() throws Exception {
        try (InputStream in = BotConfig.class.getResourceAsStream("/org/twimbot/config/default-catalog.yaml")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    /** The sections' keywords and the comment saying so: what twimbot added to the imported catalog. */
    private static final Pattern ADDED_BY_TWIMBOT =
            Pattern.compile("(?m)^# The sections' keywords were added by twimbot.*\n(?:# .*\n)*|^    keywords: .*\n");

    @Test
    void theEmbeddedDefaultCatalogIsAFreshImportOfTwimConfigWithKeywords() throws Exception {
        String fresh = HebbotImport.writeCatalogYaml(HebbotImport.readConfig(twimToml()));
        String embedded = embeddedCatalog();
        assertEquals(
                fresh,
                ADDED_BY_TWIMBOT.matcher(embedded).replaceAll(""),
                "regenerate src/main/resources/org/twimbot/config/default-catalog.yaml"
                        + " with HebbotImport.writeCatalogYaml(readConfig(twim-config.toml)), and keep the sections'"
                        + " keywords and the comment about them");
        // a regeneration that drops them fails here: placement leans on them for section-only news
        long withKeywords = ConfigLoader.defaultCatalog().sections().stream()
                .filter(s -> !s.keywords().isEmpty())
                .count();
        assertEquals(31, withKeywords, "all sections but the placeholder and Final Thoughts have keywords");
        assertTrue(embedded.contains("# The sections' keywords were added by twimbot"));
    }

    @Test
    void writtenYamlLoadsIntoTheSameCatalogAndSettings() throws Exception {
        HebbotImport.Result r = HebbotImport.readConfig(twimToml());
        String yaml = HebbotImport.writeYaml(r) + """
                homeserver:
                  url: https://matrix.org
                  user_id: "@this-week-in:matrix.org"
                """;
        BotConfig config = ConfigLoader.parse(yaml, Path.of("."), Map.of("TWIMBOT_ACCESS_TOKEN", "t0ken"));
        assertEquals(r.sections(), config.catalog().sections());
        assertEquals(r.projects(), config.catalog().projects());
        assertEquals(r.settings().get("editors.users"), config.editors().users());
        assertEquals(100, config.submissions().minLength());
        assertEquals("⭕️", config.submissions().submitEmoji());
        assertEquals("!yHqAuTnFgksYvVnlMY:ergaster.org", config.rooms().editors());
        assertEquals("/blog/img/", config.render().imagePrefix());
        assertEquals("", config.render().submissionsRoomLink(), "a room id is not linked");
    }

    @Test
    void malformedTomlIsReportedWithPaths() {
        String toml = """
                editors = '@one:example.org'
                [[sections]]
                emoji = '🏢'
                name = 'servers'
                title = 'Servers'
                order = 'first'

                [[projects]]
                emoji = 'Synapse'
                title = 'Synapse'
                default_section = 3
                usual_reporters = [1]
                """;
        HebbotImportException e =
                assertThrows(HebbotImportException.class, () -> HebbotImport.parseConfig(toml, "config.toml"));
        assertEquals(
                List.of(
                        "editors: expected a list of strings",
                        "sections[0].order: expected an integer",
                        "projects[0].name: missing",
                        "projects[0].default_section: expected a string",
                        "projects[0].usual_reporters[0]: expected a string"),
                e.problems());

        HebbotImportException syntax = assertThrows(
                HebbotImportException.class,
                () -> HebbotImport.parseConfig("a = 1\n[[sections]\nname = 'x'\n", "config.toml"));
        // Jackson's TOML lexer reports the position after the bad token, which here is the next line
        assertTrue(
                syntax.problems().get(0).matches("config\\.toml: invalid TOML at line [23], column \\d+: .+"),
                syntax.problems().toString());
    }

    @Test
    void secretsAndUnusualMarkdownAreNotCarriedOver() throws Exception {
        String toml = """
                bot_password = 'hunter2-secret'
                image_markdown = '<img src="{{file}}">'
                """;
        HebbotImport.Result r = HebbotImport.parseConfig(toml, "config.toml");
        String yaml = HebbotImport.writeYaml(r);
        assertFalse(yaml.contains("hunter2"));
        assertFalse(r.notes().toString().contains("hunter2"));
        assertTrue(r.notes().stream().anyMatch(n -> n.startsWith("bot_password: not imported")));
        assertTrue(r.notes().stream().anyMatch(n -> n.startsWith("image_markdown:")));
        assertFalse(r.settings().containsKey("render.image_prefix"));
    }
}
