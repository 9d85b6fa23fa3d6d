package org.twimbot.bot;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.function.Predicate;
import org.twimbot.app.DemoCommand;
import org.twimbot.app.DemoWeek;
import org.twimbot.app.ScriptedUser;
import org.twimbot.config.BotConfig;
import org.twimbot.config.ConfigLoader;
import org.twimbot.devserver.DevServer;
import org.twimbot.matrix.MatrixClient;
import org.twimbot.matrix.RetryPolicy;
import org.twimbot.store.Store;

/**
 * The real bot in {@code run} mode against a dev homeserver over HTTP, with a database in a test
 * directory. Can be stopped and started again on the same database, as an operator would.
 */
final class BotHarness implements AutoCloseable {
    final DevServer server;
    final DemoWeek week;
    final Path dir;
    final BotConfig config;
    private Store store;
    private MatrixClient client;
    private Bot bot;
    private Thread loop;
    private volatile Throwable loopFailure;

    BotHarness(Path dir, Clock clock) throws Exception {
        this(dir, clock, DevServer.Options.defaults());
    }

    BotHarness(Path dir, Clock clock, DevServer.Options options) throws Exception {
        this.dir = dir;
        this.server = DevServer.start(options);
        this.week = new DemoWeek(server.baseUrl(), "localhost");
        week.cast();
        this.config = ConfigLoader.parse(DemoCommand.demoConfig(server.baseUrl(), week), dir, Map.of());
        this.clock = clock;
    }

    private final Clock clock;

    void startBot() throws Exception {
        store = Store.open(config.store().path());
        client = new MatrixClient(server.baseUrl(), RetryPolicy.fast());
        bot = new Bot(config, store, client, clock);
        bot.start();
        loop = new Thread(
                () -> {
                    try {
                        bot.run();
                    } catch (Throwable t) {
                        loopFailure = t;
                    }
                },
                "twimbot-under-test");
        loop.start();
        bot.awaitReady();
    }

    void stopBot() throws Exception {
        if (!bot.stopAndWait(Duration.ofSeconds(5))) throw new AssertionError("the bot did not stop within 5 s");
        if (loopFailure != null) throw new AssertionError("the sync loop died", loopFailure);
        client.close();
        store.close();
    }

    String draft() throws Exception {
        return week.requestDraft(Duration.ofSeconds(30));
    }

    /** Sends {@code !status} as the editor and returns the bot's answer (it reflects everything sent before). */
    String status() throws Exception {
        return command("!status", body -> body.startsWith("Edition "));
    }

    /** Sends a command as the editor and waits for the bot's notice whose body satisfies {@code reply}. */
    String command(String text, Predicate<String> reply) throws Exception {
        ScriptedUser editor = week.editor();
        editor.catchUp();
        editor.say(week.roomId(), text);
        return editor.await(
                        week.roomId(),
                        e -> week.botUserId().equals(e.sender())
                                && "m.notice".equals(e.msgtype())
                                && e.body() != null
                                && reply.test(e.body()),
                        Duration.ofSeconds(30))
                .orElseThrow(() -> new AssertionError("no answer to " + text))
                .body();
    }

    Store store() {
        return store;
    }

    @Override
    public void close() throws Exception {
        if (loop != null && loop.isAlive()) stopBot();
        week.close();
        server.close();
    }
}
