package org.twimbot.config;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.twimbot.catalog.Catalog;

/**
 * Reads a YAML config file into a {@link BotConfig}, applying defaults and {@code TWIMBOT_*}
 * environment overrides, and validating everything: all problems are collected and reported
 * together, each with its key path (e.g. {@code homeserver.url: missing},
 * {@code projects[3].section: unknown section 'serverz'}). The keys are listed in {@link ConfigSchema}.
 */
public final class ConfigLoader {
    private ConfigLoader() {}

    /**
     * A loaded config and what the operator should hear about without it being fatal: duplicate
     * catalog keys ({@link org.twimbot.catalog.Catalog#warnings()}), a config file with secrets
     * readable by others, unknown {@code TWIMBOT_*} variables, ignored keys in the catalog file.
     */
    public record LoadedConfig(BotConfig config, List<String> warnings, boolean environmentOnly) {
        public LoadedConfig {
            warnings = List.copyOf(warnings);
        }

        public LoadedConfig(BotConfig config, List<String> warnings) {
            this(config, warnings, false);
        }
    }

    /** @param env usually {@code System.getenv()}; TWIMBOT_ACCESS_TOKEN, TWIMBOT_PASSWORD, TWIMBOT_HOMESERVER_URL ... */
    public static BotConfig load(Path file, Map<String, String> env) throws ConfigException {
        return loadWithWarnings(file, env).config();
    }

    /** The same from YAML text; relative paths resolve against {@code baseDir}. */
    public static BotConfig parse(String yaml, Path baseDir, Map<String, String> env) throws ConfigException {
        return parseWithWarnings(yaml, baseDir, env).config();
    }

    /** The embedded default (TWIM) catalog, as a config without sections gets it. */
    public static Catalog defaultCatalog() {
        List<String> problems = new ArrayList<>();
        CatalogReader reader = new CatalogReader(problems, new ArrayList<>());
        Catalog catalog = reader.merge(List.of(reader.readDefault()));
        if (!problems.isEmpty()) throw new IllegalStateException("the embedded catalog: " + problems);
        return catalog;
    }

    public static LoadedConfig loadWithWarnings(Path file, Map<String, String> env) throws ConfigException {
        return loadWithWarnings(file, env, true);
    }

    /**
     * @param needsSecret false for commands that never connect ({@code draft}, {@code import-hebbot}):
     *     a missing access token or password is then not a problem
     */
    public static LoadedConfig loadWithWarnings(Path file, Map<String, String> env, boolean needsSecret)
            throws ConfigException {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            return environmentOnly(file, env, needsSecret);
        } catch (IOException e) {
            throw new ConfigException(List.of("config file " + file + ": cannot read: " + e.getMessage()));
        }
        Path dir = file.toAbsolutePath().getParent();
        LoadedConfig loaded = read(text, dir, env, "config file " + file.getFileName(), needsSecret);
        List<String> warnings = new ArrayList<>(loaded.warnings());
        permissionWarning(file, text).ifPresent(w -> warnings.add(0, w));
        return new LoadedConfig(loaded.config(), warnings);
    }

    /**
     * No config file: a container's first run on a new volume, or a service configured by its unit file alone.
     * The environment must then give every required setting; relative paths resolve against the file's folder
     * all the same, so the database lands where the file would be. When it does not, the first problem says both
     * ways out.
     */
    private static LoadedConfig environmentOnly(Path file, Map<String, String> env, boolean needsSecret)
            throws ConfigException {
        Path dir = file.toAbsolutePath().getParent();
        try {
            LoadedConfig loaded = read("{}", dir, env, "environment", needsSecret);
            return new LoadedConfig(loaded.config(), loaded.warnings(), true);
        } catch (ConfigException e) {
            List<String> problems = new ArrayList<>();
            problems.add("config file " + file + ": not found; create it (a copy of config.example.yaml), or set every "
                    + "required setting in the environment: " + String.join(", ", ConfigSchema.requiredEnvironment()));
            problems.addAll(e.problems());
            throw new ConfigException(problems);
        }
    }

    public static LoadedConfig parseWithWarnings(String yaml, Path baseDir, Map<String, String> env)
            throws ConfigException {
        return read(yaml, baseDir == null ? Path.of("") : baseDir, env, "config", true);
    }

    private static LoadedConfig read(
            String yaml, Path baseDir, Map<String, String> env, String label, boolean needsSecret)
            throws ConfigException {
        List<String> problems = new ArrayList<>();
        JsonNode root = Yaml.parse(yaml, label, problems);
        if (root == null) throw new ConfigException(problems);
        ConfigReader reader = new ConfigReader(root, baseDir, env, needsSecret);
        BotConfig config = reader.read();
        if (config == null) throw new ConfigException(reader.problems());
        return new LoadedConfig(config, reader.warnings());
    }

    /** Secrets in a file others can read are as good as published. */
    private static Optional<String> permissionWarning(Path file, String text) {
        try {
            if (!containsSecret(text)) return Optional.empty();
            Set<PosixFilePermission> perms = Files.getPosixFilePermissions(file);
            if (perms.contains(PosixFilePermission.GROUP_READ) || perms.contains(PosixFilePermission.OTHERS_READ)) {
                return Optional.of("config file " + file + " contains a secret and is readable by group/others;"
                        + " run: chmod 600 " + file + " (or pass the secret as " + ConfigSchema.ENV_ACCESS_TOKEN + ")");
            }
        } catch (UnsupportedOperationException | IOException e) {
            // not a POSIX file system (Windows): nothing to check
        }
        return Optional.empty();
    }

    private static boolean containsSecret(String text) {
        List<String> ignored = new ArrayList<>();
        JsonNode root = Yaml.parse(text, "", ignored);
        if (root == null) return false;
        JsonNode hs = root.path("homeserver");
        return !hs.path("access_token").asText("").isEmpty()
                || !hs.path("password").asText("").isEmpty();
    }
}
