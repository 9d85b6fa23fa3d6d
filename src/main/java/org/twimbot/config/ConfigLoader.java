package org.twimbot.config;

import java.nio.file.Path;
import java.util.Map;

/**
 * Reads a YAML config file into a {@link BotConfig}, applying defaults and {@code TWIMBOT_*}
 * environment overrides, and validating everything: all problems are collected and reported
 * together, each with its key path (e.g. {@code homeserver.url: missing},
 * {@code projects[3].section: unknown section 'serverz'}).
 */
public final class ConfigLoader {
    private ConfigLoader() {}

    /** @param env usually {@code System.getenv()}; TWIMBOT_ACCESS_TOKEN, TWIMBOT_PASSWORD, TWIMBOT_HOMESERVER_URL ... */
    public static BotConfig load(Path file, Map<String, String> env) throws ConfigException { throw new UnsupportedOperationException("TODO"); }

    /** The same from YAML text; relative paths resolve against {@code baseDir}. */
    public static BotConfig parse(String yaml, Path baseDir, Map<String, String> env) throws ConfigException { throw new UnsupportedOperationException("TODO"); }
}
