package org.twimbot.config;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.util.List;

/** YAML text to a tree, with syntax errors as one problem line. */
final class Yaml {
    private Yaml() {}

    /** Duplicate keys are errors: by default the last one would silently win (two {@code rooms:} blocks after pasting an import). */
    private static final YAMLMapper MAPPER = YAMLMapper.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .build();

    /**
     * @return the tree (an empty mapping for an empty document), or null after adding a problem.
     *     Only the first line of the parser's message is kept: the following lines quote the
     *     offending source line, which may hold a secret.
     */
    static JsonNode parse(String text, String label, List<String> problems) {
        try {
            JsonNode root = MAPPER.readTree(text);
            return root == null || root.isMissingNode() || root.isNull() ? JsonNodeFactory.instance.objectNode() : root;
        } catch (JsonProcessingException e) {
            JsonLocation loc = e.getLocation();
            String where = loc == null || loc.getLineNr() < 0
                    ? ""
                    : " at line " + loc.getLineNr() + ", column " + loc.getColumnNr();
            problems.add(label + ": invalid YAML" + where + ": " + firstLine(e.getOriginalMessage()));
            return null;
        }
    }

    private static String firstLine(String s) {
        if (s == null) return "syntax error";
        int nl = s.indexOf('\n');
        return (nl < 0 ? s : s.substring(0, nl)).strip();
    }
}
