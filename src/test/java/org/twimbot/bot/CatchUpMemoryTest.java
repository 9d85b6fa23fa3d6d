package org.twimbot.bot;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.twimbot.app.DemoWeek;
import org.twimbot.config.ConfigLoader;
import org.twimbot.devserver.DevServer;
import org.twimbot.matrix.MatrixClient;
import org.twimbot.matrix.RetryPolicy;
import org.twimbot.store.SettingsTable;
import org.twimbot.store.Store;

/**
 * The catch-up fits the Docker image's heap: with the bot stopped, 1,200 chat messages of 60,000 characters each
 * (72 MB of text, each event under the 64 KiB limit) arrive; the bot, started as its own JVM with
 * {@code -Xmx64m -XX:+UseSerialGC}, processes all of them and moves its sync position past them, with no
 * {@code OutOfMemoryError} on the way. The child's GC log gives the peak heap, printed for the record.
 */
class CatchUpMemoryTest {
    private static final int MESSAGES = 1_200;
    private static final int CHARS = 60_000;
    private static final Pattern GC_PAUSE = Pattern.compile("(\\d+)M->(\\d+)M\\((\\d+)M\\)");

    @TempDir
    Path dir;

    @Test
    @Timeout(600)
    void twelveHundredMessagesOfSixtyThousandCharactersAreCaughtUpUnderSixtyFourMegabytes() throws Exception {
        try (DevServer server = DevServer.start(0, "localhost");
                DemoWeek week = new DemoWeek(server.baseUrl(), "localhost")) {
            week.cast();
            MatrixClient login = new MatrixClient(server.baseUrl(), RetryPolicy.fast());
            String token = login.loginWithPassword(week.botUserId(), DemoWeek.PASSWORD, null, "memory-test")
                    .accessToken();
            login.close();
            Path home = dir.resolve("bot");
            Path config = CrashRecoveryTest.writeConfig(home, server, week, token);
            CrashRecoveryTest.runInProcessUntil(ConfigLoader.load(config, Map.of()), server, null); // a stored position
            Optional<String> before;
            try (Store store = Store.open(home.resolve("twimbot.db"))) {
                before = store.read(tx -> tx.settings().get(SettingsTable.SYNC_TOKEN));
            }
            assertTrue(before.isPresent());

            String last = preload(server, week);
            Path log = home.resolve("bot.log");
            Path gcLog = home.resolve("gc.log");
            Process bot = ChildBot.launch(config, log, "-Xlog:gc:file=" + gcLog);
            try (Store store = Store.open(home.resolve("twimbot.db"))) {
                ChildBot.awaitProcessed(store, last, Duration.ofSeconds(300));
                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
                Optional<String> after = before;
                while (after.equals(before) && System.nanoTime() < deadline) {
                    Thread.sleep(100);
                    after = store.read(tx -> tx.settings().get(SettingsTable.SYNC_TOKEN));
                }
                assertNotEquals(before, after, "the sync position moved past the gap");
                assertTrue(bot.isAlive(), "the bot is still running");
            } finally {
                bot.destroy();
                bot.waitFor(30, TimeUnit.SECONDS);
            }
            String output = Files.readString(log);
            assertFalse(
                    output.contains("OutOfMemoryError"), output.length() > 4000 ? output.substring(0, 4000) : output);
            System.out.println("CatchUpMemoryTest: " + MESSAGES + " x " + CHARS
                    + " characters caught up; peak heap used " + peakHeapMb(gcLog) + " MB (of -Xmx64m)");
        }
    }

    /** The chat written straight into the dev homeserver (same rules as sending, no HTTP round trips); the last id. */
    private static String preload(DevServer server, DemoWeek week) throws Exception {
        Random random = new Random(16);
        String[] people = {"alice", "bob", "carol", "dave", "erin", "frank"};
        String last = null;
        long ts = System.currentTimeMillis() - MESSAGES * 1000L;
        for (int i = 0; i < MESSAGES; i++) {
            StringBuilder text = new StringBuilder(CHARS);
            while (text.length() < CHARS)
                text.append("word").append(random.nextInt(100_000)).append(' ');
            text.setLength(CHARS);
            last = server.injectEvent(
                    week.roomId(),
                    week.person(people[i % people.length]).userId(),
                    "m.room.message",
                    Map.of("msgtype", "m.text", "body", text.toString()),
                    ts + i * 1000L);
        }
        return last;
    }

    /** The largest heap occupancy before a collection, from {@code -Xlog:gc} lines like {@code 20M->5M(30M)}. */
    static long peakHeapMb(Path gcLog) throws Exception {
        long peak = 0;
        Matcher m = GC_PAUSE.matcher(Files.readString(gcLog));
        while (m.find()) peak = Math.max(peak, Long.parseLong(m.group(1)));
        return peak;
    }
}
