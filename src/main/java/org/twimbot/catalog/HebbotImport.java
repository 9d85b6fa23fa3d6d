package org.twimbot.catalog;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.toml.TomlMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Converts a hebbot {@code config.toml} (and its {@code store.json}, see {@link HebbotImportNews})
 * into twimbot's catalog and settings.
 *
 * <p>Mapping: a hebbot section's {@code name} becomes the section key, its {@code emoji} the
 * reaction. A hebbot project's {@code emoji} is the reaction that files news under it (often a
 * word such as "Synapse"), so it becomes the twimbot project key; hebbot's {@code name} is kept as
 * an alias unless it equals the key or title ignoring case (twimbot matches keys and names
 * case-insensitively, so such an alias would add nothing). {@code default_section} becomes
 * {@code section}. Nothing else in a section or project is dropped.
 */
public final class HebbotImport {
    private HebbotImport() {}

    /**
     * The imported hebbot configuration.
     *
     * @param settings twimbot key path ({@code editors.users}) → value (String, Integer or List of String), file order
     * @param projectKeysByHebbotName hebbot project {@code name} → twimbot project key; hebbot's store.json refers to projects by name
     * @param notes hebbot settings that could not be mapped (and why), for the operator; never contains secret values
     */
    public record Result(
            List<Section> sections,
            List<Project> projects,
            Map<String, Object> settings,
            Map<String, String> projectKeysByHebbotName,
            List<String> notes) {
        public Result {
            sections = List.copyOf(sections);
            projects = List.copyOf(projects);
            settings = Collections.unmodifiableMap(new LinkedHashMap<>(settings));
            projectKeysByHebbotName = Collections.unmodifiableMap(new LinkedHashMap<>(projectKeysByHebbotName));
            notes = List.copyOf(notes);
        }

        public Catalog catalog() {
            return new Catalog(sections, projects);
        }
    }

    /** hebbot settings that twimbot has no equivalent for, with the reason given to the operator. */
    private static final Map<String, String> UNMAPPED = Map.of(
            "ping_room_id", "for the Dept of Ping, set rooms.ping to the ping bot's room (#ping:maunium.net)",
            "restrict_notice", "twimbot always lets only editors and the author use the submit emoji",
            "update_config_command", "twimbot does not run shell commands; edit the config and restart",
            "approval_emoji", "old hebbot setting; twimbot has no approval step (curation by section/project)",
            "image_emoji", "old hebbot setting; twimbot attaches media by reply, thread or the submit emoji",
            "video_emoji", "old hebbot setting; twimbot attaches media by reply, thread or the submit emoji",
            "bot_password", "secret not imported; set TWIMBOT_PASSWORD or TWIMBOT_ACCESS_TOKEN");

    /** hebbot's {@code image_markdown}, e.g. {@code > ![](/blog/img/{{file}})}: the part before the file name is the prefix. */
    private static final Pattern IMAGE_MARKDOWN =
            Pattern.compile("^>\\s*!\\[[^\\]]*\\]\\(([^()]*?)\\{\\{\\s*file\\s*\\}\\}\\)\\s*$");

    private static final Pattern FILE_PLACEHOLDER = Pattern.compile("\\{\\{\\s*file\\s*\\}\\}");
    private static final Pattern USER_PLACEHOLDER = Pattern.compile("\\{\\{\\s*user\\s*\\}\\}");

