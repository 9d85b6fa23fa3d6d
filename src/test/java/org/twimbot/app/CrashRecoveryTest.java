package org.twimbot.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.twimbot.config.BotConfig;
import org.twimbot.config.ConfigLoader;
import org.twimbot.devserver.DevServer;
import org.twimbot.matrix.MatrixClient;
import org.twimbot.matrix.RetryPolicy;
import org.twimbot.store.Store;
import org.twimbot.store.Submission;

/**
 * Exactly once under crashes: 5,000 events arrive in 20 rounds; in each, a real bot JVM is
 * started and killed (SIGKILL) at a random moment while it commits its catch-up. The final
 * database must equal that of a bot that saw the same events without interruption.
 */
class CrashRecoveryTest {
    private static final int EVENTS = 5_000;
    private static final int KILLS = 20;
    private static final long SEED = 20261122L;

    @TempDir
    Path dir;

    @Test
    void aBotKilledAtRandomMomentsEndsWithTheSameDatabaseAsAnUninterruptedOne() throws Exception {
        try (DevServer server = DevServer.start(0, "localhost"); DemoWeek week = new DemoWeek(server.baseUrl(), "localhost")) {
            week.cast();
            MatrixClient botLogin = new MatrixClient(server.baseUrl(), RetryPolicy.fast());
            String token = botLogin.loginWithPassword(week.botUserId(), DemoWeek.PASSWORD, null, "crash-test").accessToken();
            botLogin.close();
            Path crashy = dir.resolve("crashy");
            Path reference = dir.resolve("reference");
            Path crashyConfig = writeConfig(crashy, server, week, token);
            Path referenceConfig = writeConfig(reference, server, week, token);

            // one first start, so both databases hold a sync position from before the events
            BotConfig first = ConfigLoader.load(crashyConfig, Map.of());
            runInProcessUntil(first, server, null);
            Files.copy(crashy.resolve("twimbot.db"), reference.resolve("twimbot.db"));

            EventScript script = new EventScript(server, week, new Random(SEED));
            Random timing = new Random(SEED + 1);
            int kills = 0;
            int midBatch = 0;
            try (Store watch = Store.open(crashy.resolve("twimbot.db"))) {
                while (kills < KILLS) {
                    script.produce(EVENTS / KILLS); // news arrives while the bot is down or restarting
                    long before = ChildBot.processed(watch);
                    Process bot = ChildBot.launch(crashyConfig, crashy.resolve("bot-" + kills + ".log"));
                    // kill in the write path: once the restarted bot commits its catch-up, at a random moment
                    if (ChildBot.awaitProgress(watch, before, bot)) midBatch++;
                    Thread.sleep(timing.nextInt(60));
                    bot.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
                    kills++;
                }
            }
            String last = script.lastEventId();
            Process finalRun = ChildBot.launch(crashyConfig, crashy.resolve("bot-final.log"));
            try (Store store = Store.open(crashy.resolve("twimbot.db"))) {
                ChildBot.awaitProcessed(store, last, Duration.ofSeconds(60));
            } finally {
                finalRun.destroy();
                finalRun.waitFor(10, TimeUnit.SECONDS);
            }

            runInProcessUntil(ConfigLoader.load(referenceConfig, Map.of()), server, last);

            Map<String, String> crashed = liveState(crashy.resolve("twimbot.db"));
            Map<String, String> expected = liveState(reference.resolve("twimbot.db"));
            assertTrue(expected.size() > 400, "the script produced a real week: " + expected.size() + " live submissions");
            assertEquals(expected, crashed);
            assertTrue(kills >= KILLS, "killed " + kills + " times");
            assertTrue(midBatch >= KILLS / 2, "most kills hit a bot that was writing: " + midBatch + " of " + kills);
            System.out.println("crash test: " + kills + " kills (" + midBatch + " while committing), " + EVENTS + " events, "
                    + expected.size() + " live submissions");
        }
    }

    /** Every live submission by event id: its text, its active placements and its media. */
    private static Map<String, String> liveState(Path db) {
        try (Store store = Store.open(db)) {
            return store.read(tx -> {
                Map<String, String> state = new TreeMap<>();
                for (var edition : tx.editions().all()) {
                    List<Submission> all = tx.submissions().ofEdition(edition.id());
                    for (Submission s : all) {
                        if (!s.live()) continue;
                        List<String> placements = new ArrayList<>();
                        for (var p : tx.placements().active(s.id())) placements.add(p.kind() + ":" + p.key());
                        placements.sort(null);
                        List<String> media = new ArrayList<>();
                        for (var m : tx.media().ofSubmission(s.id())) media.add(m.eventId());
                        String previous = state.put(s.eventId(), s.body() + " | " + placements + " | " + media);
                        assertEquals(null, previous, "no duplicates");
                    }
                }
                return state;
            });
        }
    }

