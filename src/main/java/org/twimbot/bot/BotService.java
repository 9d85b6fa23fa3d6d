package org.twimbot.bot;

import java.io.IOException;
import java.net.BindException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import org.twimbot.config.BotConfig;
import org.twimbot.matrix.MatrixClient;
import org.twimbot.matrix.MatrixException;
import org.twimbot.matrix.RetryPolicy;
import org.twimbot.store.Store;
import org.twimbot.store.StoreException;

/**
 * The bot as {@code twimbot run} operates it: database, client that retries forever, the bot
 * itself and the optional health endpoint, opened and closed together.
 */
public final class BotService implements AutoCloseable {
    private final Store store;
    private final MatrixClient client;
    private final Bot bot;
    private final HealthServer health;
    private final String url;

    private BotService(Store store, MatrixClient client, Bot bot, HealthServer health, String url) {
        this.url = url;
        this.store = store;
        this.client = client;
        this.bot = bot;
        this.health = health;
    }

    /** Opens everything; the health endpoint answers "starting" until the first sync is committed. */
    public static BotService open(BotConfig config, Clock clock) throws IOException {
        DataFolders.requireWritable("store.path", config.store().path(), false);
        DataFolders.requireWritable("media.dir", config.media().dir(), true);
        Store store = openStore(config.store().path());
        RetryPolicy forever = new RetryPolicy(
                0, RetryPolicy.defaults().initialDelay(), RetryPolicy.defaults().maxDelay());
        MatrixClient client = new MatrixClient(config.homeserver().url(), forever);
        Bot bot = new Bot(config, store, client, clock);
        try {
            Optional<HealthServer> health = HealthServer.startIfEnabled(
                    config.http(),
                    () -> new HealthSnapshot(
                            bot.lastSyncAt(),
                            store.read(tx -> tx.submissions().count()),
                            store.read(tx -> tx.processed().count()),
                            client.trouble().orElse(null)),
                    clock);
            return new BotService(
                    store, client, bot, health.orElse(null), config.homeserver().url());
        } catch (BindException e) {
            client.close();
            store.close();
            throw StartupFailure.unavailable(
                    "http.health_port " + config.http().healthPort() + ": the port is already in use "
                            + "(another twimbot?); choose another (TWIMBOT_HTTP_HEALTH_PORT), or 0 to turn the health endpoint off");
        }
    }

    private static Store openStore(Path path) {
        try {
            return Store.open(path);
        } catch (StoreException e) {
            throw StartupFailure.unavailable("store.path: " + e.getMessage());
        }
    }

    /** Logs in, joins, then syncs until {@link #stopAndWait} (returns normally then). */
    public void run() throws IOException {
        requireMatrixServer();
        bot.start();
        bot.run();
    }

    /**
     * A URL that answers, but not as a Matrix homeserver (a website's 404, a proxy's 403), will not start answering:
     * waiting for it would hide the mistake. Transient failures (no answer, 5xx) are still waited out by the client.
     */
    private void requireMatrixServer() throws IOException {
        try {
            client.versions();
        } catch (MatrixException e) {
            throw StartupFailure.config("homeserver.url " + url
                    + " is not a Matrix homeserver: GET /_matrix/client/versions "
                    + "answered HTTP " + e.httpStatus() + "; give the client-server API's base URL (what Element shows "
                    + "as the homeserver), e.g. https://matrix.example.org");
        }
    }

    boolean stopAndWait(Duration timeout) throws InterruptedException {
        return bot.stopAndWait(timeout);
    }

    /** Asks the loop to end after the batch in progress, without waiting (safe in a signal handler). */
    public void stop() {
        bot.stop();
    }

    public Bot bot() {
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
