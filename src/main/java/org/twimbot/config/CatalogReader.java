package org.twimbot.config;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Pattern;
import org.twimbot.catalog.Catalog;
import org.twimbot.catalog.Project;
import org.twimbot.catalog.Section;

/**
 * Reads {@code sections}/{@code projects} lists (from the config, the {@code catalog_file} and the
 * embedded default catalog) and merges them: config entries replace same-key entries of the
 * catalog file, which replace the default's. The default TWIM catalog is used only when neither
 * the config nor the catalog file defines a section.
 */
final class CatalogReader {
    static final String DEFAULT_CATALOG_RESOURCE = "/org/twimbot/config/default-catalog.yaml";

    /** An entry and where it was defined, for error messages ({@code projects[3]}). */
    record Sourced<T>(T value, String path) {}

    /** The entries of one source. */
    record Layer(List<Sourced<Section>> sections, List<Sourced<Project>> projects) {
        static Layer empty() {
            return new Layer(List.of(), List.of());
        }
    }

    private final List<String> problems;
    private final List<String> warnings;

    CatalogReader(List<String> problems, List<String> warnings) {
        this.problems = problems;
        this.warnings = warnings;
    }

    /** @param prefix prepended to every path, e.g. {@code catalog_file 'twim.yaml': } */
    Layer readLayer(JsonNode sectionsNode, JsonNode projectsNode, String prefix) {
        return new Layer(
                readList(sectionsNode, prefix + ConfigSchema.SECTIONS, ConfigSchema.SECTION_KEYS, this::section),
                readList(projectsNode, prefix + ConfigSchema.PROJECTS, ConfigSchema.PROJECT_KEYS, this::project));
    }

