package org.twimbot.app;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import org.twimbot.config.BotConfig;
import org.twimbot.matrix.MatrixClient;
import org.twimbot.matrix.RetryPolicy;
import org.twimbot.store.Store;

/**
 * The bot as {@code twimbot run} operates it: database, client that retries forever, the bot
 * itself and the optional health endpoint, opened and closed together.
 */
final class BotService implements AutoCloseable {
    private final Store store;
    private final MatrixClient client;
    private final Bot bot;
    private final HealthServer health;

    private BotService(Store store, MatrixClient client, Bot bot, HealthServer health) {
        this.store = store;
        this.client = client;
        this.bot = bot;
        this.health = health;
    }

    /** Opens everything; the health endpoint answers "starting" until the first sync is committed. */
    static BotService open(BotConfig config, Clock clock) throws IOException {
        Store store = Store.open(config.store().path());
        RetryPolicy forever = new RetryPolicy(0, RetryPolicy.defaults().initialDelay(), RetryPolicy.defaults().maxDelay());
        MatrixClient client = new MatrixClient(config.homeserver().url(), forever);
        Bot bot = new Bot(config, store, client, clock);
        Optional<HealthServer> health = HealthServer.startIfEnabled(config.http(), () -> new HealthSnapshot(bot.lastSyncAt(),
                store.read(tx -> tx.submissions().count()), store.read(tx -> tx.processed().count())), clock);
        return new BotService(store, client, bot, health.orElse(null));
    }

    /** Logs in, joins, then syncs until {@link #stopAndWait} (returns normally then). */
    void run() throws IOException {
        bot.start();
        bot.run();
    }

    boolean stopAndWait(Duration timeout) throws InterruptedException {
        return bot.stopAndWait(timeout);
    }

    /** Asks the loop to end after the batch in progress, without waiting (safe in a signal handler). */
    void stop() {
        bot.stop();
    }

    Bot bot() {
        return bot;
    }

    @Override
    public void close() {
        bot.close();
        if (health != null) health.close();
        client.close();
        store.close();
    }
}
