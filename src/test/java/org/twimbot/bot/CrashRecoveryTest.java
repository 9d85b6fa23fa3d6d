package org.twimbot.bot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.twimbot.app.DemoWeek;
import org.twimbot.config.BotConfig;
import org.twimbot.config.ConfigLoader;
import org.twimbot.devserver.DevServer;
import org.twimbot.matrix.MatrixClient;
import org.twimbot.matrix.MessagesPage;
import org.twimbot.matrix.RetryPolicy;
import org.twimbot.matrix.RoomEvent;
import org.twimbot.store.Store;
import org.twimbot.store.Submission;

/**
 * Exactly once under crashes: events arrive live, all the time, while a real bot JVM is started and
 * killed (SIGKILL) again and again at a random moment after it began committing them, so that kills land
 * inside transactions, between a commit and its sends, and between a send and its deletion from the
 * outbox. The final database must equal that of a bot that saw the same events without interruption,
 * and what the homeserver received from the bot must hold every reply exactly once: one ✍️ per stored
 * submission, no reaction twice, no audit line twice (the script makes every line's text unique), and
 * nothing left unsent. The dev homeserver drops a repeated transaction id per access token as Synapse does
 * (RoomsTest); that, and the bot keeping its transaction ids across a crash, is what makes a resend harmless.
 */
class CrashRecoveryTest {
    private static final int KILLS = 6;
    /** Events per bot run: half while it starts (a catch-up), half once it is committing (live). */
    private static final int EVENTS_PER_RUN = 300;

    private static final long SEED = 20261122L;

    @TempDir
    Path dir;

    @Test
    void aBotKilledWhileEventsArriveEndsLikeAnUninterruptedOneAndRepliedExactlyOnce() throws Exception {
        try (DevServer server = DevServer.start(0, "localhost");
                DemoWeek week = new DemoWeek(server.baseUrl(), "localhost")) {
            week.cast();
            MatrixClient botLogin = new MatrixClient(server.baseUrl(), RetryPolicy.fast());
            String token = botLogin.loginWithPassword(week.botUserId(), DemoWeek.PASSWORD, null, "crash-test")
                    .accessToken();
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
            int live = 0;
            try (Store watch = Store.open(crashy.resolve("twimbot.db"));
                    Producer producer = new Producer(script)) {
                while (kills < KILLS) {
                    long before = ChildBot.processed(watch);
                    Process bot = ChildBot.launch(crashyConfig, crashy.resolve("bot-" + kills + ".log"));
                    producer.allow(EVENTS_PER_RUN / 2);
                    // the bot is committing what arrives (a catch-up of the downtime, then live batches): kill it
                    // at a random moment from there, in a commit, a send or a long-poll, while news keeps coming
                    if (ChildBot.awaitProgress(watch, before, bot)) live++;
                    producer.allow(EVENTS_PER_RUN / 2);
                    Thread.sleep(timing.nextInt(1_500));
                    bot.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
                    kills++;
                    Thread.sleep(timing.nextInt(300)); // news keeps arriving while it is down
                }
            }
            String last = script.lastEventId();
            Process finalRun = ChildBot.launch(crashyConfig, crashy.resolve("bot-final.log"));
            try (Store store = Store.open(crashy.resolve("twimbot.db"))) {
                ChildBot.awaitProcessed(store, last, Duration.ofSeconds(90));
                awaitOutboxEmpty(store, Duration.ofSeconds(90));
            } finally {
                finalRun.destroy();
                finalRun.waitFor(10, TimeUnit.SECONDS);
            }
            // counted before the reference bot, which posts in the same room, runs
            Received received = Received.read(server, token, week.roomId(), week.botUserId());
            List<String> submissions = allSubmissions(crashy.resolve("twimbot.db"));

            runInProcessUntil(ConfigLoader.load(referenceConfig, Map.of()), server, last);

            Map<String, String> crashed = liveState(crashy.resolve("twimbot.db"));
            Map<String, String> expected = liveState(reference.resolve("twimbot.db"));
            assertTrue(
                    expected.size() > 50, "the script produced a real week: " + expected.size() + " live submissions");
            assertEquals(expected, crashed);
            assertTrue(live >= KILLS / 2, "most kills hit a bot that was committing: " + live + " of " + kills);

            assertEquals(Map.of(), received.repeated(), "no reaction and no audit line twice");
            for (String submission : submissions) {
                assertEquals(1, received.reactions().getOrDefault(submission + " ✍️", 0), "one ✍️ on " + submission);
            }
            assertTrue(received.lines().size() > 50, received.lines().size() + " audit lines received");
            System.out.println("crash test: " + kills + " kills (" + live + " while committing), " + script.produced()
                    + " events, " + expected.size() + " live submissions, "
                    + received.lines().size() + " audit lines and "
                    + received.reactions().size() + " reactions received once each");
        }
    }

    /** Live traffic: one event every few milliseconds while it is allowed more; closing waits for the rest. */
    private static final class Producer implements AutoCloseable {
        private final Thread thread;
        private final Semaphore allowed = new Semaphore(0);
        private volatile boolean running = true;

