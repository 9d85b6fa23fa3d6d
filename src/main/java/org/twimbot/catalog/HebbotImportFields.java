package org.twimbot.catalog;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;

/**
 * Typed reads from a parsed TOML/JSON tree that record a problem with its path instead of
 * throwing, so one import run reports every malformed field at once.
 */
final class HebbotImportFields {
    private final List<String> problems;

    HebbotImportFields(List<String> problems) {
        this.problems = problems;
    }

    List<String> problems() {
        return problems;
    }

    void problem(String path, String message) {
        problems.add(path + ": " + message);
    }

    /** A required string; null (and a problem) when missing or not a string. */
    String requiredString(JsonNode parent, String parentPath, String field) {
        JsonNode n = parent.get(field);
        if (n == null || n.isNull()) {
            problem(join(parentPath, field), "missing");
            return null;
        }
        return string(n, join(parentPath, field));
    }

    /** An optional string; {@code fallback} when missing. */
    String optionalString(JsonNode parent, String parentPath, String field, String fallback) {
        JsonNode n = parent.get(field);
        if (n == null || n.isNull()) return fallback;
        String s = string(n, join(parentPath, field));
        return s == null ? fallback : s;
    }

    Integer requiredInt(JsonNode parent, String parentPath, String field) {
        JsonNode n = parent.get(field);
        if (n == null || n.isNull()) {
            problem(join(parentPath, field), "missing");
            return null;
        }
        if (!n.isIntegralNumber() || !n.canConvertToInt()) {
            problem(join(parentPath, field), "expected an integer");
            return null;
        }
        return n.intValue();
    }

    /** An optional list of strings; empty when missing. */
    List<String> stringList(JsonNode parent, String parentPath, String field) {
        JsonNode n = parent.get(field);
        String path = join(parentPath, field);
        if (n == null || n.isNull()) return List.of();
        if (!n.isArray()) {
            problem(path, "expected a list of strings");
            return List.of();
        }
        List<String> out = new ArrayList<>();
        for (int i = 0; i < n.size(); i++) {
            String s = string(n.get(i), path + "[" + i + "]");
            if (s != null) out.add(s);
        }
        return out;
    }

    private String string(JsonNode n, String path) {
        if (!n.isTextual()) {
            problem(path, "expected a string");
            return null;
        }
        return n.asText();
    }

    static String join(String parentPath, String field) {
        return parentPath.isEmpty() ? field : parentPath + "." + field;
    }
}
