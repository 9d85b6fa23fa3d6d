package org.twimbot.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.twimbot.catalog.Catalog;
import org.twimbot.catalog.Project;
import org.twimbot.catalog.Section;

class ConfigCatalogTest {
    private static final String MINIMAL = ConfigLoaderTest.MINIMAL;
    private static final Map<String, String> TOKEN = ConfigLoaderTest.TOKEN;

    @TempDir
    Path dir;

    private static final String FILE_CATALOG = """
            sections:
              - {key: servers, emoji: "🏢", title: Dept of Servers, order: 10}
              - {key: clients, emoji: "📱", title: Dept of Clients, order: 20, usual_reporters: ["@c:example.org"]}
            projects:
              - {key: Synapse, title: Synapse, section: servers, website: "https://synapse.example"}
              - {key: Nheko, section: clients}
            """;

    @Test
    void configEntriesReplaceCatalogFileEntriesWithTheSameKey() throws Exception {
        Files.writeString(dir.resolve("catalog.yaml"), FILE_CATALOG);
        BotConfig c = ConfigLoader.parse(MINIMAL + """
                catalog_file: catalog.yaml
                sections:
                  - {key: SERVERS, emoji: "🖥️", title: Homeservers, order: 5}
                  - {key: bots, emoji: "🤖", title: Dept of Bots, order: 30}
                projects:
                  - key: Synapse
                    title: Synapse
                    description: the reference homeserver
                    section: servers
                    aliases: [matrix-synapse]
                """, dir, TOKEN);
        Catalog cat = c.catalog();
        assertEquals(
                List.of(
                        new Section("SERVERS", "🖥️", "Homeservers", 5, List.of()),
                        new Section("clients", "📱", "Dept of Clients", 20, List.of("@c:example.org")),
                        new Section("bots", "🤖", "Dept of Bots", 30, List.of())),
                cat.sections());
        assertEquals(
                List.of(
                        new Project(
                                "Synapse",
                                "Synapse",
                                "the reference homeserver",
                                "",
                                "servers",
                                List.of("matrix-synapse"),
                                List.of()),
                        new Project("Nheko", "Nheko", "", "", "clients", List.of(), List.of())),
                cat.projects());
    }

    @Test
    void catalogFileCanComeFromTheEnvironment() throws Exception {
        Files.writeString(dir.resolve("catalog.yaml"), FILE_CATALOG);
        BotConfig c = ConfigLoader.parse(
                MINIMAL, dir, Map.of("TWIMBOT_ACCESS_TOKEN", "t", "TWIMBOT_CATALOG_FILE", "catalog.yaml"));
        assertEquals(2, c.catalog().sections().size());
        assertEquals(2, c.catalog().projects().size());
    }

    @Test
    void projectsAloneAreAddedToTheDefaultCatalog() throws Exception {
        BotConfig c = ConfigLoader.parse(MINIMAL + """
                projects:
                  - {key: Synapse, title: Synapse NG, section: servers}
                  - {key: NewThing, section: bots}
                """, dir, TOKEN);
        assertEquals(33, c.catalog().sections().size());
        assertEquals(133, c.catalog().projects().size());
        assertEquals(
                "Synapse NG", c.catalog().projectByKey("synapse").orElseThrow().title());
    }

    @Test
    void unknownSectionIsAnErrorWhereverTheProjectComesFrom() throws Exception {
        Files.writeString(dir.resolve("catalog.yaml"), FILE_CATALOG.replace("section: clients", "section: client"));
        ConfigException e = assertThrows(ConfigException.class, () -> ConfigLoader.parse(MINIMAL + """
                catalog_file: catalog.yaml
                projects:
                  - {key: A, section: servers}
                  - {key: B, section: nowhere}
                """, dir, TOKEN));
        assertEquals(
                List.of(
                        "catalog_file 'catalog.yaml': projects[1].section: unknown section 'client' (did you mean 'clients'?)",
                        "projects[1].section: unknown section 'nowhere'"),
                e.problems());
    }

    @Test
    void duplicatesAreWarningsNotErrors() throws Exception {
        ConfigLoader.LoadedConfig loaded = ConfigLoader.parseWithWarnings(MINIMAL + """
                sections:
                  - {key: servers, emoji: "🏢", title: A}
                  - {key: servers, emoji: "🏢", title: B}
                projects:
                  - {key: X, section: servers}
                  - {key: x, section: servers}
                """, dir, TOKEN);
        assertEquals(
                List.of(
                        "section 'servers' is defined twice",
                        "section emoji 🏢 is used by two sections ('servers' loses)",
                        "project 'x' is defined twice"),
                loaded.warnings());
    }