    public static Result readConfig(Path tomlFile) throws IOException, HebbotImportException {
        String text;
        try {
            text = Files.readString(tomlFile, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            throw new HebbotImportException(List.of(tomlFile + ": file not found"));
        }
        return parseConfig(text, tomlFile.getFileName().toString());
    }

    /** @param sourceName used in messages (the file name) */
    public static Result parseConfig(String toml, String sourceName) throws HebbotImportException {
        JsonNode root;
        try {
            root = new TomlMapper().readTree(toml);
        } catch (JsonProcessingException e) {
            JsonLocation loc = e.getLocation();
            String where = loc == null ? "" : " at line " + loc.getLineNr() + ", column " + loc.getColumnNr();
            throw new HebbotImportException(
                    List.of(sourceName + ": invalid TOML" + where + ": " + firstLine(e.getOriginalMessage())));
        }
        if (root == null || !root.isObject()) {
            throw new HebbotImportException(
                    List.of(sourceName + ": expected a TOML document with [[sections]] and [[projects]]"));
        }
        HebbotImportFields f = new HebbotImportFields(new ArrayList<>());
        Map<String, Object> settings = new LinkedHashMap<>();
        List<String> notes = new ArrayList<>();
        readSettings(root, f, settings, notes);
        List<Section> sections = readSections(root, f);
        Map<String, String> keysByName = new LinkedHashMap<>();
        List<Project> projects = readProjects(root, f, keysByName);
        if (!f.problems().isEmpty()) throw new HebbotImportException(f.problems());
        return new Result(sections, projects, settings, keysByName, notes);
    }

    private static void readSettings(
            JsonNode root, HebbotImportFields f, Map<String, Object> settings, List<String> notes) {
        for (Iterator<String> it = root.fieldNames(); it.hasNext(); ) {
            String name = it.next();
            switch (name) {
                case "sections", "projects" -> {}
                case "bot_user_id" -> put(settings, "homeserver.user_id", f.optionalString(root, "", name, null));
                case "reporting_room_id" -> put(settings, "rooms.submissions", f.optionalString(root, "", name, null));
                case "admin_room_id" -> put(settings, "rooms.editors", f.optionalString(root, "", name, null));
                case "editors" -> settings.put("editors.users", f.stringList(root, "", name));
                case "notice_emoji" ->
                    put(settings, "submissions.submit_emoji", f.optionalString(root, "", name, null));
                case "min_length" -> {
                    JsonNode n = root.get(name);
                    if (n.isIntegralNumber() && n.canConvertToInt())
                        settings.put("submissions.min_length", n.intValue());
                    else f.problem(name, "expected an integer");
                }
                case "ack_text" -> {
                    String s = f.optionalString(root, "", name, null);
                    if (s != null)
                        settings.put(
                                "submissions.ack_text",
                                USER_PLACEHOLDER.matcher(s).replaceAll("{user}"));
                }
                case "verbs" -> settings.put("render.verbs", f.stringList(root, "", name));
                case "image_markdown" -> {
                    String s = f.optionalString(root, "", name, null);
                    if (s == null) break;
                    Matcher m = IMAGE_MARKDOWN.matcher(s);
                    if (m.matches()) {
                        settings.put("render.image_prefix", m.group(1));
                    } else {
                        notes.add("image_markdown: not of the form '> ![](PREFIX{{file}})', so no render.image_prefix"
                                + " could be derived; use a custom render.template");
                    }
                }
                case "video_markdown" -> {
                    String s = f.optionalString(root, "", name, null);
                    if (s != null)
                        settings.put(
                                "render.video_markdown",
                                FILE_PLACEHOLDER.matcher(s).replaceAll("{file}"));
                }
                default -> notes.add(name + ": not imported; " + UNMAPPED.getOrDefault(name, "unknown hebbot setting"));
            }
        }
    }

    private static void put(Map<String, Object> settings, String key, String value) {
        if (value != null) settings.put(key, value);
    }

    private static List<Section> readSections(JsonNode root, HebbotImportFields f) {
        List<Section> out = new ArrayList<>();
        for (JsonNode n : tables(root, "sections", f)) {
            String p = "sections[" + out.size() + "]";
            String name = f.requiredString(n, p, "name");
            String emoji = f.requiredString(n, p, "emoji");
            String title = f.requiredString(n, p, "title");
            Integer order = f.requiredInt(n, p, "order");
            List<String> reporters = f.stringList(n, p, "usual_reporters");
            // keep the index aligned with the file even for broken entries, so paths stay right
            out.add(new Section(nz(name), nz(emoji), nz(title), order == null ? 0 : order, reporters));
        }
        return out;
    }

    private static List<Project> readProjects(JsonNode root, HebbotImportFields f, Map<String, String> keysByName) {
        List<Project> out = new ArrayList<>();
        for (JsonNode n : tables(root, "projects", f)) {
            String p = "projects[" + out.size() + "]";
            String emoji = f.requiredString(n, p, "emoji");
            String name = f.requiredString(n, p, "name");
            String title = f.optionalString(n, p, "title", name);
            String description = f.optionalString(n, p, "description", "");
            String website = f.optionalString(n, p, "website", "");
            String section = f.optionalString(n, p, "default_section", "");
            List<String> reporters = f.stringList(n, p, "usual_reporters");
            String key = nz(emoji);
            String t = title == null ? nz(name) : title;
            List<String> aliases = new ArrayList<>();
            if (name != null && !sameIgnoringCase(name, key) && !sameIgnoringCase(name, t)) aliases.add(name);
            if (name != null) keysByName.putIfAbsent(name, key);
            out.add(new Project(key, t, description, website, section, aliases, reporters));
        }
        return out;
    }

    private static List<JsonNode> tables(JsonNode root, String field, HebbotImportFields f) {
        JsonNode n = root.get(field);
        List<JsonNode> out = new ArrayList<>();
        if (n == null) return out;
        if (!n.isArray()) {
            f.problem(field, "expected an array of tables ([[" + field + "]])");
            return out;
        }
        for (int i = 0; i < n.size(); i++) {
            if (n.get(i).isObject()) out.add(n.get(i));
            else f.problem(field + "[" + i + "]", "expected a table");
        }
        return out;
    }

    private static boolean sameIgnoringCase(String a, String b) {
        return a.strip().toLowerCase(Locale.ROOT).equals(b.strip().toLowerCase(Locale.ROOT));
    }

    private static String nz(String s) {
        return s == null ? "" : s;
    }

    static String firstLine(String s) {
        if (s == null) return "";
        int nl = s.indexOf('\n');
        return nl < 0 ? s : s.substring(0, nl);
    }

    /** The settings, sections and projects as a twimbot YAML fragment, to merge into a config file. */
    public static String writeYaml(Result result) {
        return HebbotImportYaml.write(result, true);
    }

    /** Only {@code sections} and {@code projects}: a file for {@code catalog_file}. */
    public static String writeCatalogYaml(Result result) {
        return HebbotImportYaml.write(result, false);
    }

    /** Parses hebbot's {@code store.json}; see {@link HebbotImportNews}. */
    public static List<HebbotImportNews.News> readNews(Path storeJson) throws IOException, HebbotImportException {
        return HebbotImportNews.read(storeJson);
    }
}
