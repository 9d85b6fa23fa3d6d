package org.twimbot.config;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.Function;

/**
 * The one table of configuration keys: their YAML path, type, default and how to read the
 * effective value back from a {@link BotConfig}. The loader, the environment overrides, the
 * printer and the test that keeps {@code config.example.yaml} complete all derive from it.
 */
public final class ConfigSchema {
    private ConfigSchema() {}

    /** How a value is written and converted. */
    public enum Type {
        STRING,
        SECRET,
        INT,
        OPTIONAL_INT,
        BOOL,
        DURATION,
        SIZE,
        PATH,
        STRING_LIST,
        USER_LIST
    }

    /**
     * One scalar (or list) key.
     *
     * @param path dotted YAML path, e.g. {@code homeserver.url}
     * @param defaultValue text (or List of String) run through the same conversion as user input; null = required or derived
     * @param effective the value in a loaded config, for printing; null for keys that do not survive loading (catalog_file)
     */
    public record Setting(String path, Type type, Object defaultValue, Function<BotConfig, Object> effective) {
        /** {@code TWIMBOT_HOMESERVER_URL} for {@code homeserver.url}. */
        public String envName() {
            return "TWIMBOT_" + path.replace('.', '_').toUpperCase(Locale.ROOT);
        }

        public String group() {
            int dot = path.indexOf('.');
            return dot < 0 ? "" : path.substring(0, dot);
        }

        public String name() {
            return path.substring(path.indexOf('.') + 1);
        }
    }

    public static final String CATALOG_FILE = "catalog_file";
    public static final String SECTIONS = "sections";
    public static final String PROJECTS = "projects";
    /** The keys of one {@code sections} entry. */
    public static final List<String> SECTION_KEYS =
            List.of("key", "emoji", "title", "order", "usual_reporters", "keywords");
    /** The keys of one {@code projects} entry. */
    public static final List<String> PROJECT_KEYS =
            List.of("key", "title", "description", "website", "section", "aliases", "usual_reporters");

    /** The secrets also have short environment names, which win over everything. */
    public static final String ENV_ACCESS_TOKEN = "TWIMBOT_ACCESS_TOKEN";

    public static final String ENV_PASSWORD = "TWIMBOT_PASSWORD";
    /** The same secrets from a file (Docker/Podman secrets, systemd credentials): the variable names the file. */
    public static final String FILE_SUFFIX = "_FILE";