    /** Reads a catalog file: only sections and projects count; other known config keys are ignored with a warning. */
    Layer readFile(Path file, String label) {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            problems.add(label + ": file not found: " + file);
            return Layer.empty();
        } catch (IOException e) {
            problems.add(label + ": cannot read " + file + ": " + e.getMessage());
            return Layer.empty();
        }
        return readText(text, label + " '" + file.getFileName() + "'");
    }

    /** The embedded default TWIM catalog (generated from hebbot's twim-config.toml). */
    Layer readDefault() {
        try (InputStream in = CatalogReader.class.getResourceAsStream(DEFAULT_CATALOG_RESOURCE)) {
            if (in == null) throw new IllegalStateException("missing resource " + DEFAULT_CATALOG_RESOURCE);
            return readText(new String(in.readAllBytes(), StandardCharsets.UTF_8), "default catalog");
        } catch (IOException e) {
            throw new IllegalStateException("cannot read " + DEFAULT_CATALOG_RESOURCE, e);
        }
    }

    private Layer readText(String text, String label) {
        JsonNode root = Yaml.parse(text, label, problems);
        if (root == null) return Layer.empty();
        if (!root.isObject()) {
            problems.add(label + ": expected a mapping with sections and projects");
            return Layer.empty();
        }
        List<String> ignored = new ArrayList<>();
        for (Iterator<String> it = root.fieldNames(); it.hasNext(); ) {
            String k = it.next();
            if (k.equals(ConfigSchema.SECTIONS) || k.equals(ConfigSchema.PROJECTS)) continue;
            if (ConfigSchema.topLevelKeys().contains(k)) ignored.add(k);
            else problems.add(label + ": " + Suggest.unknownKey(k, ConfigSchema.topLevelKeys(), ""));
        }
        if (!ignored.isEmpty()) {
            warnings.add(label + ": only sections and projects are read from a catalog file; ignoring "
                    + String.join(", ", ignored));
        }
        return readLayer(root.get(ConfigSchema.SECTIONS), root.get(ConfigSchema.PROJECTS), label + ": ");
    }

    /** Merges the layers (later wins on the same key) and checks that every project's section exists. */
    Catalog merge(List<Layer> layers) {
        List<Sourced<Section>> sections = mergeByKey(layers, Layer::sections, s -> s.key());
        List<Sourced<Project>> projects = mergeByKey(layers, Layer::projects, p -> p.key());
        Set<String> sectionKeys = new HashSet<>();
        for (Sourced<Section> s : sections) sectionKeys.add(lookup(s.value().key()));
        List<String> knownSections = sections.stream().map(s -> s.value().key()).toList();
        for (Sourced<Project> p : projects) {
            String section = p.value().section();
            if (!section.isBlank() && !sectionKeys.contains(lookup(section))) {
                String hint = Suggest.closest(section, knownSections)
                        .map(k -> " (did you mean '" + k + "'?)")
                        .orElse("");
                problems.add(p.path() + ".section: unknown section '" + section + "'" + hint);
            }
        }
        return new Catalog(
                sections.stream().map(Sourced::value).toList(),
                projects.stream().map(Sourced::value).toList());
    }

    private static <T> List<Sourced<T>> mergeByKey(
            List<Layer> layers, Function<Layer, List<Sourced<T>>> entries, Function<T, String> key) {
        List<Sourced<T>> merged = new ArrayList<>();
        for (Layer layer : layers) {
            // only entries of earlier layers can be replaced; a key twice in one layer stays a
            // duplicate so that Catalog.warnings() reports it
            Map<String, Integer> earlier = new HashMap<>();
            for (int i = 0; i < merged.size(); i++)
                earlier.putIfAbsent(lookup(key.apply(merged.get(i).value())), i);
            for (Sourced<T> e : entries.apply(layer)) {
                Integer idx = earlier.remove(lookup(key.apply(e.value())));
                if (idx != null) merged.set(idx, e);
                else merged.add(e);
            }
        }
        return merged;
    }

    private static String lookup(String key) {
        return Catalog.normalizeKey(key).toLowerCase(Locale.ROOT);
    }

    private interface EntryReader<T> {
        T read(JsonNode node, String path);
    }

    private <T> List<Sourced<T>> readList(JsonNode list, String path, List<String> allowedKeys, EntryReader<T> reader) {
        List<Sourced<T>> out = new ArrayList<>();
        if (list == null || list.isNull()) return out;
        if (!list.isArray()) {
            problems.add(path + ": expected a list");
            return out;
        }
        for (int i = 0; i < list.size(); i++) {
            String p = path + "[" + i + "]";
            JsonNode n = list.get(i);
            if (!n.isObject()) {
                problems.add(p + ": expected a mapping with " + String.join(", ", allowedKeys));
                continue;
            }
            for (Iterator<String> it = n.fieldNames(); it.hasNext(); ) {
                String k = it.next();
                if (!allowedKeys.contains(k)) problems.add(Suggest.unknownKey(k, allowedKeys, p + "."));
            }
            T value = reader.read(n, p);
            if (value != null) out.add(new Sourced<>(value, p));
        }
        return out;
    }

    private Section section(JsonNode n, String p) {
        int before = problems.size();
        String key = requiredString(n, p, "key");
        String emoji = optionalString(n, p, "emoji", "");
        String title = requiredString(n, p, "title");
        Integer order = 0;
        JsonNode o = n.get("order");
        if (o != null && !o.isNull()) {
            if (o.isIntegralNumber() && o.canConvertToInt()) order = o.intValue();
            else problems.add(p + ".order: expected an integer");
        }
        List<String> reporters = userIds(n, p, "usual_reporters");
        List<String> keywords = keywords(n, p);
        return problems.size() > before ? null : new Section(key, emoji, title, order, reporters, keywords);
    }

    private Project project(JsonNode n, String p) {
        int before = problems.size();
        String key = requiredString(n, p, "key");
        String title = optionalString(n, p, "title", key == null ? "" : key);
        String description = optionalString(n, p, "description", "");
        String website = optionalString(n, p, "website", "");
        String section = optionalString(n, p, "section", "");
        List<String> aliases = strings(n, p, "aliases", "expected a list of strings");
        List<String> reporters = userIds(n, p, "usual_reporters");
        return problems.size() > before
                ? null
                : new Project(key, title, description, website, section, aliases, reporters);
    }

    private String requiredString(JsonNode n, String p, String field) {
        String s = optionalString(n, p, field, null);
        if (s == null) {
            if (!n.hasNonNull(field)) problems.add(p + "." + field + ": missing");
            return null;
        }
        if (s.isBlank()) {
            problems.add(p + "." + field + ": must not be empty");
            return null;
        }
        return s;
    }

    private String optionalString(JsonNode n, String p, String field, String fallback) {
        JsonNode v = n.get(field);
        if (v == null || v.isNull()) return fallback;
        if (!v.isValueNode() || v.isBinary()) {
            problems.add(p + "." + field + ": expected a string");
            return null;
        }
        return v.asText();
    }

    private List<String> userIds(JsonNode n, String p, String field) {
        return strings(
                n,
                p,
                field,
                "expected a list of user ids",
                id -> ConfigValues.isUserId(id) ? null : "'" + id + "' is not a Matrix user id (@localpart:server)");
    }

    /** A section's keywords: strings with a letter or digit (placement compares words, and "&" has none). */
    private List<String> keywords(JsonNode n, String p) {
        return strings(
                n,
                p,
                "keywords",
                "expected a list of words or phrases",
                k -> HAS_WORD.matcher(k).find() ? null : "'" + k + "' has no letter or digit");
    }

    private static final Pattern HAS_WORD = Pattern.compile("[\\p{L}\\p{N}]");

    private List<String> strings(JsonNode n, String p, String field, String typeError) {
        return strings(n, p, field, typeError, s -> null);
    }

    /**
     * A list of strings. {@code problem} tells what is wrong with one (null for nothing); every problem names the
     * entry by its place in the list as written.
     */
    private List<String> strings(
            JsonNode n, String p, String field, String typeError, Function<String, String> problem) {
        JsonNode v = n.get(field);
        if (v == null || v.isNull()) return List.of();
        if (!v.isArray()) {
            problems.add(p + "." + field + ": " + typeError);
            return List.of();
        }
        List<String> out = new ArrayList<>();
        for (int i = 0; i < v.size(); i++) {
            String at = p + "." + field + "[" + i + "]: ";
            if (!v.get(i).isTextual()) {
                problems.add(at + "expected a string");
                continue;
            }
            String wrong = problem.apply(v.get(i).asText());
            if (wrong == null) out.add(v.get(i).asText());
            else problems.add(at + wrong);
        }
        return out;
    }
}
