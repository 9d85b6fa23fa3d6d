package org.twimbot.bot;

import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;
import okhttp3.Interceptor;
import okhttp3.OkHttpClient;
import okhttp3.Response;
import okhttp3.ResponseBody;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.twimbot.app.DemoCommand;
import org.twimbot.app.DemoWeek;
import org.twimbot.config.BotConfig;
import org.twimbot.config.ConfigLoader;
import org.twimbot.devserver.DevServer;
import org.twimbot.matrix.MatrixClient;
import org.twimbot.matrix.RetryPolicy;
import org.twimbot.matrix.RoomEvent;
import org.twimbot.matrix.Sleeper;
import org.twimbot.store.Store;

/**
 * Text the bot cannot decode cleanly: a /sync body with invalid UTF-8 in one message (as a lax server
 * or a broken proxy might send it, the same bytes for every retry of that position) and a message
 * with an escaped lone surrogate. The bot processes the batch - the sync position advances, later
 * commands are answered - stores the news with U+FFFD in place of the bad bytes, and the draft it
 * uploads is well-formed UTF-8.
 */
class MalformedTextEndToEndTest {
    private static final Clock WEDNESDAY = Clock.fixed(Instant.parse("2026-11-25T10:00:00Z"), ZoneOffset.UTC);
    /** Replaced, in every /sync body the bot receives, by as many bytes of invalid UTF-8. */
    private static final String MARKER = "BADUTF8!";

    private static final byte[] INVALID = {
        (byte) 0xFF, 'x', (byte) 0xC3, '(', (byte) 0xED, (byte) 0xA0, (byte) 0x80, '!'
    };

    @TempDir
    Path dir;

    @Test
    void invalidUtf8AndLoneSurrogatesDoNotStallTheSyncLoop() throws Exception {
        try (DevServer server = DevServer.start(0, "localhost");
                DemoWeek week = new DemoWeek(server.baseUrl(), "localhost")) {
            week.cast();
            BotConfig config = ConfigLoader.parse(DemoCommand.demoConfig(server.baseUrl(), week), dir, Map.of());
            AtomicInteger corrupted = new AtomicInteger();
            OkHttpClient http = MatrixClient.defaultHttpClient()
                    .newBuilder()
                    .addInterceptor(corrupting(corrupted))
                    .build();
            MatrixClient client = new MatrixClient(server.baseUrl(), RetryPolicy.fast(), http, Sleeper.system());
            String room = week.roomId();
            try (Store store = Store.open(config.store().path());
                    Bot bot = new Bot(config, store, client, WEDNESDAY)) {
                RunningLoop loop = RunningLoop.start(bot, "twimbot-malformed");

                week.person("alice").say(room, "TWIM: Conduit " + MARKER + " released a new version");
                week.person("carol").say(room, "TWIM: a lone \ud800 surrogate in the Dendrite news");
                String status = command(week, "!status", b -> b.startsWith("Edition "));
                assertTrue(corrupted.get() >= 1, "the marker reached the bot as invalid UTF-8");
                assertTrue(status.contains("Conduit \uFFFDx\uFFFD("), "stored with replacement characters: " + status);
                assertTrue(status.contains("Dendrite"), "the message after it in the same batch too: " + status);

                byte[] draft = draftBytes(week);
                // decoded strictly: malformed UTF-8 in the uploaded post would throw here
                String text = StandardCharsets.UTF_8
                        .newDecoder()
                        .onMalformedInput(CodingErrorAction.REPORT)
                        .onUnmappableCharacter(CodingErrorAction.REPORT)
                        .decode(ByteBuffer.wrap(draft))
                        .toString();
                assertTrue(text.contains("Conduit \uFFFDx\uFFFD("), text);
                assertTrue(text.contains("Dendrite news"), text);
                assertTrue(loop.isAlive());
                assertTrue(bot.stopAndWait(Duration.ofSeconds(10)));
                assertNull(loop.died(), () -> "the sync loop died: " + loop.died());
            } finally {
                client.close();
            }
        }
    }

    /** Rewrites the marker in /sync bodies into invalid UTF-8, below the client's JSON decoding. */
    private static Interceptor corrupting(AtomicInteger count) {
        byte[] marker = MARKER.getBytes(StandardCharsets.US_ASCII);
        return chain -> {
            Response response = chain.proceed(chain.request());
            if (!chain.request().url().encodedPath().endsWith("/sync") || response.body() == null) return response;
            byte[] body = response.body().bytes();
            for (int i = 0; i + marker.length <= body.length; i++) {
                if (Arrays.equals(body, i, i + marker.length, marker, 0, marker.length)) {
                    System.arraycopy(INVALID, 0, body, i, INVALID.length);
                    count.incrementAndGet();
                }
            }
            return response.newBuilder()
                    .body(ResponseBody.create(body, response.body().contentType()))
                    .build();
        };
    }

    private static String command(DemoWeek week, String text, Predicate<String> reply) throws Exception {
        week.editor().catchUp();
        week.editor().say(week.roomId(), text);
        return week.editor()
                .await(
                        week.roomId(),
                        e -> week.botUserId().equals(e.sender())
                                && "m.notice".equals(e.msgtype())
                                && e.body() != null
                                && reply.test(e.body()),
                        Duration.ofSeconds(30))
                .orElseThrow(() -> new AssertionError("no answer to " + text))
                .body();
    }

    /** Asks for the draft and downloads the uploaded file's bytes as they are. */
    private static byte[] draftBytes(DemoWeek week) throws Exception {
        week.editor().catchUp();
        week.editor().say(week.roomId(), "!draft");
        RoomEvent file = week.editor()
                .await(
                        week.roomId(),
                        e -> week.botUserId().equals(e.sender()) && "m.file".equals(e.msgtype()),
                        Duration.ofSeconds(30))
                .orElseThrow(() -> new AssertionError("no draft"));
        return week.editor().client().download(file.content().path("url").asText(), 10_000_000);
    }
}
