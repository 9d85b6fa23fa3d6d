package org.twimbot.config;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.DateTimeException;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.twimbot.catalog.Catalog;

/**
 * One run of reading a parsed config tree: takes every {@link ConfigSchema} setting as converted by
 * {@link RawValues}, validates what it means and builds the {@link BotConfig}, collecting every
 * problem instead of stopping at the first. Not reusable.
 */
final class ConfigReader {
    private static final Set<String> LOG_LEVELS = Set.of("TRACE", "DEBUG", "INFO", "WARN", "ERROR", "OFF");

    private final JsonNode root;
    private final Path baseDir;
    private final Map<String, String> env;
    /** False for commands that never connect: no access token or password needed. */
    private final boolean needsSecret;

    private final List<String> problems = new ArrayList<>();
    private final List<String> warnings = new ArrayList<>();
    private Map<String, Object> values = Map.of();
    /** Settings whose raw value was unusable: validation of their meaning is skipped (already reported). */
    private Set<String> broken = Set.of();

    ConfigReader(JsonNode root, Path baseDir, Map<String, String> env, boolean needsSecret) {
        this.needsSecret = needsSecret;
        this.root = root;
        this.baseDir = baseDir.toAbsolutePath().normalize();
        this.env = env == null ? Map.of() : env;
    }

    List<String> problems() {
        return problems;
    }

    List<String> warnings() {
        return warnings;
    }

    /** @return the config, or null when {@link #problems()} is not empty */
    BotConfig read() {
        if (!root.isObject()) {
            problems.add("(top level): expected a mapping of settings, got " + RawValues.describe(root));
            return null;
        }
        RawValues raw = new RawValues(root, env, problems, warnings);
        values = raw.convertAll();
        broken = raw.broken();
        BotConfig.Homeserver homeserver = homeserver();
        BotConfig.Rooms rooms = rooms();
        BotConfig config = new BotConfig(
                homeserver,
                rooms,
                new BotConfig.Editors(editorUsers(), minPowerLevel(), bool("editors.start_notice")),
                new BotConfig.Store(path("store.path")),
                new BotConfig.Media(
                        path("media.dir"),
                        positiveSize("media.max_bytes"),
                        duration("media.attach_window", true),
                        intInRange("media.max_per_item", 1, 1000),
                        positiveSize("media.cache_max_bytes")),
                submissions(),
                new BotConfig.Curation(bool("curation.auto_assign"), nonBlank("curation.reject_emoji")),
                new BotConfig.Commands(prefix()),
                new BotConfig.Edition(weekday(), timezone()),
                render(rooms),
                new BotConfig.Logging(logLevel()),
                new BotConfig.Http(
                        intInRange("http.health_port", 0, 65535),
                        ipAddress("http.health_address"),
                        duration("http.stale_after", false)),
                catalog());
        return problems.isEmpty() ? config : null;
    }

    // ---- typed access with validation -------------------------------------------------------

    private boolean usable(String path) {
        return !broken.contains(path);
    }

    private String str(String path) {
        return (String) values.get(path);
    }

    private String required(String path) {
        String v = str(path);
        if (v == null || v.isBlank()) {
            if (usable(path)) problems.add(path + ": missing");
            return null;
        }
        return v.strip();
    }

    private String nonBlank(String path) {
        String v = str(path);
        if (v == null) return "";
        if (v.isBlank()) problems.add(path + ": must not be empty");
        return v;
    }

    private BotConfig.Homeserver homeserver() {
        // optional: left out or a server name, the URL is discovered through .well-known at start (HomeserverDiscovery)
        String url = str("homeserver.url");
        url = url == null || url.isBlank() ? null : url.strip();
        if (url != null && !isServerName(url)) {
            if (!isHttpUrl(url)) {
                problems.add("homeserver.url: '" + url
                        + "' is not an http(s) URL such as https://matrix.org, nor a server name");
            }
            while (url.endsWith("/")) url = url.substring(0, url.length() - 1);
        }
        String userId = required("homeserver.user_id");
        if (userId != null && !ConfigValues.isUserId(userId)) {
            problems.add("homeserver.user_id: '" + userId + "' is not a Matrix user id (@localpart:server)");
        }
        String token = str("homeserver.access_token");
        String password = str("homeserver.password");
        if (token == null
                && password == null
                && needsSecret
                && usable("homeserver.access_token")
                && usable("homeserver.password")) {
            problems.add("homeserver: set access_token or password (or " + ConfigSchema.ENV_ACCESS_TOKEN + " / "
                    + ConfigSchema.ENV_PASSWORD + ")");
        }
        return new BotConfig.Homeserver(url, userId, token, password, nonBlank("homeserver.device_name"));
    }

