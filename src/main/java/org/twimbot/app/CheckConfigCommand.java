package org.twimbot.app;

import java.util.concurrent.Callable;
import org.twimbot.config.BotConfig;
import org.twimbot.config.ConfigPrinter;
import picocli.CommandLine;

/** {@code twimbot check-config -c FILE}: validate and print the effective configuration, secrets masked. */
@CommandLine.Command(name = "check-config", mixinStandardHelpOptions = true,
        description = "Validate a configuration file; exit 0 when usable, 2 when not.")
final class CheckConfigCommand implements Callable<Integer> {
    @CommandLine.Mixin
    ConfigOption config;

    @Override
    public Integer call() {
        BotConfig cfg = config.loadOrReport();
        if (cfg == null) return Main.EXIT_CONFIG;
        System.out.print(ConfigPrinter.toYaml(cfg));
        System.err.println(config.file + ": OK (" + cfg.catalog().sections().size() + " sections, "
                + cfg.catalog().projects().size() + " projects)");
        return 0;
    }
}
