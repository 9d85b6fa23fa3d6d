package org.twimbot.app;

import java.time.Duration;
import java.util.concurrent.Callable;
import org.twimbot.bot.StartupFailure;
import org.twimbot.config.BotConfig;
import org.twimbot.config.ConfigPrinter;
import org.twimbot.matrix.MatrixClient;
import org.twimbot.matrix.RetryPolicy;
import picocli.CommandLine;

/**
 * {@code twimbot check-config -c FILE}: validate, print the effective configuration with secrets
 * masked, then ask the homeserver ({@link OnlineCheck}; {@code --offline} skips it). Exit 0 when usable, 2 when not.
 */
@CommandLine.Command(
        name = "check-config",
        mixinStandardHelpOptions = true,
        description = "Validate a configuration file and check it with the homeserver; exit 0 when usable, 2 when not.")
final class CheckConfigCommand implements Callable<Integer> {
    @CommandLine.Mixin
    ConfigOption config;

    @CommandLine.Option(names = "--offline", description = "only validate the file; do not contact the homeserver")
    boolean offline;

    @Override
    public Integer call() {
        BotConfig cfg = config.loadOrReport();
        if (cfg == null) return Main.EXIT_CONFIG;
        System.out.print(ConfigPrinter.toYaml(cfg));
        boolean ok = offline || checkOnline(cfg);
        System.err.println(config.file + ": " + (ok ? "OK" : "INVALID") + " ("
                + cfg.catalog().sections().size()
                + " sections, " + cfg.catalog().projects().size() + " projects"
                + (offline ? "; not checked with the homeserver" : "")
                + ")");
        return ok ? 0 : Main.EXIT_CONFIG;
    }

    /** One attempt per call, short waits: a check must answer in seconds, not wait out an outage like the bot. */
    private static boolean checkOnline(BotConfig config) {
        BotConfig cfg;
        try {
            cfg = HomeserverDiscovery.resolve(config);
            if (!cfg.homeserver().url().equals(config.homeserver().url())) {
                System.err.println(
                        "✔ homeserver.url discovered: " + cfg.homeserver().url());
            }
        } catch (StartupFailure e) {
            System.err.println("✘ " + e.getMessage());
            return false;
        }
        RetryPolicy few = new RetryPolicy(2, Duration.ofMillis(200), Duration.ofMillis(500));
        try (MatrixClient client = new MatrixClient(cfg.homeserver().url(), few)) {
            return OnlineCheck.run(cfg, client, System.err);
        }
    }
}