    /** A server name as in user ids: a host name or IP literal, optionally with a port; no scheme, no path. */
    private static boolean isServerName(String s) {
        return s.matches("(\\[[0-9A-Fa-f:.]+\\]|[A-Za-z0-9.-]+)(:[0-9]{1,5})?")
                && !s.startsWith(".")
                && !s.startsWith("-");
    }

    private static boolean isHttpUrl(String s) {
        try {
            URI u = new URI(s);
            return ("http".equalsIgnoreCase(u.getScheme()) || "https".equalsIgnoreCase(u.getScheme()))
                    && u.getHost() != null
                    && !u.getHost().isBlank();
        } catch (URISyntaxException e) {
            return false;
        }
    }

    private BotConfig.Rooms rooms() {
        String submissions = required("rooms.submissions");
        checkRoom("rooms.submissions", submissions);
        String editors = str("rooms.editors");
        if (editors == null || editors.isBlank()) {
            editors = submissions;
        } else {
            editors = editors.strip();
            checkRoom("rooms.editors", editors);
        }
        return new BotConfig.Rooms(submissions, editors, ping(submissions, editors));
    }

    /** rooms.ping: a room of its own; the bot reads only the ping bot's answers there and never posts. */
    private String ping(String submissions, String editors) {
        String ping = str("rooms.ping");
        if (ping == null || ping.isBlank()) return "";
        ping = ping.strip();
        checkRoom("rooms.ping", ping);
        if (ping.equals(submissions) || ping.equals(editors)) {
            problems.add("rooms.ping: '" + ping + "' is the submissions or editors room; the ping room must be a room "
                    + "of its own (the ping bot's, e.g. #ping:maunium.net)");
        }
        return ping;
    }

    private void checkRoom(String path, String room) {
        if (room != null && !ConfigValues.isRoomAlias(room) && !ConfigValues.isRoomId(room)) {
            problems.add(path + ": '" + room + "' is not a room alias (#name:server) or room id (!id:server)");
        }
    }

    @SuppressWarnings("unchecked")
    private List<String> list(String path) {
        Object v = values.get(path);
        return v == null ? List.of() : (List<String>) v;
    }

    private List<String> editorUsers() {
        List<String> users = list("editors.users");
        for (int i = 0; i < users.size(); i++) {
            if (!ConfigValues.isUserId(users.get(i))) {
                problems.add(
                        "editors.users[" + i + "]: '" + users.get(i) + "' is not a Matrix user id (@localpart:server)");
            }
        }
        return users;
    }

    private Integer minPowerLevel() {
        Integer v = (Integer) values.get("editors.min_power_level");
        if (v != null && v <= 0) {
            // users_default is 0 in nearly every room: 0 would hand editing rights to anyone who can join
            problems.add(
                    "editors.min_power_level: " + v + " makes every member of the editors room an editor; use 1 to "
                            + "100 (moderators usually have 50), or list editors in editors.users");
        } else if (v != null && v > 100) {
            problems.add("editors.min_power_level: must be between 1 and 100, got " + v);
        }
        return v;
    }

    private Path path(String key) {
        String v = str(key);
        if (v == null) return null;
        if (v.isBlank()) {
            problems.add(key + ": must not be empty");
            return null;
        }
        return resolve(v);
    }

    private Path resolve(String v) {
        return baseDir.resolve(v.strip()).normalize();
    }

    private long positiveSize(String key) {
        Long v = (Long) values.get(key);
        if (v == null) return 0;
        if (v <= 0) problems.add(key + ": must be > 0, got " + v);
        return v;
    }

    private Duration duration(String key, boolean zeroAllowed) {
        Duration d = (Duration) values.get(key);
        if (d == null) return Duration.ZERO;
        if (d.isNegative() || (!zeroAllowed && d.isZero())) {
            problems.add(
                    key + ": must be " + (zeroAllowed ? ">= 0" : "> 0") + ", got " + ConfigValues.formatDuration(d));
        }
        return d;
    }

    private int integer(String key) {
        Integer v = (Integer) values.get(key);
        return v == null ? 0 : v;
    }

    private int intInRange(String key, int min, int max) {
        int v = integer(key);
        if (usable(key) && (v < min || v > max))
            problems.add(key + ": must be between " + min + " and " + max + ", got " + v);
        return v;
    }

    /** An IPv4 or IPv6 literal: a host name would make the bind depend on DNS at every start. */
    private String ipAddress(String key) {
        String v = str(key);
        if (v == null) return null;
        String address = v.strip();
        if (!ConfigValues.isIpLiteral(address)) {
            problems.add(key + ": '" + v + "' is not an IP address; use 127.0.0.1 (this host only), ::1, a private "
                    + "address of this host, or 0.0.0.0 for every interface");
        }
        return address;
    }

    private boolean bool(String key) {
        Boolean b = (Boolean) values.get(key);
        return b != null && b;
    }