    /** The reference bot, in this JVM, until it has processed {@code lastEventId} (or one first sync when null). */
    static void runInProcessUntil(BotConfig config, DevServer server, String lastEventId) throws Exception {
        MatrixClient client = new MatrixClient(server.baseUrl(), RetryPolicy.fast());
        try (Store store = Store.open(config.store().path()); Bot bot = new Bot(config, store, client, Clock.systemUTC())) {
            bot.start();
            if (lastEventId == null) {
                bot.syncOnce(0);
                return;
            }
            Thread loop = new Thread(() -> {
                try {
                    bot.run();
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });
            loop.start();
            ChildBot.awaitProcessed(store, lastEventId, Duration.ofSeconds(60));
            assertTrue(bot.stopAndWait(Duration.ofSeconds(5)));
        } finally {
            client.close();
        }
    }

    static Path writeConfig(Path home, DevServer server, DemoWeek week, String token) throws Exception {
        Files.createDirectories(home);
        Path config = home.resolve("config.yaml");
        Files.writeString(config, """
                homeserver:
                  url: "%s"
                  user_id: "%s"
                  access_token: "%s"
                rooms:
                  submissions: "%s"
                editors:
                  users: ["%s"]
                logging:
                  level: WARN
                """.formatted(server.baseUrl(), week.botUserId(), token, week.roomAlias(), week.editorUserId()));
        new File(config.toString()).setReadable(false, false);
        new File(config.toString()).setReadable(true, true);
        return config;
    }

    /**
     * The week's traffic, seeded: news, editors' reactions (and withdrawals of them), edits,
     * deletions, pictures and chatter.
     */
    static final class EventScript {
        private static final String[] KEYS = {"🏢", "📱", "📜", "🤖", "Synapse", "Nheko", "maubot"};
        private final DevServer server;
        private final DemoWeek week;
        private final Random random;
        private final List<String[]> submissions = new ArrayList<>(); // [event id, sender]
        private final List<String> reactions = new ArrayList<>();
        private volatile String lastEventId;

        EventScript(DevServer server, DemoWeek week, Random random) {
            this.server = server;
            this.week = week;
            this.random = random;
        }

        String lastEventId() {
            return lastEventId;
        }

        private int produced;

        /** The next {@code count} events of the week. */
        void produce(int count) {
            String[] people = {"alice", "bob", "carol", "dave", "erin", "frank"};
            for (int end = produced + count; produced < end; produced++) {
                int i = produced;
                String who = "@" + people[random.nextInt(people.length)] + ":localhost";
                int dice = random.nextInt(100);
                if (dice < 15 || submissions.isEmpty()) {
                    String id = send(who, text("TWIM: news number " + i + " from " + who));
                    submissions.add(new String[] {id, who});
                } else if (dice < 35) {
                    String[] target = pick();
                    reactions.add(send(week.editorUserId(), "m.reaction", Map.of("m.relates_to",
                            Map.of("rel_type", "m.annotation", "event_id", target[0], "key", KEYS[random.nextInt(KEYS.length)]))));
                } else if (dice < 40) {
                    String[] target = pick();
                    Map<String, Object> c = new HashMap<>(text("* TWIM: news edited at " + i));
                    c.put("m.new_content", text("TWIM: news edited at " + i));
                    c.put("m.relates_to", Map.of("rel_type", "m.replace", "event_id", target[0]));
                    send(target[1], c);
                } else if (dice < 43 && !reactions.isEmpty()) {
                    String reaction = reactions.remove(random.nextInt(reactions.size()));
                    send(week.editorUserId(), "m.room.redaction", Map.of("redacts", reaction));
                } else if (dice < 45) {
                    String[] target = submissions.remove(random.nextInt(submissions.size()));
                    send(target[1], "m.room.redaction", Map.of("redacts", target[0]));
                } else if (dice < 49) {
                    String[] target = pick();
                    send(target[1], Map.of("msgtype", "m.image", "body", "shot-" + i + ".png", "url", "mxc://localhost/m" + i,
                            "m.relates_to", Map.of("m.in_reply_to", Map.of("event_id", target[0]))));
                } else {
                    send(who, text("chatter " + i));
                }
            }
        }

        private String[] pick() {
            return submissions.get(random.nextInt(submissions.size()));
        }

        private static Map<String, Object> text(String body) {
            return Map.of("msgtype", "m.text", "body", body);
        }

        private String send(String sender, Map<String, Object> content) {
            return send(sender, "m.room.message", content);
        }

        private String send(String sender, String type, Map<String, Object> content) {
            String id = server.injectEvent(week.roomId(), sender, type, content, System.currentTimeMillis());
            lastEventId = id;
            return id;
        }
    }
}
