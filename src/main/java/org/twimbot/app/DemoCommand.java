package org.twimbot.app;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Comparator;
import java.util.Map;
import java.util.concurrent.Callable;
import org.twimbot.bot.Bot;
import org.twimbot.config.BotConfig;
import org.twimbot.config.ConfigLoader;
import org.twimbot.devserver.DevServer;
import org.twimbot.matrix.MatrixClient;
import org.twimbot.matrix.RetryPolicy;
import org.twimbot.store.Store;
import picocli.CommandLine;

/**
 * {@code twimbot demo}: starts the dev homeserver in-process, plays a scripted week, runs the real
 * bot against it over HTTP with the embedded default (TWIM) catalog, sends {@code !draft} as an
 * editor and prints the draft the bot uploaded.
 */
@CommandLine.Command(
        name = "demo",
        mixinStandardHelpOptions = true,
        description = "Play a scripted week against an in-process dev homeserver and print the draft.")
public final class DemoCommand implements Callable<Integer> {
    @CommandLine.Option(names = "--verbose", description = "show the bot's log")
    boolean verbose;

    @Override
    public Integer call() throws Exception {
        Logging.setLevel(verbose ? "INFO" : "WARN");
        Path dir = Files.createTempDirectory("twimbot-demo");
        try (DevServer server = DevServer.start(0, "localhost");
                DemoWeek week = new DemoWeek(server.baseUrl(), "localhost")) {
            say("dev homeserver on " + server.baseUrl());
            week.cast();
            BotConfig config = ConfigLoader.parse(demoConfig(server.baseUrl(), week), dir, Map.of());
            MatrixClient client = new MatrixClient(server.baseUrl(), RetryPolicy.fast());
            try (Store store = Store.open(config.store().path());
                    Bot bot = new Bot(config, store, client, Clock.systemUTC())) {
                bot.start();
                Thread loop = new Thread(
                        () -> {
                            try {
                                bot.run();
                            } catch (Exception e) {
                                System.err.println("bot stopped: " + e);
                            }
                        },
                        "twimbot-sync");
                loop.start();
                bot.awaitReady();
                say("bot " + week.botUserId() + " joined " + week.roomAlias() + "; playing the week…");
                week.play();
                say("editor " + week.editorUserId() + " sends !draft");
                String draft = week.requestDraft(Duration.ofSeconds(30));
                System.out.print(draft);
                bot.stopAndWait(Duration.ofSeconds(5));
            } finally {
                client.close();
            }
            return 0;
        } finally {
            deleteQuietly(dir);
        }
    }

    public static String demoConfig(String baseUrl, DemoWeek week) {
        return """
                homeserver:
                  url: "%s"
                  user_id: "%s"
                  password: "%s"
                rooms:
                  submissions: "%s"
                editors:
                  users: ["%s"]
                store:
                  path: twimbot.db
                media:
                  dir: media
                """.formatted(baseUrl, week.botUserId(), DemoWeek.PASSWORD, week.roomAlias(), week.editorUserId());
    }

    private static void say(String line) {
        System.err.println("demo: " + line);
    }

    private static void deleteQuietly(Path dir) {
        try (var paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException ignored) {
            // a temp directory left behind is harmless
        }
    }
}