    public static final List<Setting> SETTINGS = List.of(
            s("homeserver.url", Type.STRING, null, c -> c.homeserver().url()),
            s("homeserver.user_id", Type.STRING, null, c -> c.homeserver().userId()),
            s("homeserver.access_token", Type.SECRET, null, c -> c.homeserver().accessToken()),
            s("homeserver.password", Type.SECRET, null, c -> c.homeserver().password()),
            s(
                    "homeserver.device_name",
                    Type.STRING,
                    "twimbot",
                    c -> c.homeserver().deviceName()),
            s("rooms.submissions", Type.STRING, null, c -> c.rooms().submissions()),
            s("rooms.editors", Type.STRING, null, c -> c.rooms().editors()),
            s("rooms.ping", Type.STRING, "", c -> c.rooms().ping()),
            s("editors.users", Type.USER_LIST, List.of(), c -> c.editors().users()),
            s(
                    "editors.min_power_level",
                    Type.OPTIONAL_INT,
                    null,
                    c -> c.editors().minPowerLevel()),
            s("editors.start_notice", Type.BOOL, "true", c -> c.editors().startNotice()),
            s("store.path", Type.PATH, "twimbot.db", c -> c.store().path()),
            s("media.dir", Type.PATH, "media", c -> c.media().dir()),
            s("media.max_bytes", Type.SIZE, "52428800", c -> c.media().maxBytes()),
            s("media.attach_window", Type.DURATION, "10m", c -> c.media().attachWindow()),
            s("media.max_per_item", Type.INT, "10", c -> c.media().maxPerItem()),
            s("media.cache_max_bytes", Type.SIZE, "1073741824", c -> c.media().cacheMaxBytes()),
            s("submissions.min_length", Type.INT, "0", c -> c.submissions().minLength()),
            s("submissions.max_length", Type.INT, "20000", c -> c.submissions().maxLength()),
            s(
                    "submissions.ack_reaction",
                    Type.STRING,
                    "✍️",
                    c -> c.submissions().ackReaction()),
            s("submissions.ack_text", Type.STRING, "", c -> c.submissions().ackText()),
            s("submissions.submit_emoji", Type.STRING, "⭕", c -> c.submissions().submitEmoji()),
            s("curation.auto_assign", Type.BOOL, "true", c -> c.curation().autoAssign()),
            s("curation.reject_emoji", Type.STRING, "❌", c -> c.curation().rejectEmoji()),
            s("commands.prefix", Type.STRING, "!", c -> c.commands().prefix()),
            s("edition.weekday", Type.STRING, "friday", c -> c.edition().weekday()),
            s("edition.timezone", Type.STRING, "UTC", c -> c.edition().timezone()),
            s("render.template", Type.PATH, "", c -> c.render().template()),
            s(
                    "render.verbs",
                    Type.STRING_LIST,
                    List.of("reports", "says", "announces"),
                    c -> c.render().verbs()),
            s("render.image_prefix", Type.STRING, "/blog/img/", c -> c.render().imagePrefix()),
            s(
                    "render.video_markdown",
                    Type.STRING,
                    "> {{< video src=\"{file}\" >}}",
                    c -> c.render().videoMarkdown()),
            s(
                    "render.title",
                    Type.STRING,
                    "This Week in Matrix {date}",
                    c -> c.render().titlePattern()),
            s(
                    "render.path",
                    Type.STRING,
                    "/blog/{year}/{month}/{day}/this-week-in-matrix-{date}",
                    c -> c.render().pathPattern()),
            s(
                    "render.category",
                    Type.STRING,
                    "This Week in Matrix",
                    c -> c.render().category()),
            s("render.submissions_room_link", Type.STRING, null, c -> c.render().submissionsRoomLink()),
            s("render.author", Type.STRING, "", c -> c.render().author()),
            s("logging.level", Type.STRING, "INFO", c -> c.logging().level()),
            s("http.health_port", Type.INT, "0", c -> c.http().healthPort()),
            s(
                    "http.health_address",
                    Type.STRING,
                    BotConfig.Http.LOOPBACK,
                    c -> c.http().healthAddress()),
            s("http.stale_after", Type.DURATION, "2m", c -> c.http().staleAfter()),
            s(CATALOG_FILE, Type.PATH, "", null));

    private static Setting s(String path, Type type, Object def, Function<BotConfig, Object> effective) {
        return new Setting(path, type, def, effective);
    }

    /** The top-level groups ({@code homeserver}, {@code rooms}, ...), in file order. */
    public static List<String> groups() {
        Set<String> groups = new LinkedHashSet<>();
        for (Setting s : SETTINGS) if (!s.group().isEmpty()) groups.add(s.group());
        return List.copyOf(groups);
    }

    /** Every top-level key: the groups, catalog_file, sections, projects. */
    public static List<String> topLevelKeys() {
        List<String> keys = new ArrayList<>(groups());
        keys.add(CATALOG_FILE);
        keys.add(SECTIONS);
        keys.add(PROJECTS);
        return keys;
    }

    /**
     * Every key the loader knows, as dotted paths, with list entries as {@code sections[].key}:
     * {@code homeserver.url}, ..., {@code catalog_file}, {@code sections[].emoji}, {@code projects[].aliases}.
     */
    public static Set<String> knownKeys() {
        Set<String> keys = new LinkedHashSet<>();
        for (Setting s : SETTINGS) keys.add(s.path());
        for (String k : SECTION_KEYS) keys.add(SECTIONS + "[]." + k);
        for (String k : PROJECT_KEYS) keys.add(PROJECTS + "[]." + k);
        return keys;
    }

    /** What a configuration without a file needs, as variables, for the first-run message. */
    public static List<String> requiredEnvironment() {
        return List.of(
                setting("homeserver.user_id").envName(),
                setting("rooms.submissions").envName(),
                setting("editors.users").envName() + " (or "
                        + setting("editors.min_power_level").envName() + ")",
                ENV_ACCESS_TOKEN + " or " + ENV_PASSWORD + " (or " + ENV_ACCESS_TOKEN + FILE_SUFFIX + " / "
                        + ENV_PASSWORD + FILE_SUFFIX + ")");
    }

    public static Setting setting(String path) {
        for (Setting s : SETTINGS) if (s.path().equals(path)) return s;
        throw new IllegalArgumentException("no setting " + path);
    }
}
