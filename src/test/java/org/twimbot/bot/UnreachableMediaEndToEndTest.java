package org.twimbot.bot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.InterruptedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import okhttp3.Interceptor;
import okhttp3.OkHttpClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.twimbot.app.DemoCommand;
import org.twimbot.app.DemoWeek;
import org.twimbot.app.ScriptedUser;
import org.twimbot.config.BotConfig;
import org.twimbot.config.ConfigLoader;
import org.twimbot.devserver.DevServer;
import org.twimbot.matrix.MatrixClient;
import org.twimbot.matrix.RetryPolicy;
import org.twimbot.matrix.RoomEvent;
import org.twimbot.matrix.Sleeper;
import org.twimbot.store.Store;

/**
 * A picture the homeserver cannot deliver must not stall the bot. The bot here retries as in production (its
 * client's policy has no attempt limit), against the dev homeserver, which answers an mxc of a server it cannot
 * reach as Synapse does (502 "Failed to fetch remote media").
 */
class UnreachableMediaEndToEndTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    /** The bot in run mode with a production-like retry policy (forever) and a hook on its HTTP requests. */
    private final class Running implements AutoCloseable {
        final Store store;
        final MatrixClient client;
        final Bot bot;
        final RunningLoop loop;

        Running(BotConfig config, String baseUrl, Interceptor hook) throws Exception {
            OkHttpClient http = MatrixClient.defaultHttpClient()
                    .newBuilder()
                    .addInterceptor(hook)
                    .build();
            store = Store.open(config.store().path());
            client = new MatrixClient(
                    baseUrl, new RetryPolicy(0, Duration.ofMillis(10), Duration.ofMillis(200)), http, Sleeper.system());
            bot = new Bot(config, store, client, SecretsInLogsTest.WEDNESDAY);
            loop = RunningLoop.start(bot, "twimbot-media");
        }

        @Override
        public void close() throws Exception {
            try {
                assertTrue(bot.stopAndWait(Duration.ofSeconds(30)), "the bot did not stop");
                assertNull(loop.died(), () -> "the sync loop died: " + loop.died());
            } finally {
                client.close();
                store.close();
            }
        }
    }

    private BotConfig config(DevServer server, DemoWeek week) throws Exception {
        Files.createDirectories(dir);
        return ConfigLoader.parse(DemoCommand.demoConfig(server.baseUrl(), week), dir, Map.of());
    }

    private static String imageReply(ScriptedUser who, String room, String replyTo, String mxc) throws Exception {
        ObjectNode c = JSON.createObjectNode()
                .put("msgtype", "m.image")
                .put("body", "x.png")
                .put("url", mxc);
        c.putObject("info").put("mimetype", "image/png");
        c.putObject("m.relates_to").putObject("m.in_reply_to").put("event_id", replyTo);
        return who.client().sendEvent(room, "m.room.message", "img-" + System.nanoTime(), c);
    }

    @Test
    @Timeout(300)
    void anUnreachablePictureIsReportedMissingAndTheBotGoesOn() throws Exception {
        try (DevServer server = DevServer.start(0, "localhost");
                DemoWeek week = new DemoWeek(server.baseUrl(), "localhost")) {
            week.cast();
            List<String> downloads = new CopyOnWriteArrayList<>();
            Interceptor count = chain -> {
                if (chain.request().url().encodedPath().contains("/download/"))
                    downloads.add(chain.request().url().encodedPath());
                return chain.proceed(chain.request());
            };
            try (Running r = new Running(config(server, week), server.baseUrl(), count)) {
                String room = week.roomId();
                String news = week.person("erin").say(room, "TWIM: our release, with a picture from elsewhere");
                imageReply(week.person("erin"), room, news, "mxc://evil.example/x");

                String summary = draftSummary(week);
                assertTrue(summary.contains("media missing") && summary.contains("could not fetch it"), summary);
                assertEquals(1, downloads.size(), "the homeserver's 502 is final: one attempt, " + downloads);

                // the bot goes on: later news is stored and commands are answered
                week.person("frank").say(room, "TWIM: news after the draft");
                assertTrue(SecretsInLogsTest.command(week, "!status", b -> b.contains("news after the draft"))
                        .startsWith("Edition "));
            }
        }
    }

    @Test
    @Timeout(300)
    void whileADraftsPicturesAreFetchedTheBotKeepsSyncingAndRepliesFollowTheDraftInOrder() throws Exception {
        try (DevServer server = DevServer.start(0, "localhost");
                DemoWeek week = new DemoWeek(server.baseUrl(), "localhost")) {
            week.cast();
            CountDownLatch release = new CountDownLatch(1);
            CountDownLatch downloading = new CountDownLatch(1);
            Interceptor slowMedia = chain -> {
                if (chain.request().url().encodedPath().contains("/download/")) {
                    downloading.countDown();
                    try {
                        release.await(120, TimeUnit.SECONDS); // a slow media server, held until the test has looked
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        throw new InterruptedIOException();
                    }
                }
                return chain.proceed(chain.request());
            };
            try (Running r = new Running(config(server, week), server.baseUrl(), slowMedia)) {
                String room = week.roomId();
                String news = week.person("erin").say(room, "TWIM: a new screenshot");
                week.person("erin").replyWithImage(room, news, DemoWeek.demoPicture(), "screenshot.png");
                ScriptedUser editor = week.editor();
                editor.catchUp();
                editor.say(room, "!draft");
                try {
                    assertTrue(downloading.await(60, TimeUnit.SECONDS), "the bot did not start downloading");
                    AtomicInteger commits = new AtomicInteger();
                    r.bot.setBatchListener((events, token) -> commits.incrementAndGet());
                    editor.say(room, "!status");
                    String later = week.person("frank").say(room, "TWIM: news while the picture downloads");
                    // stored, and acknowledged with a reaction, while the download hangs
                    Optional<RoomEvent> ack = editor.await(
                            room,
                            e -> week.botUserId().equals(e.sender())
                                    && "m.reaction".equals(e.type())
                                    && later.equals(e.content()
                                            .path("m.relates_to")
                                            .path("event_id")
                                            .asText()),
                            Duration.ofSeconds(60));
                    assertTrue(ack.isPresent(), "the news posted during the download was not acknowledged");
                    boolean stored = r.store.read(tx -> tx.processed().isProcessed(later));
                    assertTrue(stored, "the news posted during the download was not stored");
                    assertTrue(commits.get() > 0, "the sync loop did not commit while the download hung");
                } finally {
                    release.countDown();
                }
                // then the draft, and only after it the answer to the later !status: the room's order is kept
                List<String> notices = new CopyOnWriteArrayList<>();
                editor.await(
                        room,
                        e -> {
                            if (week.botUserId().equals(e.sender()) && e.body() != null)
                                notices.add(e.msgtype() + ": " + e.body());
                            return e.body() != null && e.body().startsWith("Edition ");
                        },
                        Duration.ofSeconds(120));
                int file = indexOf(notices, "m.file: twim-");
                int status = indexOf(notices, "m.notice: Edition ");
                assertTrue(file >= 0 && status > file, "the draft, then the status: " + notices);
                assertTrue(notices.stream().noneMatch(n -> n.contains("media missing")), notices.toString());
            }
        }
    }

    /** Sends !draft as the editor and returns the summary notice that follows the file. */
    private static String draftSummary(DemoWeek week) throws Exception {
        ScriptedUser editor = week.editor();
        editor.catchUp();
        editor.say(week.roomId(), "!draft");
        return editor.await(
                        week.roomId(),
                        e -> week.botUserId().equals(e.sender())
                                && "m.notice".equals(e.msgtype())
                                && e.body() != null
                                && e.body().startsWith("Draft for"),
                        Duration.ofSeconds(60))
                .orElseThrow(() -> new AssertionError("no draft within 60 s"))
                .body();
    }

    private static int indexOf(List<String> lines, String prefix) {
        for (int i = 0; i < lines.size(); i++) if (lines.get(i).startsWith(prefix)) return i;
        return -1;
    }
}