    private BotConfig.Submissions submissions() {
        int min = integer("submissions.min_length");
        int max = integer("submissions.max_length");
        if (usable("submissions.min_length") && min < 0)
            problems.add("submissions.min_length: must be >= 0, got " + min);
        if (usable("submissions.max_length") && max < 1) {
            problems.add("submissions.max_length: must be >= 1, got " + max);
        } else if (usable("submissions.max_length") && usable("submissions.min_length") && max < min) {
            problems.add("submissions.max_length: must be >= submissions.min_length (" + min + "), got " + max);
        }
        String ackText = str("submissions.ack_text");
        return new BotConfig.Submissions(
                min,
                max,
                nonBlank("submissions.ack_reaction"),
                ackText == null ? "" : ackText,
                nonBlank("submissions.submit_emoji"));
    }

    private String prefix() {
        String p = nonBlank("commands.prefix");
        if (!p.isBlank() && p.codePoints().anyMatch(Character::isWhitespace)) {
            problems.add("commands.prefix: must not contain spaces, got '" + p + "'");
        }
        return p;
    }

    private DayOfWeek weekday() {
        String v = str("edition.weekday");
        if (v == null) return DayOfWeek.FRIDAY;
        return ConfigValues.parseDay(v).orElseGet(() -> {
            problems.add("edition.weekday: '" + v + "' is not a day of the week");
            return DayOfWeek.FRIDAY;
        });
    }

    private ZoneId timezone() {
        String v = str("edition.timezone");
        if (v == null) return ZoneId.of("UTC");
        try {
            return ZoneId.of(v.strip());
        } catch (DateTimeException e) {
            problems.add("edition.timezone: '" + v + "' is not a time zone (e.g. UTC, Europe/Berlin)");
            return ZoneId.of("UTC");
        }
    }

    private BotConfig.Render render(BotConfig.Rooms rooms) {
        String template = str("render.template");
        if (template != null && !template.isBlank()) {
            Path t = resolve(template);
            if (!Files.isRegularFile(t)) problems.add("render.template: file not found: " + t);
            template = t.toString();
        } else {
            template = "";
        }
        List<String> verbs = list("render.verbs");
        if (usable("render.verbs")) {
            if (verbs.isEmpty()) problems.add("render.verbs: must list at least one verb");
            for (int i = 0; i < verbs.size(); i++) {
                if (verbs.get(i).isBlank()) problems.add("render.verbs[" + i + "]: must not be empty");
            }
        }
        String video = str("render.video_markdown");
        if (video != null && !video.contains("{file}"))
            problems.add("render.video_markdown: must contain {file}, got '" + video + "'");
        String link = str("render.submissions_room_link");
        if (link == null) {
            // the closing line links the submissions room; a room id makes an ugly link, so only aliases are used
            link = rooms.submissions() != null && rooms.submissions().startsWith("#") ? rooms.submissions() : "";
        }
        return new BotConfig.Render(
                template,
                verbs,
                orEmpty("render.image_prefix"),
                video == null ? "" : video,
                nonBlank("render.title"),
                nonBlank("render.path"),
                orEmpty("render.category"),
                link.strip(),
                orEmpty("render.author").strip());
    }

    private String orEmpty(String key) {
        String v = str(key);
        return v == null ? "" : v;
    }

    private String logLevel() {
        String v = str("logging.level");
        if (v == null) return "INFO";
        String level = v.strip().toUpperCase(Locale.ROOT);
        if (level.equals("WARNING")) level = "WARN";
        if (!LOG_LEVELS.contains(level)) {
            problems.add("logging.level: '" + v + "' is not one of TRACE, DEBUG, INFO, WARN, ERROR, OFF");
        }
        return level;
    }

    private Catalog catalog() {
        CatalogReader reader = new CatalogReader(problems, warnings);
        CatalogReader.Layer own =
                reader.readLayer(root.get(ConfigSchema.SECTIONS), root.get(ConfigSchema.PROJECTS), "");
        CatalogReader.Layer file = CatalogReader.Layer.empty();
        String catalogFile = str(ConfigSchema.CATALOG_FILE);
        if (catalogFile != null && !catalogFile.isBlank())
            file = reader.readFile(resolve(catalogFile), ConfigSchema.CATALOG_FILE);
        List<CatalogReader.Layer> layers = new ArrayList<>();
        if (own.sections().isEmpty() && file.sections().isEmpty() && !hasEntries(ConfigSchema.SECTIONS)) {
            layers.add(reader.readDefault());
        }
        layers.add(file);
        layers.add(own);
        int before = problems.size();
        Catalog catalog = reader.merge(layers);
        // unknown sections are errors here; Catalog repeats them as warnings, which would be noise
        if (problems.size() == before) warnings.addAll(catalog.warnings());
        return catalog;
    }

    /** True when the config lists sections even if all of them were broken (then no silent fallback to the default). */
    private boolean hasEntries(String key) {
        JsonNode n = root.get(key);
        return n != null && n.isArray() && n.size() > 0;
    }
}
