package org.twimbot.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigLoaderTest {
    static final String MINIMAL = """
            homeserver:
              url: https://matrix.example.org/
              user_id: "@twim:example.org"
            rooms:
              submissions: "#twim:example.org"
            """;
    static final Map<String, String> TOKEN = Map.of("TWIMBOT_ACCESS_TOKEN", "syt_secret_token");

    @TempDir
    Path dir;

    private static List<String> problems(String yaml, Map<String, String> env) {
        return assertThrows(ConfigException.class, () -> ConfigLoader.parse(yaml, Path.of("/srv/twim"), env))
                .problems();
    }

    @Test
    void minimalConfigGetsEveryDefault() throws Exception {
        BotConfig c = ConfigLoader.parse(MINIMAL, Path.of("/srv/twim"), TOKEN);
        assertEquals("https://matrix.example.org", c.homeserver().url(), "trailing slash dropped");
        assertEquals("@twim:example.org", c.homeserver().userId());
        assertEquals("syt_secret_token", c.homeserver().accessToken());
        assertNull(c.homeserver().password());
        assertEquals("twimbot", c.homeserver().deviceName());
        assertEquals(new BotConfig.Rooms("#twim:example.org", "#twim:example.org"), c.rooms());
        assertEquals(new BotConfig.Editors(List.of(), null, true), c.editors());
        assertEquals(Path.of("/srv/twim/twimbot.db"), c.store().path());
        assertEquals(
                new BotConfig.Media(Path.of("/srv/twim/media"), 52_428_800L, Duration.ofMinutes(10), 10, 1L << 30),
                c.media());
        assertEquals(new BotConfig.Submissions(0, 20000, "✍️", "", "⭕"), c.submissions());
        assertEquals(new BotConfig.Curation(true, "❌"), c.curation());
        assertEquals("!", c.commands().prefix());
        assertEquals(new BotConfig.Edition(DayOfWeek.FRIDAY, ZoneId.of("UTC")), c.edition());
        assertEquals(
                new BotConfig.Render(
                        "",
                        List.of("reports", "says", "announces"),
                        "/blog/img/",
                        "> {{< video src=\"{file}\" >}}",
                        "This Week in Matrix {date}",
                        "/blog/{year}/{month}/{day}/this-week-in-matrix-{date}",
                        "This Week in Matrix",
                        "#twim:example.org",
                        ""),
                c.render());
        assertEquals("INFO", c.logging().level());
        assertEquals(new BotConfig.Http(0, "127.0.0.1", Duration.ofMinutes(2)), c.http());
        assertEquals(33, c.catalog().sections().size(), "the embedded TWIM catalog");
        assertEquals(132, c.catalog().projects().size());
    }

    @Test
    void everyProblemIsReportedAtOnceWithItsPath() {
        String yaml = """
                homeserver:
                  urll: https://matrix.example.org
                  user_id: twim
                rooms:
                  submissions: twim
                editors:
                  users: "@one:example.org"
                  min_power_level: 150
                submissions:
                  min_length: -5
                edition:
                  weekday: fryday
                  timezone: Mars/Olympus
                media:
                  attach_window: soon
                  max_bytes: lots
                http:
                  health_port: 70000
                  health_address: health.example.org
                logging:
                  level: chatty
                render:
                  video_markdown: "<video>"
                sections:
                  - key: servers
                    title: Servers
                projects:
                  - key: Synapse
                    section: serverz
                """;
        List<String> p = problems(yaml, Map.of());
        List<String> expected = List.of(
                "unknown key 'homeserver.urll' (did you mean 'homeserver.url'?)",
                "homeserver.user_id: 'twim' is not a Matrix user id (@localpart:server)",
                "homeserver: set access_token or password (or TWIMBOT_ACCESS_TOKEN / TWIMBOT_PASSWORD)",
                "rooms.submissions: 'twim' is not a room alias (#name:server) or room id (!id:server)",
                "editors.users: expected a list of user ids",
                "editors.min_power_level: must be between 1 and 100, got 150",
                "submissions.min_length: must be >= 0, got -5",
                "edition.weekday: 'fryday' is not a day of the week",
                "edition.timezone: 'Mars/Olympus' is not a time zone (e.g. UTC, Europe/Berlin)",
                "media.attach_window: expected a duration like 10m, 90s, 2h, 500ms or PT10M, got 'soon'",
                "media.max_bytes: expected a size like 52428800, 50MB or 50MiB, got 'lots'",
                "http.health_port: must be between 0 and 65535, got 70000",
                "http.health_address: 'health.example.org' is not an IP address; use 127.0.0.1 (this host only), ::1, "
                        + "a private address of this host, or 0.0.0.0 for every interface",
                "logging.level: 'chatty' is not one of TRACE, DEBUG, INFO, WARN, ERROR, OFF",
                "render.video_markdown: must contain {file}, got '<video>'",
                "projects[0].section: unknown section 'serverz' (did you mean 'servers'?)");
        for (String e : expected) assertTrue(p.contains(e), "expected <" + e + "> in " + p);
        assertEquals(expected.size(), p.size(), p.toString());
    }

    @Test
    void theHealthAddressIsAnIpLiteralFromTheFileOrTheEnvironment() throws Exception {
        assertEquals(
                "::1",
                ConfigLoader.parse(MINIMAL + "http:\n  health_address: \"::1\"\n", Path.of("/srv/twim"), TOKEN)
                        .http()
                        .healthAddress());
        Map<String, String> env = new HashMap<>(TOKEN);
        env.put("TWIMBOT_HTTP_HEALTH_ADDRESS", "0.0.0.0");
        assertEquals(
                "0.0.0.0",
                ConfigLoader.parse(MINIMAL, Path.of("/srv/twim"), env).http().healthAddress());
        for (String bad : List.of("localhost", "127.0.0.256", "1.2.3", "::g", "")) {
            List<String> p = problems(MINIMAL + "http:\n  health_address: \"" + bad + "\"\n", TOKEN);
            assertEquals(1, p.size(), bad + ": " + p);
            assertTrue(p.get(0).startsWith("http.health_address: '" + bad + "' is not an IP address"), p.get(0));
        }
    }

    @Test
    void aMinimumPowerLevelThatMakesEveryMemberAnEditorIsRefused() {
        List<String> p = problems(MINIMAL + "editors: {min_power_level: 0}\n", TOKEN);
        assertEquals(1, p.size(), p.toString());
        assertTrue(
                p.get(0).startsWith("editors.min_power_level: 0 makes every member of the editors room an editor"),
                p.toString());
    }

    @Test
    void unknownKeysAreNeverSilent() {
        List<String> p = problems(MINIMAL + """
                url: https://elsewhere.example
                stor:
                  path: x.db
                homeserver_url: x
                """, TOKEN);
        assertEquals(
                List.of(
                        "unknown key 'url' (did you mean 'homeserver.url'?)",
                        "unknown key 'stor' (did you mean 'store'?)",
                        "unknown key 'homeserver_url' (did you mean 'homeserver.url', i.e. 'url' under 'homeserver:'?)"),
                p);
        assertEquals(
                List.of(
                        "unknown key 'sections[0].titel' (did you mean 'sections[0].title'?)",
                        "sections[0].title: missing"),
                problems(MINIMAL + "sections:\n  - {key: a, titel: A}\n", TOKEN));
        assertEquals(
                List.of("unknown key 'rooms.prefix' (did you mean 'commands.prefix'?)"),
                problems(MINIMAL.replace("rooms:\n", "rooms:\n  prefix: '?'\n"), TOKEN));
    }

    @Test
    void wrongShapesAreTypeErrors() {
        assertEquals(
                List.of(
                        "homeserver: expected a mapping, got 'https://x.example'",
                        "homeserver.user_id: missing",
                        "homeserver: set access_token or password (or TWIMBOT_ACCESS_TOKEN / TWIMBOT_PASSWORD)"),
                problems("homeserver: https://x.example\nrooms: {submissions: '#a:b.c'}\n", Map.of()));
        assertEquals(
                List.of(
                        "curation.auto_assign: expected true or false, got 'maybe'",
                        "render.verbs: expected a list of strings",
                        "sections: expected a list"),
                problems(MINIMAL + "curation: {auto_assign: maybe}\nrender: {verbs: loud}\nsections: {a: 1}\n", TOKEN));
        assertEquals(List.of("(top level): expected a mapping of settings, got a list"), problems("- a\n- b\n", TOKEN));
    }

    @Test
    void environmentWinsOverTheFile() throws Exception {
        String yaml = MINIMAL + """
                  editors: "!editors:example.org"
                homeserver_extra: ~
                """;
        yaml = yaml.replace("homeserver_extra: ~\n", "") + "store:\n  path: file.db\n";
        Map<String, String> env = Map.of(
                "TWIMBOT_HOMESERVER_URL", "https://other.example",
                "TWIMBOT_STORE_PATH", "/data/twimbot.db",
                "TWIMBOT_ROOMS_SUBMISSIONS", "!abc:example.org",
                "TWIMBOT_HTTP_HEALTH_PORT", "9090",
                "TWIMBOT_CURATION_AUTO_ASSIGN", "false",
                "TWIMBOT_MEDIA_MAX_BYTES", "10MB",
                "TWIMBOT_EDITORS_USERS", "@a:example.org, @b:example.org",
                "TWIMBOT_PASSWORD", "pw");
        BotConfig c = ConfigLoader.parse(yaml, Path.of("/srv"), env);
        assertEquals("https://other.example", c.homeserver().url());
        assertEquals(Path.of("/data/twimbot.db"), c.store().path());
        assertEquals("!abc:example.org", c.rooms().submissions());
        assertEquals("!editors:example.org", c.rooms().editors());
        assertEquals("", c.render().submissionsRoomLink(), "a room id is not an alias worth linking");
        assertEquals(9090, c.http().healthPort());
        assertFalse(c.curation().autoAssign());
        assertEquals(10_000_000L, c.media().maxBytes());
        assertEquals(List.of("@a:example.org", "@b:example.org"), c.editors().users());
        assertEquals("pw", c.homeserver().password());
        assertNull(c.homeserver().accessToken());
    }

    @Test
    void secretVariablesArePreferredAndBadEnvValuesNameTheVariable() throws Exception {
        String yaml = MINIMAL.replace("homeserver:\n", "homeserver:\n  access_token: from-file\n");
        assertEquals(
                "from-env",
                ConfigLoader.parse(
                                yaml,
                                dir,
                                Map.of(
                                        "TWIMBOT_ACCESS_TOKEN",
                                        "from-env",
                                        "TWIMBOT_HOMESERVER_ACCESS_TOKEN",
                                        "generic"))
                        .homeserver()
                        .accessToken());
        assertEquals(
                "generic",
                ConfigLoader.parse(yaml, dir, Map.of("TWIMBOT_HOMESERVER_ACCESS_TOKEN", "generic"))
                        .homeserver()
                        .accessToken());
        assertEquals(
                "from-file",
                ConfigLoader.parse(yaml, dir, Map.of("TWIMBOT_ACCESS_TOKEN", ""))
                        .homeserver()
                        .accessToken(),
                "an empty variable is unset");
        assertEquals(
                List.of("http.health_port (from TWIMBOT_HTTP_HEALTH_PORT): expected an integer, got 'eighty'"),
                problems(MINIMAL, Map.of("TWIMBOT_ACCESS_TOKEN", "t", "TWIMBOT_HTTP_HEALTH_PORT", "eighty")));
        ConfigLoader.LoadedConfig loaded = ConfigLoader.parseWithWarnings(
                MINIMAL, dir, Map.of("TWIMBOT_ACCESS_TOKEN", "t", "TWIMBOT_STORE_PATHH", "x"));
        assertEquals(
                List.of(
                        "environment variable TWIMBOT_STORE_PATHH is not a twimbot setting (did you mean TWIMBOT_STORE_PATH?)"),
                loaded.warnings());
    }

    @Test
    void secretsNeverAppearInProblems() {
        String secret = "syt_dG9rZW4_very_secret";
        String broken = MINIMAL.replace("homeserver:\n", "homeserver:\n  access_token: " + secret + ": oops\n");
        ConfigException e = assertThrows(ConfigException.class, () -> ConfigLoader.parse(broken, dir, Map.of()));
        assertTrue(
                e.problems().get(0).matches("config: invalid YAML at line 2, column \\d+: .*"),
                e.problems().toString());
        assertFalse(e.getMessage().contains(secret), e.getMessage());

        String wrongType = "homeserver:\n  access_token: [" + secret + "]\n  password: {p: " + secret + "}\n";
        ConfigException e2 = assertThrows(ConfigException.class, () -> ConfigLoader.parse(wrongType, dir, Map.of()));
        assertTrue(
                e2.problems().contains("homeserver.access_token: expected a string"),
                e2.problems().toString());
        assertFalse(e2.getMessage().contains(secret), e2.getMessage());
    }

    @Test
    void durationsAndSizesAcceptShortAndLongForms() throws Exception {
        BotConfig c = ConfigLoader.parse(MINIMAL + """
                media: {attach_window: PT90S, max_bytes: 50MiB}
                http: {stale_after: 500ms}
                """, dir, TOKEN);
        assertEquals(Duration.ofSeconds(90), c.media().attachWindow());
        assertEquals(50L * 1024 * 1024, c.media().maxBytes());
        assertEquals(Duration.ofMillis(500), c.http().staleAfter());
        assertEquals(
                List.of("http.stale_after: must be > 0, got 0", "media.max_bytes: must be > 0, got 0"),
                problems(MINIMAL + "http: {stale_after: 0s}\nmedia: {max_bytes: 0}\n", TOKEN).stream()
                        .sorted()
                        .toList());
    }

    @Test
    void fileLoadingResolvesPathsAgainstTheConfigDirectory() throws Exception {
        Path file = dir.resolve("config.yaml");
        Files.writeString(file, MINIMAL + "store: {path: db/twim.db}\nmedia: {dir: ../media}\n");
        BotConfig c = ConfigLoader.load(file, TOKEN);
        assertEquals(dir.toAbsolutePath().resolve("db/twim.db"), c.store().path());
        assertEquals(
                dir.toAbsolutePath().getParent().resolve("media"), c.media().dir());

        ConfigException missing =
                assertThrows(ConfigException.class, () -> ConfigLoader.load(dir.resolve("nope.yaml"), TOKEN));
        // without the file the environment must give everything (EnvironmentOnlyConfigTest); here it gives only the
        // token
        assertTrue(
                missing.problems().get(0).startsWith("config file " + dir.resolve("nope.yaml") + ": not found"),
                missing.problems().toString());
    }

    @Test
    void worldReadableFileWithASecretIsWarnedAbout() throws Exception {
        Path file = dir.resolve("config.yaml");
        Files.writeString(file, MINIMAL.replace("homeserver:\n", "homeserver:\n  password: hunter2\n"));
        try {
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));
        } catch (UnsupportedOperationException e) {
            Assumptions.abort("no POSIX permissions here");
        }
        List<String> warnings = ConfigLoader.loadWithWarnings(file, Map.of()).warnings();
        assertEquals(1, warnings.size(), warnings.toString());
        assertTrue(warnings.get(0).contains("readable by group/others")
                && !warnings.get(0).contains("hunter2"));

        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        assertEquals(List.of(), ConfigLoader.loadWithWarnings(file, Map.of()).warnings());

        Files.writeString(file, MINIMAL);
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));
        assertEquals(
                List.of(),
                ConfigLoader.loadWithWarnings(file, TOKEN).warnings(),
                "no secret in the file, nothing to hide");
    }

    @Test
    void templatePathMustExist() throws Exception {
        Files.writeString(dir.resolve("post.peb"), "{{ title }}");
        BotConfig c = ConfigLoader.parse(MINIMAL + "render: {template: post.peb}\n", dir, TOKEN);
        assertEquals(
                dir.toAbsolutePath().resolve("post.peb").toString(), c.render().template());
        assertEquals(
                List.of("render.template: file not found: "
                        + dir.toAbsolutePath().resolve("gone.peb")),
                problems(
                        MINIMAL.replace(
                                "rooms:",
                                "render: {template: " + dir.toAbsolutePath().resolve("gone.peb") + "}\nrooms:"),
                        TOKEN));
    }

    @Test
    void duplicateKeysAreErrorsNotSilentlyOverwritten() {
        List<String> p = problems(MINIMAL + "rooms:\n  submissions: \"#other:example.org\"\n", TOKEN);
        assertEquals(1, p.size(), p.toString());
        assertTrue(p.get(0).matches("config: invalid YAML at line 6, column \\d+: Duplicate field 'rooms'"), p.get(0));
    }

    @Test
    void numericPasswordIsAccepted() throws Exception {
        assertEquals(
                "123456",
                ConfigLoader.parse(MINIMAL.replace("homeserver:\n", "homeserver:\n  password: 123456\n"), dir, Map.of())
                        .homeserver()
                        .password());
    }

    @Test
    void emptyDocumentReportsTheRequiredKeys() {
        assertEquals(
                List.of(
                        "homeserver.user_id: missing",
                        "homeserver: set access_token or password (or TWIMBOT_ACCESS_TOKEN / TWIMBOT_PASSWORD)",
                        "rooms.submissions: missing"),
                problems("", Map.of()));
    }
}
