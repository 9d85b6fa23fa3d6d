package org.twimbot.bot;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.twimbot.app.DemoCommand;
import org.twimbot.app.DemoWeek;
import org.twimbot.config.BotConfig;
import org.twimbot.config.ConfigLoader;
import org.twimbot.devserver.DevServer;
import org.twimbot.matrix.MatrixClient;
import org.twimbot.matrix.RetryPolicy;
import org.twimbot.store.Store;

/**
 * A first start: README says to invite the bot after starting it, so a bot not yet invited waits for the
 * invite instead of crashing, and everything posted from the bot's own join on is news it must see, also
 * what arrives between the join and its first sync.
 */
class FirstJoinTest {
    @TempDir
    Path dir;

    @Test
    void newsPostedBetweenTheJoinAndTheFirstSyncIsTaken() throws Exception {
        try (DevServer server = DevServer.start(0, "localhost");
                DemoWeek week = new DemoWeek(server.baseUrl(), "localhost")) {
            week.cast();
            String before = week.person("alice").say(week.roomId(), "TWIM: old news from before the bot came");
            BotConfig config = ConfigLoader.parse(DemoCommand.demoConfig(server.baseUrl(), week), dir, Map.of());
            MatrixClient client = new MatrixClient(server.baseUrl(), RetryPolicy.fast());
            try (Store store = Store.open(config.store().path());
                    Bot bot = new Bot(config, store, client, Clock.systemUTC())) {
                bot.start(); // joined
                String news = week.person("bob").say(week.roomId(), "TWIM: posted right after the bot joined");
                Thread loop = runInBackground(bot, new AtomicReference<>());
                assertTrue(acknowledged(week, news), "the news posted after the join is acknowledged");
                assertFalse(
                        store.read(tx -> tx.submissions().byEventId(before)).isPresent(),
                        "history before the join is not imported");
                assertTrue(bot.stopAndWait(Duration.ofSeconds(10)));
                loop.join(10_000);
            } finally {
                client.close();
            }
        }
    }

    @Test
    void aBotNotYetInvitedWaitsForTheInviteThenJoinsAndTakesTheNews() throws Exception {
        try (DevServer server = DevServer.start(0, "localhost");
                DemoWeek week = new DemoWeek(server.baseUrl(), "localhost");
                LogCapture logs = new LogCapture(ch.qos.logback.classic.Level.INFO, true)) {
            week.cast();
            MatrixClient host = new MatrixClient(server.baseUrl(), RetryPolicy.fast());
            String hostToken = host.register("host", DemoWeek.PASSWORD).accessToken();
            String privateRoom = host.createRoom("newsroom", "Private newsroom", false);
            String yaml =
                    DemoCommand.demoConfig(server.baseUrl(), week).replace(week.roomAlias(), "#newsroom:localhost");
            BotConfig config = ConfigLoader.parse(yaml, dir, Map.of());
            MatrixClient client = new MatrixClient(server.baseUrl(), RetryPolicy.fast());
            AtomicReference<Throwable> failure = new AtomicReference<>();
            try (Store store = Store.open(config.store().path());
                    Bot bot = new Bot(config, store, client, Clock.systemUTC())) {
                Thread loop = new Thread(
                        () -> {
                            try {
                                bot.start();
                                bot.run();
                            } catch (Throwable t) {
                                failure.set(t);
                            }
                        },
                        "bot-awaiting-invite");
                loop.start();
                awaitLog(logs, "waiting for an invite", failure);
                assertTrue(loop.isAlive(), "still waiting");
                invite(server.baseUrl(), hostToken, privateRoom, week.botUserId());
                awaitLog(logs, "joined submissions room", failure);
                ObjectNode content = new ObjectMapper()
                        .createObjectNode()
                        .put("msgtype", "m.text")
                        .put("body", "TWIM: news right after the bot joined");
                String text = host.sendEvent(privateRoom, "m.room.message", "n2", content);
                long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
                while (!store.read(tx -> tx.submissions().byEventId(text)).isPresent()
                        && System.nanoTime() < deadline) {
                    assertNull(failure.get(), () -> "the bot ended: " + failure.get());
                    Thread.sleep(50);
                }
                assertTrue(
                        store.read(tx -> tx.submissions().byEventId(text)).isPresent(),
                        "news after the invite is stored");
                assertNull(failure.get());
                assertTrue(bot.stopAndWait(Duration.ofSeconds(10)));
                loop.join(10_000);
            } finally {
                client.close();
                host.close();
            }
        }
    }

    private static void awaitLog(LogCapture logs, String text, AtomicReference<Throwable> failure)
            throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (logs.lines().stream().noneMatch(l -> l.contains(text))) {
            if (failure.get() != null)
                throw new AssertionError("the bot ended before logging \"" + text + "\"", failure.get());
            if (System.nanoTime() > deadline)
                throw new AssertionError("never logged \"" + text + "\": " + logs.lines());
            Thread.sleep(50);
        }
    }

    /** The room's owner invites the bot, as README tells operators to do after starting it. */
    private static void invite(String baseUrl, String token, String roomId, String userId) throws Exception {
        okhttp3.Request request = new okhttp3.Request.Builder()
                .url(baseUrl + "/_matrix/client/v3/rooms/" + roomId + "/invite")
                .header("Authorization", "Bearer " + token)
                .post(okhttp3.RequestBody.create(
                        "{\"user_id\":\"" + userId + "\"}", okhttp3.MediaType.get("application/json")))
                .build();
        try (okhttp3.Response response =
                new okhttp3.OkHttpClient().newCall(request).execute()) {
            assertTrue(response.isSuccessful(), "invite: " + response.code());
        }
    }

    private static Thread runInBackground(Bot bot, AtomicReference<Throwable> failure) {
        Thread loop = new Thread(
                () -> {
                    try {
                        bot.run();
                    } catch (Throwable t) {
                        failure.set(t);
                    }
                },
                "bot-under-test");
        loop.start();
        return loop;
    }

    private static boolean acknowledged(DemoWeek week, String eventId) throws Exception {
        return week.editor()
                .await(
                        week.roomId(),
                        e -> week.botUserId().equals(e.sender())
                                && "m.reaction".equals(e.type())
                                && eventId.equals(e.relatesTo()),
                        Duration.ofSeconds(20))
                .isPresent();
    }
}
