package org.twimbot.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.twimbot.config.ConfigSchema.Setting;
import org.twimbot.config.ConfigSchema.Type;

/**
 * The first half of reading a config: reports unknown keys (file and {@code TWIMBOT_*} variables)
 * and turns each {@link ConfigSchema} setting into a Java value of its type, taking the
 * environment over the file over the default. Meaning (ranges, ids, cross-checks) is
 * {@link ConfigReader}'s job.
 */
final class RawValues {
    private final JsonNode root;
    private final Map<String, String> env;
    private final List<String> problems;
    private final List<String> warnings;
    private final Set<String> broken = new TreeSet<>();

    /** A raw value and how to name it in messages (the key, plus the variable when it came from the environment). */
    private record Raw(JsonNode node, String label, boolean fromEnv) {}

    RawValues(JsonNode root, Map<String, String> env, List<String> problems, List<String> warnings) {
        this.root = root;
        this.env = env;
        this.problems = problems;
        this.warnings = warnings;
    }

    /** Setting path → value (String, Integer, Boolean, Long, Duration, List of String), null when missing or broken. */
    Map<String, Object> convertAll() {
        checkKeys();
        checkEnvironment();
        Map<String, Object> values = new HashMap<>();
        for (Setting s : ConfigSchema.SETTINGS) values.put(s.path(), convert(s, raw(s)));
        return values;
    }

    /** Settings whose value was unusable (already reported). */
    Set<String> broken() {
        return broken;
    }

    private void checkKeys() {
        List<String> top = ConfigSchema.topLevelKeys();
        for (Iterator<Map.Entry<String, JsonNode>> it = root.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            String k = e.getKey();
            if (!top.contains(k)) {
                problems.add(unknownTopLevel(k));
                continue;
            }
            if (!ConfigSchema.groups().contains(k)) continue;
            JsonNode group = e.getValue();
            if (group.isNull()) continue;
            if (!group.isObject()) {
                problems.add(k + ": expected a mapping, got " + describe(group));
                continue;
            }
            List<String> names = ConfigSchema.SETTINGS.stream()
                    .filter(s -> s.group().equals(k))
                    .map(Setting::name)
                    .toList();
            for (Iterator<String> f = group.fieldNames(); f.hasNext(); ) {
                String name = f.next();
                if (!names.contains(name)) problems.add(unknownInGroup(k, name, names));
            }
        }
    }

    /** A stray {@code url:} at the top level most likely belongs in a group: say which. */
    private String unknownTopLevel(String k) {
        // flattened forms ("homeserver.url: x" or "homeserver_url: x") are meant as the nested key
        String flat = k.replace('.', '_');
        for (Setting s : ConfigSchema.SETTINGS) {
            if (s.path().replace('.', '_').equals(flat) && !s.group().isEmpty()) {
                return "unknown key '" + k + "' (did you mean '" + s.path() + "', i.e. '" + s.name() + "' under '"
                        + s.group() + ":'?)";
            }
        }
        for (Setting s : ConfigSchema.SETTINGS) {
            if (s.name().equals(k) && !s.group().isEmpty())
                return "unknown key '" + k + "' (did you mean '" + s.path() + "'?)";
        }
        return Suggest.unknownKey(k, ConfigSchema.topLevelKeys(), "");
    }

    private String unknownInGroup(String group, String name, List<String> siblings) {
        if (Suggest.closest(name, siblings).isEmpty()) {
            for (Setting s : ConfigSchema.SETTINGS) {
                if (s.name().equals(name))
                    return "unknown key '" + group + "." + name + "' (did you mean '" + s.path() + "'?)";
            }
        }
        return Suggest.unknownKey(name, siblings, group + ".");
    }

    /** TWIMBOT_* variables that match no setting are most likely typos: warn (they may belong to a wrapper script). */
    private void checkEnvironment() {
        List<String> known = new ArrayList<>(List.of(
                ConfigSchema.ENV_ACCESS_TOKEN,
                ConfigSchema.ENV_PASSWORD,
                ConfigSchema.ENV_ACCESS_TOKEN + ConfigSchema.FILE_SUFFIX,
                ConfigSchema.ENV_PASSWORD + ConfigSchema.FILE_SUFFIX));
        for (Setting s : ConfigSchema.SETTINGS) known.add(s.envName());
        for (String name : new TreeSet<>(env.keySet())) {
            if (!name.startsWith("TWIMBOT_") || known.contains(name)) continue;
            String hint = Suggest.closest(name, known)
                    .map(k -> " (did you mean " + k + "?)")
                    .orElse("");
            warnings.add("environment variable " + name + " is not a twimbot setting" + hint);
        }
    }

    private Raw raw(Setting s) {
        List<String> names = new ArrayList<>();
        String shortName = s.path().equals("homeserver.access_token")
                ? ConfigSchema.ENV_ACCESS_TOKEN
                : s.path().equals("homeserver.password") ? ConfigSchema.ENV_PASSWORD : null;
        if (shortName != null) {
            Raw fromFile = secretFromFile(s, shortName);
            if (fromFile != null) return fromFile;
            names.add(shortName);
        }
        names.add(s.envName());
        for (String name : names) {
            String v = env.get(name);
            // an empty secret variable is "not set" (docker-compose passes unset variables as "")
            if (v == null || (s.type() == Type.SECRET && v.isEmpty())) continue;
            return new Raw(JsonNodeFactory.instance.textNode(v), s.path() + " (from " + name + ")", true);
        }
        JsonNode node = root;
        if (!s.group().isEmpty()) {
            node = root.get(s.group());
            if (node == null || !node.isObject()) return new Raw(null, s.path(), false);
        }
        JsonNode v = node.get(s.name());
        return new Raw(v == null || v.isNull() ? null : v, s.path(), false);
    }

