package org.twimbot.app;

import java.io.IOException;
import java.time.Clock;
import java.util.concurrent.Callable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.twimbot.bot.BotService;
import org.twimbot.config.BotConfig;
import org.twimbot.matrix.MatrixException;
import picocli.CommandLine;
import sun.misc.Signal;

/** {@code twimbot run -c config.yaml}: the bot, until SIGTERM or Ctrl-C. */
@CommandLine.Command(name = "run", mixinStandardHelpOptions = true, description = "Run the bot.")
final class RunCommand implements Callable<Integer> {
    private static final Logger log = LoggerFactory.getLogger(RunCommand.class);

    @CommandLine.Mixin
    ConfigOption config;

    @Override
    public Integer call() throws Exception {
        BotConfig cfg = config.loadOrReport();
        if (cfg == null) return Main.EXIT_CONFIG;
        Logging.setLevel(cfg.logging().level());
        cfg = HomeserverDiscovery.resolve(cfg);
        log.info(
                "twimbot {} starting for {} on {}",
                Main.version(),
                cfg.homeserver().userId(),
                cfg.homeserver().url());
        try (BotService service = BotService.open(cfg, Clock.systemUTC())) {
            // handled, not left to the JVM: the batch in progress commits and the process exits 0 (a hook would give
            // 143)
            Signal.handle(new Signal("TERM"), s -> stopping(service, "SIGTERM"));
            Signal.handle(new Signal("INT"), s -> stopping(service, "SIGINT"));
            service.bot().configWarnings(config.warnings);
            try {
                service.run();
            } catch (IOException e) {
                if (!service.bot().stopping()) throw e;
                // stopped while still waiting for the homeserver: nothing was half done
            }
            log.info("stopped");
            return 0;
        } catch (MatrixException e) {
            if (e.isUnknownToken()) {
                log.error("the homeserver rejected the access token; set a valid homeserver.access_token "
                        + "(or TWIMBOT_ACCESS_TOKEN), or a password so the bot can log in again");
                return Main.EXIT_AUTH;
            }
            throw e;
        }
    }

    private static void stopping(BotService service, String signal) {
        log.info("{}: finishing the current batch and stopping", signal);
        service.stop();
    }
}
