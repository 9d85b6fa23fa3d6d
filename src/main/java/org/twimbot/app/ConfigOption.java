package org.twimbot.app;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.twimbot.config.BotConfig;
import org.twimbot.config.ConfigException;
import org.twimbot.config.ConfigLoader;
import picocli.CommandLine;

/** The {@code -c/--config} option shared by the commands that read a config file. */
final class ConfigOption {
    @CommandLine.Option(
            names = {"-c", "--config"},
            paramLabel = "FILE",
            defaultValue = "config.yaml",
            description = "configuration file (default: ${DEFAULT-VALUE})")
    Path file;

    /** The warnings of the last load (shown on stderr then; the bot's start notice repeats them). */
    List<String> warnings = List.of();

    /** Loads the config or prints every problem to stderr and returns null. */
    BotConfig loadOrReport() {
        return loadOrReport(true);
    }

    /** @param needsSecret false for commands that never connect to the homeserver */
    BotConfig loadOrReport(boolean needsSecret) {
        try {
            ConfigLoader.LoadedConfig loaded =
                    ConfigLoader.loadWithWarnings(file, Map.copyOf(System.getenv()), needsSecret);
            if (loaded.environmentOnly())
                System.err.println(file + ": not found; configuration from the environment alone");
            loaded.warnings().forEach(w -> System.err.println(file + ": warning: " + w));
            warnings = loaded.warnings();
            return loaded.config();
        } catch (ConfigException e) {
            System.err.println(file + ": " + e.getMessage());
            return null;
        }
    }
}
