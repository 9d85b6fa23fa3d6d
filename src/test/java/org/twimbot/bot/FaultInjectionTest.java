package org.twimbot.bot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.Level;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.EnumSet;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import okhttp3.HttpUrl;
import okhttp3.Interceptor;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.twimbot.app.DemoCommand;
import org.twimbot.app.DemoWeek;
import org.twimbot.config.BotConfig;
import org.twimbot.config.ConfigLoader;
import org.twimbot.devserver.DevServer;
import org.twimbot.devserver.Faults;
import org.twimbot.matrix.MatrixClient;
import org.twimbot.matrix.RetryPolicy;
import org.twimbot.matrix.Sleeper;
import org.twimbot.store.Store;

/**
 * The demo's scripted week, played once against a well-behaved dev homeserver and once against one
 * where about a third of the bot's requests fail in every way {@link Faults} knows: the drafts are
 * the same and the sync loop never dies. The scripted people's requests are never failed.
 */
class FaultInjectionTest {
    static final Clock WEDNESDAY = Clock.fixed(Instant.parse("2026-11-25T10:00:00Z"), ZoneOffset.UTC);
    /** The bot's requests carry this user agent, so the fault plan can pick them out. */
    static final String BOT_AGENT = "twimbot-under-test";
    /** Read timeout of the bot's client; a stall holds an answer back longer than this. */
    static final int READ_TIMEOUT_MS = 700;

    static final int STALL_MS = 1_500;
    /** The long-poll the bot asks for is shortened to this, so that a /sync stall past its timeout costs little. */
    static final int SYNC_TIMEOUT_MS = 300;

    @TempDir
    Path dir;

    @Test
    void theWeekUnderFaultsGivesTheSameDraftAsWithout() throws Exception {
        try (LogCapture logs = new LogCapture(Level.INFO, true)) {
            String clean = playWeek(dir.resolve("clean"), null);
            Faults faults = new Faults(20261125L, 0.4, t -> BOT_AGENT.equals(t.userAgent()), STALL_MS);
            String faulty = playWeek(dir.resolve("faulty"), faults);

            assertEquals(normalise(clean), normalise(faulty), "drafts differ; faults: " + faults);
            assertTrue(clean.contains("> Conduit 0.9 brings faster state resolution"), clean);
            assertTrue(faults.injectedTotal() >= 0.2 * faults.considered(), faults.toString());
            assertEquals(
                    EnumSet.allOf(Faults.Kind.class),
                    EnumSet.copyOf(faults.injected().keySet()),
                    faults.toString());
            System.out.println(
                    "FaultInjectionTest: " + faults + "; " + logs.lines().size() + " log lines");
        }
    }

    /** Plays the demo week with the real bot in run mode; returns the draft it uploaded on {@code !draft}. */
    static String playWeek(Path dir, Faults faults) throws Exception {
        Files.createDirectories(dir);
        try (DevServer server = DevServer.start(0, "localhost");
                DemoWeek week = new DemoWeek(server.baseUrl(), "localhost")) {
            server.faults(faults);
            week.cast();
            BotConfig config = ConfigLoader.parse(DemoCommand.demoConfig(server.baseUrl(), week), dir, Map.of());
            MatrixClient client = botClient(server.baseUrl());
            try (Store store = Store.open(config.store().path());
                    Bot bot = new Bot(config, store, client, WEDNESDAY)) {
                RunningLoop loop = RunningLoop.start(bot, "twimbot-under-faults");
                week.play();
                String draft = week.requestDraft(Duration.ofSeconds(60));
                assertTrue(loop.isAlive(), "the sync loop ended");
                assertTrue(bot.stopAndWait(Duration.ofSeconds(10)), "the bot did not stop");
                assertNull(loop.died(), () -> "the sync loop died: " + loop.died());
                return draft;
            } finally {
                client.close();
            }
        }
    }

    /**
     * The bot's client: retries forever with small delays, a short read timeout, and long-polls
     * shortened to {@link #SYNC_TIMEOUT_MS} with a read timeout a little longer than that.
     */
    static MatrixClient botClient(String baseUrl) {
        Interceptor shortPolls = chain -> {
            Request request =
                    chain.request().newBuilder().header("User-Agent", BOT_AGENT).build();
            HttpUrl url = request.url();
            if (url.encodedPath().endsWith("/sync") && url.queryParameter("timeout") != null) {
                int timeout = Math.min(Integer.parseInt(url.queryParameter("timeout")), SYNC_TIMEOUT_MS);
                request = request.newBuilder()
                        .url(url.newBuilder()
                                .setQueryParameter("timeout", Integer.toString(timeout))
                                .build())
                        .build();
                return chain.withReadTimeout(timeout + READ_TIMEOUT_MS, TimeUnit.MILLISECONDS)
                        .proceed(request);
            }
            return chain.proceed(request);
        };
        OkHttpClient http = new OkHttpClient.Builder()
                .connectTimeout(Duration.ofSeconds(2))
                .readTimeout(Duration.ofMillis(READ_TIMEOUT_MS))
                .writeTimeout(Duration.ofSeconds(2))
                .addInterceptor(shortPolls)
                .build();
        RetryPolicy forever = new RetryPolicy(0, Duration.ofMillis(5), Duration.ofMillis(50));
        return new MatrixClient(baseUrl, forever, http, Sleeper.system());
    }

    /**
     * What may differ between two plays of the week: the generation date, the event-id part of media
     * names, and the verb (chosen by a hash of the event id).
     */
    static String normalise(String draft) {
        return draft.replaceAll("(?m)^date = \".*\"$", "date = \"DATE\"")
                .replaceAll("(/blog/img/\\d{4}-\\d{2}-\\d{2}-)[^-]{5}-", "$1ID-")
                .replaceAll(
                        "(?m)^(\\[[^\\]]*]\\(https://matrix\\.to/#/@[^)]*\\)) (reports|says|announces)$", "$1 VERB");
    }
}