    /**
     * The secret from the file {@code NAME_FILE} names; null when that variable is unset. An unreadable file or
     * both forms set is a problem, and the setting counts as broken (no "set access_token or password" on top).
     */
    private Raw secretFromFile(Setting s, String shortName) {
        String fileVariable = shortName + ConfigSchema.FILE_SUFFIX;
        String file = env.get(fileVariable);
        if (file == null || file.isEmpty()) return null;
        String direct = env.get(shortName);
        String secret = null;
        if (direct != null && !direct.isEmpty()) {
            problems.add("set " + shortName + " or " + fileVariable + ", not both");
        } else {
            secret = SecretFile.read(fileVariable, file, problems);
        }
        if (secret == null) broken.add(s.path());
        return new Raw(
                secret == null ? null : JsonNodeFactory.instance.textNode(secret),
                s.path() + " (from " + fileVariable + ")",
                true);
    }

    /** Converts by type; null when missing without default (or broken, then reported). */
    private Object convert(Setting s, Raw raw) {
        if (raw.node() == null) {
            if (s.defaultValue() == null || broken.contains(s.path())) return null;
            JsonNode def = s.defaultValue() instanceof List<?> list
                    ? JsonNodeFactory.instance
                            .arrayNode()
                            .addAll(list.stream()
                                    .map(o -> (JsonNode) JsonNodeFactory.instance.textNode((String) o))
                                    .toList())
                    : JsonNodeFactory.instance.textNode((String) s.defaultValue());
            return convert(s, new Raw(def, s.path() + " (default)", false));
        }
        JsonNode n = raw.node();
        String label = raw.label();
        Object v = switch (s.type()) {
            case STRING, PATH ->
                n.isValueNode() ? n.asText() : typeError(label, "expected a string, got " + describe(n));
            // a numeric password is still a password; the value itself is never put in a message
            case SECRET ->
                n.isTextual() || n.isNumber()
                        ? (n.asText().isEmpty() ? null : n.asText())
                        : typeError(label, "expected a string");
            case INT, OPTIONAL_INT -> toInt(n, label);
            case BOOL -> toBool(n, label);
            case DURATION ->
                n.isValueNode()
                        ? ConfigValues.parseDuration(n.asText())
                                .map(Object.class::cast)
                                .orElseGet(() -> typeError(
                                        label,
                                        "expected a duration like 10m, 90s, 2h, 500ms or PT10M, got '" + n.asText()
                                                + "'"))
                        : typeError(label, "expected a duration like 10m, got " + describe(n));
            case SIZE ->
                n.isIntegralNumber()
                        ? (Object) n.longValue()
                        : n.isTextual()
                                ? ConfigValues.parseSize(n.asText())
                                        .map(Object.class::cast)
                                        .orElseGet(() -> typeError(
                                                label,
                                                "expected a size like 52428800, 50MB or 50MiB, got '" + n.asText()
                                                        + "'"))
                                : typeError(label, "expected a size like 52428800, 50MB or 50MiB, got " + describe(n));
            case STRING_LIST, USER_LIST -> toList(s, n, label, raw.fromEnv());
        };
        if (v == null && s.type() != Type.SECRET) broken.add(s.path());
        return v;
    }

    private Object toInt(JsonNode n, String label) {
        if (n.isIntegralNumber() && n.canConvertToInt()) return n.intValue();
        if (n.isTextual()) {
            try {
                return Integer.parseInt(n.asText().strip());
            } catch (NumberFormatException e) {
                return typeError(label, "expected an integer, got '" + n.asText() + "'");
            }
        }
        return typeError(label, "expected an integer, got " + describe(n));
    }

    private Object toBool(JsonNode n, String label) {
        if (n.isBoolean()) return n.booleanValue();
        if (n.isTextual()) {
            switch (n.asText().strip().toLowerCase(Locale.ROOT)) {
                case "true", "yes", "on", "1":
                    return true;
                case "false", "no", "off", "0":
                    return false;
                default:
                    break;
            }
        }
        return typeError(
                label, "expected true or false, got " + (n.isValueNode() ? "'" + n.asText() + "'" : describe(n)));
    }

    /** Lists from the environment are comma-separated. */
    private Object toList(Setting s, JsonNode n, String label, boolean fromEnv) {
        String what = s.type() == Type.USER_LIST ? "expected a list of user ids" : "expected a list of strings";
        List<String> out = new ArrayList<>();
        if (fromEnv) {
            for (String part : n.asText().split(",")) if (!part.isBlank()) out.add(part.strip());
            return out;
        }
        if (!n.isArray()) return typeError(label, what);
        boolean ok = true;
        for (int i = 0; i < n.size(); i++) {
            JsonNode item = n.get(i);
            if (item.isTextual() || item.isNumber()) {
                out.add(item.asText());
            } else {
                problems.add(s.path() + "[" + i + "]: expected a string, got " + describe(item));
                ok = false;
            }
        }
        return ok ? out : null;
    }

    private Object typeError(String label, String message) {
        problems.add(label + ": " + message);
        return null;
    }

    static String describe(JsonNode n) {
        if (n.isObject()) return "a mapping";
        if (n.isArray()) return "a list";
        if (n.isBoolean()) return "a boolean";
        if (n.isNumber()) return "a number";
        return "'" + n.asText() + "'";
    }
}
