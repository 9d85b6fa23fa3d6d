package org.twimbot.app;

import java.time.Clock;
import java.util.concurrent.Callable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.twimbot.config.BotConfig;
import org.twimbot.matrix.MatrixClient;
import org.twimbot.matrix.MatrixException;
import org.twimbot.matrix.RetryPolicy;
import org.twimbot.store.Store;
import picocli.CommandLine;

/** {@code twimbot run -c config.yaml}: the bot, until stopped. */
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
        log.info("twimbot {} starting for {} on {}", Main.version(), cfg.homeserver().userId(), cfg.homeserver().url());
        RetryPolicy forever = new RetryPolicy(0, RetryPolicy.defaults().initialDelay(), RetryPolicy.defaults().maxDelay());
        MatrixClient client = new MatrixClient(cfg.homeserver().url(), forever);
        try (Store store = Store.open(cfg.store().path()); Bot bot = new Bot(cfg, store, client, Clock.systemUTC())) {
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                log.info("stopping: finishing the current batch");
                try {
                    if (!bot.stopAndWait(java.time.Duration.ofSeconds(5))) log.warn("the sync loop did not end within 5 s");
                } catch (InterruptedException ignored) {
                    Thread.currentThread().interrupt();
                }
            }, "twimbot-shutdown"));
            bot.start();
            bot.run();
            return 0;
        } catch (MatrixException e) {
            if (e.isUnknownToken()) {
                log.error("the homeserver rejected the access token; set a valid homeserver.access_token "
                        + "(or TWIMBOT_ACCESS_TOKEN), or a password so the bot can log in again");
                return Main.EXIT_AUTH;
            }
            throw e;
        } finally {
            client.close();
        }
    }
}
