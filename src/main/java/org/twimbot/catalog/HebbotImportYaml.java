package org.twimbot.catalog;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Writes an imported hebbot configuration as twimbot YAML. Output is deterministic (same input,
 * same bytes) because the embedded default catalog is compared against a fresh import in tests.
 */
final class HebbotImportYaml {
    private HebbotImportYaml() {}

    private static final YAMLMapper YAML = new YAMLMapper(YAMLFactory.builder()
            .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
            .enable(YAMLGenerator.Feature.INDENT_ARRAYS_WITH_INDICATOR)
            .disable(YAMLGenerator.Feature.SPLIT_LINES)
            .build());

    static String write(HebbotImport.Result result, boolean withSettings) {
        StringBuilder out = new StringBuilder();
        out.append("# Imported from a hebbot config.toml by `twimbot import-hebbot`.\n");
        Map<String, Object> root = new LinkedHashMap<>();
        if (withSettings) {
            Object userId = result.settings().get("homeserver.user_id");
            if (userId != null) {
                // homeserver needs url and a secret that hebbot's file does not have, so the user id
                // is only a hint: emitting a homeserver block would clash with the one in the config
                out.append("# hebbot's bot_user_id, for your homeserver block: user_id: ")
                        .append(userId)
                        .append('\n');
            }
            for (String note : result.notes()) out.append("# ").append(note).append('\n');
            for (Map.Entry<String, Object> e : result.settings().entrySet()) {
                String[] parts = e.getKey().split("\\.", 2);
                if (parts[0].equals("homeserver")) continue;
                @SuppressWarnings("unchecked")
                Map<String, Object> group =
                        (Map<String, Object>) root.computeIfAbsent(parts[0], k -> new LinkedHashMap<String, Object>());
                group.put(parts[1], e.getValue());
            }
        }
        root.put("sections", sections(result.sections()));
        root.put("projects", projects(result.projects()));
        try {
            out.append(YAML.writeValueAsString(root));
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString();
    }

    private static List<Map<String, Object>> sections(List<Section> sections) {
        List<Map<String, Object>> out = new ArrayList<>();
        for (Section s : sections) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("key", s.key());
            m.put("emoji", s.emoji());
            m.put("title", s.title());
            m.put("order", s.order());
            m.put("usual_reporters", s.usualReporters());
            out.add(m);
        }
        return out;
    }

    private static List<Map<String, Object>> projects(List<Project> projects) {
        List<Map<String, Object>> out = new ArrayList<>();
        for (Project p : projects) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("key", p.key());
            m.put("title", p.title());
            m.put("description", p.description());
            m.put("website", p.website());
            m.put("section", p.section());
            m.put("aliases", p.aliases());
            m.put("usual_reporters", p.usualReporters());
            out.add(m);
        }
        return out;
    }
}
