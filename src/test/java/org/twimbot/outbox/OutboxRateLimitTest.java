package org.twimbot.outbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import okhttp3.mockwebserver.Dispatcher;
import okhttp3.mockwebserver.MockResponse;
import okhttp3.mockwebserver.MockWebServer;
import okhttp3.mockwebserver.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.twimbot.matrix.MatrixClient;
import org.twimbot.matrix.RetryPolicy;
import org.twimbot.store.Store;

/**
 * The homeserver's rate limit as Synapse applies it by default (10 events at once, then one every 5 s, for all of
 * the bot's rooms together; a 429 with {@code retry_after_ms} past that) while a burst of news owes many ✍️
 * reactions and thank-yous: an editor's answer goes first, the audit line caused before it still before it, the
 * hint is obeyed (no request before it has passed, none waited out inside a drain, which would hold the sync loop),
 * and every entry reaches the homeserver once. The server is a MockWebServer counting every request; time is the
 * test's.
 */
class OutboxRateLimitTest {
    private static final long SECOND = 1_000_000_000L;
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String ROOM = "!news:localhost";

    @TempDir
    Path dir;

    private final AtomicLong nanos = new AtomicLong(1_000 * SECOND);
    private final List<String> sends = Collections.synchronizedList(new ArrayList<>());
    private final List<Integer> answers = Collections.synchronizedList(new ArrayList<>());
    private MockWebServer server;
    private MatrixClient client;
    private Store store;
    private OutboxSender outbox;

    /** Synapse's Ratelimiter: a bucket of {@code burst} actions that drains at {@code perSecond}. */
    private final class SynapseLimit extends Dispatcher {
        private double used;
        private long at = nanos.get();

        @Override
        public synchronized MockResponse dispatch(RecordedRequest request) {
            String path = URLDecoder.decode(request.getPath(), StandardCharsets.UTF_8);
            if (!"PUT".equals(request.getMethod()) || !path.contains("/send/"))
                return new MockResponse().setResponseCode(404);
            long now = nanos.get();
            used = Math.max(0, used - (now - at) / (double) SECOND * 0.2);
            at = now;
            if (used + 1 > 10) {
                long retryMs = (long) Math.ceil((used + 1 - 10) / 0.2 * 1_000);
                answers.add(429);
                sends.add("429 " + describe(path, request));
                return json(
                        429,
                        "{\"errcode\":\"M_LIMIT_EXCEEDED\",\"error\":\"Too Many Requests\",\"retry_after_ms\":"
                                + retryMs + "}");
            }
            used += 1;
            answers.add(200);
            sends.add(describe(path, request));
            return json(200, "{\"event_id\":\"$e" + sends.size() + "\"}");
        }
    }

    private static String describe(String path, RecordedRequest request) {
        JsonNode content;
        try {
            content = JSON.readTree(request.getBody().clone().readUtf8());
        } catch (Exception e) {
            throw new AssertionError(e);
        }
        if (path.contains("/send/m.reaction/"))
            return "react " + content.path("m.relates_to").path("event_id").asText();
        return "say " + content.path("body").asText();
    }

    private static MockResponse json(int code, String body) {
        return new MockResponse()
                .setResponseCode(code)
                .setHeader("Content-Type", "application/json")
                .setBody(body);
    }

    @BeforeEach
    void setUp() throws Exception {
        server = new MockWebServer();
        server.setDispatcher(new SynapseLimit());
        server.start();
        // the bot's own retry policy (forever); a wait inside a send would hold the sync loop, so it fails the test
        client = new MatrixClient(
                server.url("/").toString(),
                new RetryPolicy(0, Duration.ofMillis(250), Duration.ofSeconds(30)),
                MatrixClient.defaultHttpClient(),
                delay -> {
                    throw new AssertionError("a send waited " + delay.toMillis() + " ms inside the drain");
                });
        client.setAccessToken("syt_bot");
        store = Store.open(dir.resolve("twimbot.db"));
        outbox = new OutboxSender(store, client, null, ROOM, new SendPacer(nanos::get), () -> false);
    }

    @AfterEach
    void tearDown() throws Exception {
        store.close();
        client.close();
        server.shutdown();
    }

    private long pending() {
        return store.read(tx -> tx.outbox().pending()).size();
    }

    @Test
    void anEditorsAnswerGoesBeforeOwedReactionsAndTheRetryHintIsObeyed() throws Exception {
        store.write(tx -> {
            Replies replies = new Replies(tx);
            for (int i = 0; i < 40; i++) {
                replies.react(ROOM, "$news" + i, "✍️");
                replies.notice(ROOM, "$news" + i, Payload.ACK, "Thanks for news " + i);
            }
            replies.notice(ROOM, "$picture", Payload.AUDIT, "image attached to #40");
            replies.notice(ROOM, "$status", "answer", "Edition 2026-12-11: 40 items");
        });

        assertFalse(outbox.drain(), "rate-limited: the drain ends and the sync loop goes on");
        assertEquals("say image attached to #40", sends.get(0), "the line caused first");
        assertEquals("say Edition 2026-12-11: 40 items", sends.get(1), "then the answer, before 40 owed reactions");
        assertEquals(11, sends.size(), "ten let through, the eleventh refused, no twelfth: " + sends);
        assertEquals(
                5_000, outbox.pollTimeoutMs(30_000), "the next sync returns when the homeserver lets the bot send");

        nanos.addAndGet(4 * SECOND);
        assertFalse(outbox.drain());
        assertEquals(11, sends.size(), "nothing before retry_after_ms has passed");
        assertEquals(1_000, outbox.pollTimeoutMs(30_000));

        store.write(tx -> new Replies(tx).notice(ROOM, "$draft", "answer", "here is the draft"));
        nanos.addAndGet(SECOND);
        assertFalse(outbox.drain());
        assertEquals("say here is the draft", sends.get(11), "a command that came meanwhile is answered next");

        for (int round = 0; round < 200 && pending() > 0; round++) {
            nanos.addAndGet(5 * SECOND);
            outbox.drain();
        }
        assertEquals(0, pending(), "everything went");
        nanos.addAndGet(5 * SECOND);
        assertTrue(outbox.drain());
        assertEquals(30_000, outbox.pollTimeoutMs(30_000), "the backlog is gone: the long-poll is long again");
        List<String> delivered =
                sends.stream().filter(s -> !s.startsWith("429 ")).toList();
        long refused = answers.stream().filter(c -> c == 429).count();
        assertTrue(refused <= 3, refused + " refusals for " + delivered.size() + " sends: " + sends);
        List<String> reacted =
                delivered.stream().filter(s -> s.startsWith("react ")).toList();
        assertEquals(40, reacted.size(), "every ✍️ once: " + reacted);
        assertEquals(40, reacted.stream().distinct().count());
        List<String> thanks = delivered.stream()
                .filter(s -> s.startsWith("say "))
                .flatMap(s -> s.substring(4).lines())
                .filter(l -> l.startsWith("Thanks for news "))
                .toList();
        assertEquals(40, thanks.size(), "every thank-you once, joined or not: " + thanks);
        assertEquals(40, thanks.stream().distinct().count());
        int lastReaction = delivered.lastIndexOf(reacted.get(reacted.size() - 1));
        assertTrue(
                delivered.subList(0, lastReaction).stream().noneMatch(s -> s.contains("Thanks for news")),
                "thank-yous yield to reactions: " + delivered);
    }
}
