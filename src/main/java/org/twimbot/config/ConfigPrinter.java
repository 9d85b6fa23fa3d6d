package org.twimbot.config;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.twimbot.config.ConfigSchema.Setting;
import org.twimbot.config.ConfigSchema.Type;

/**
 * The effective configuration as YAML (for {@code check-config}): every key of
 * {@link ConfigSchema} with its loaded value, secrets as {@code ***}, the catalog as counts.
 */
public final class ConfigPrinter {
    private ConfigPrinter() {}

    public static final String MASK = "***";

    private static final YAMLMapper YAML = new YAMLMapper(YAMLFactory.builder()
            .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
            .enable(YAMLGenerator.Feature.INDENT_ARRAYS_WITH_INDICATOR)
            .build());

    public static String toYaml(BotConfig config) {
        Map<String, Object> root = new LinkedHashMap<>();
        for (Setting s : ConfigSchema.SETTINGS) {
            if (s.effective() == null) continue; // catalog_file: its content is in the catalog counts
            Object v = s.effective().apply(config);
            if (s.type() == Type.SECRET) v = v == null ? null : MASK;
            Map<String, Object> group = groupOf(root, s.group());
            group.put(s.name(), plain(v));
        }
        Map<String, Object> catalog = new LinkedHashMap<>();
        catalog.put("sections", config.catalog().sections().size());
        catalog.put("projects", config.catalog().projects().size());
        root.put("catalog", catalog);
        try {
            return YAML.writeValueAsString(root);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> groupOf(Map<String, Object> root, String group) {
        return (Map<String, Object>) root.computeIfAbsent(group, k -> new LinkedHashMap<String, Object>());
    }

    /** Values in the syntax the config file accepts, so the output can be pasted back. */
    private static Object plain(Object v) {
        if (v instanceof Duration d) return ConfigValues.formatDuration(d);
        if (v instanceof Path p) return p.toString();
        if (v instanceof ZoneId z) return z.getId();
        if (v instanceof DayOfWeek d) return d.name().toLowerCase(Locale.ROOT);
        if (v instanceof List<?> l) return List.copyOf(l);
        return v;
    }
}