        Producer(EventScript script) {
            Random pace = new Random(SEED + 2);
            thread = new Thread(
                    () -> {
                        try {
                            while (running || allowed.availablePermits() > 0) {
                                if (!allowed.tryAcquire(50, TimeUnit.MILLISECONDS)) continue;
                                script.produce(1);
                                Thread.sleep(5 + pace.nextInt(20));
                            }
                        } catch (InterruptedException e) {
                            Thread.currentThread().interrupt();
                        }
                    },
                    "crash-test-producer");
            thread.start();
        }

        void allow(int events) {
            allowed.release(events);
        }

        @Override
        public void close() throws InterruptedException {
            running = false;
            thread.join();
        }
    }

    /**
     * What the homeserver holds from the bot in the room: its reactions by "target key", the lines of its
     * notices (a digest holds several), and whatever appeared more than once.
     */
    private record Received(Map<String, Integer> reactions, Map<String, Integer> lines) {
        static Received read(DevServer server, String token, String roomId, String botUserId) throws Exception {
            Map<String, Integer> reactions = new HashMap<>();
            Map<String, Integer> lines = new HashMap<>();
            try (MatrixClient reader = new MatrixClient(server.baseUrl(), RetryPolicy.fast())) {
                reader.setAccessToken(token);
                String from = null;
                while (true) {
                    MessagesPage page = reader.messages(roomId, from, "b", 1_000, null);
                    for (RoomEvent e : page.chunk()) {
                        if (!e.sender().equals(botUserId)) continue;
                        if ("m.reaction".equals(e.type())) {
                            var rel = e.content().path("m.relates_to");
                            reactions.merge(
                                    rel.path("event_id").asText() + " "
                                            + rel.path("key").asText(),
                                    1,
                                    Integer::sum);
                        } else if ("m.notice".equals(e.msgtype())) {
                            e.body().lines().forEach(l -> lines.merge(l, 1, Integer::sum));
                        }
                    }
                    if (page.chunk().isEmpty() || page.end() == null) break;
                    from = page.end();
                }
            }
            return new Received(reactions, lines);
        }

        Map<String, Integer> repeated() {
            Map<String, Integer> twice = new TreeMap<>();
            reactions.forEach((k, n) -> {
                if (n > 1) twice.put("reaction " + k, n);
            });
            lines.forEach((k, n) -> {
                if (n > 1) twice.put("line " + k, n);
            });
            return twice;
        }
    }

    private static void awaitOutboxEmpty(Store store, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!store.read(tx -> tx.outbox().pending()).isEmpty()) {
            if (System.nanoTime() > deadline) throw new AssertionError("the outbox was not sent within " + timeout);
            Thread.sleep(100);
        }
    }

    /** Every submission ever stored (deleted ones too: each was acknowledged when stored). */
    private static List<String> allSubmissions(Path db) {
        try (Store store = Store.open(db)) {
            return store.read(tx -> {
                List<String> ids = new ArrayList<>();
                for (var edition : tx.editions().all()) {
                    for (Submission s : tx.submissions().ofEdition(edition.id())) ids.add(s.eventId());
                }
                return ids;
            });
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
        try (Store store = Store.open(config.store().path());
                Bot bot = new Bot(config, store, client, Clock.systemUTC())) {
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
                """.formatted(
                        server.baseUrl(), week.botUserId(), token, week.roomAlias(), week.editorUserId()));
        new File(config.toString()).setReadable(false, false);
        new File(config.toString()).setReadable(true, true);
        return config;
    }

    /**
     * The week's traffic, seeded: news, editors' reactions (and withdrawals of them), edits,
     * deletions, pictures and chatter. An editor never puts the same key on the same news twice and
     * each news gets at most one picture, so every audit line the bot owes has a text of its own.
     */
    static final class EventScript {
        private static final String[] KEYS = {"🏢", "📱", "📜", "🤖", "Synapse", "Nheko", "maubot"};
        private final DevServer server;
        private final DemoWeek week;
        private final Random random;
        private final List<String[]> submissions = new ArrayList<>(); // [event id, sender]
        private final List<String> reactions = new ArrayList<>();
        private final Set<String> reacted = new HashSet<>(); // "target key"
        private final Set<String> pictured = new HashSet<>();
        private volatile String lastEventId;

        EventScript(DevServer server, DemoWeek week, Random random) {
            this.server = server;
            this.week = week;
            this.random = random;
        }

        String lastEventId() {
            return lastEventId;
        }

        private volatile int produced;

        int produced() {
            return produced;
        }

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
                    String key = KEYS[random.nextInt(KEYS.length)];
                    if (!reacted.add(target[0] + " " + key)) continue;
                    reactions.add(send(
                            week.editorUserId(),
                            "m.reaction",
                            Map.of(
                                    "m.relates_to",
                                    Map.of("rel_type", "m.annotation", "event_id", target[0], "key", key))));
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
                    if (!pictured.add(target[0])) continue;
                    send(
                            target[1],
                            Map.of(
                                    "msgtype",
                                    "m.image",
                                    "body",
                                    "shot-" + i + ".png",
                                    "url",
                                    "mxc://localhost/m" + i,
                                    "m.relates_to",
                                    Map.of("m.in_reply_to", Map.of("event_id", target[0]))));
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