    @Test
    void catalogFileProblemsNameTheFile() throws Exception {
        Files.writeString(
                dir.resolve("bad.yaml"),
                "sectons: []\nrooms: {submissions: '#x:y.z'}\nsections:\n  - {emoji: x, order: first}\n");
        ConfigException e = assertThrows(
                ConfigException.class, () -> ConfigLoader.parse(MINIMAL + "catalog_file: bad.yaml\n", dir, TOKEN));
        assertEquals(
                List.of(
                        "catalog_file 'bad.yaml': unknown key 'sectons' (did you mean 'sections'?)",
                        "catalog_file 'bad.yaml': sections[0].key: missing",
                        "catalog_file 'bad.yaml': sections[0].title: missing",
                        "catalog_file 'bad.yaml': sections[0].order: expected an integer"),
                e.problems());

        ConfigException missing = assertThrows(
                ConfigException.class, () -> ConfigLoader.parse(MINIMAL + "catalog_file: none.yaml\n", dir, TOKEN));
        assertEquals(
                List.of("catalog_file: file not found: " + dir.toAbsolutePath().resolve("none.yaml")),
                missing.problems());
    }

    @Test
    void settingsInACatalogFileAreIgnoredWithAWarning() throws Exception {
        Files.writeString(dir.resolve("cat.yaml"), "editors: {users: ['@x:y.z']}\n" + FILE_CATALOG);
        ConfigLoader.LoadedConfig loaded =
                ConfigLoader.parseWithWarnings(MINIMAL + "catalog_file: cat.yaml\n", dir, TOKEN);
        assertEquals(List.of(), loaded.config().editors().users());
        assertEquals(2, loaded.config().catalog().sections().size());
        assertTrue(
                loaded.warnings().get(0).contains("ignoring editors"),
                loaded.warnings().toString());
    }

    @Test
    void reporterIdsAreValidated() {
        ConfigException e = assertThrows(ConfigException.class, () -> ConfigLoader.parse(MINIMAL + """
                sections:
                  - {key: s, title: S, usual_reporters: [bob]}
                projects:
                  - {key: P, aliases: "p", usual_reporters: "@a:b.c"}
                """, dir, TOKEN));
        assertEquals(
                List.of(
                        "sections[0].usual_reporters[0]: 'bob' is not a Matrix user id (@localpart:server)",
                        "projects[0].aliases: expected a list of strings",
                        "projects[0].usual_reporters: expected a list of user ids"),
                e.problems());
    }

    /** Each problem names the entry by its place in the list as written, whatever the entries before it are. */
    @Test
    void aBadReporterIdIsNamedByItsPlaceInAMixedList() {
        ConfigException e = assertThrows(ConfigException.class, () -> ConfigLoader.parse(MINIMAL + """
                sections:
                  - {key: s, title: S, usual_reporters: [42, bob, "@ok:x.y", "carol"]}
                """, dir, TOKEN));
        assertEquals(
                List.of(
                        "sections[0].usual_reporters[0]: expected a string",
                        "sections[0].usual_reporters[1]: 'bob' is not a Matrix user id (@localpart:server)",
                        "sections[0].usual_reporters[3]: 'carol' is not a Matrix user id (@localpart:server)"),
                e.problems());
    }

    @Test
    void sectionKeywordsAreAListOfWordsOrPhrases() throws Exception {
        BotConfig c = ConfigLoader.parse(MINIMAL + """
                sections:
                  - key: talks
                    title: Dept of Events and Talks
                    keywords: [talk, meetup, "Summer of Code", FOSDEM]
                  - {key: servers, title: Dept of Servers}
                """, dir, TOKEN);
        assertEquals(
                List.of("talk", "meetup", "Summer of Code", "FOSDEM"),
                c.catalog().sectionByKey("talks").orElseThrow().keywords());
        assertEquals(
                List.of(), c.catalog().sectionByKey("servers").orElseThrow().keywords());
    }

    @Test
    void sectionKeywordsOfTheWrongTypeNameTheKey() {
        ConfigException e = assertThrows(ConfigException.class, () -> ConfigLoader.parse(MINIMAL + """
                sections:
                  - {key: talks, title: Talks, keywords: meetup}
                  - {key: guides, title: Guides, keywords: [guide, 42, {a: b}, "&"]}
                """, dir, TOKEN));
        assertEquals(
                List.of(
                        "sections[0].keywords: expected a list of words or phrases",
                        "sections[1].keywords[1]: expected a string",
                        "sections[1].keywords[2]: expected a string",
                        "sections[1].keywords[3]: '&' has no letter or digit"),
                e.problems());
    }
}
