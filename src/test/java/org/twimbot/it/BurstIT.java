package org.twimbot.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/**
 * 200 news in a minute on a Synapse with its default rate limits (the bot may send 0.2 events a second after a
 * burst of 10, so its 200 ✍️ reactions and thank-yous take a quarter of an hour). The posters' limits are lifted
 * through the admin API, as they are 200 different people in reality; the bot keeps the real ones. Nothing is
 * lost, an editor's {@code !status} and {@code !draft} sent after the burst are answered before the owed
 * reactions, the bot obeys every 429's {@code retry_after_ms} (a proxy counts its requests), and nothing is sent
 * twice. The test does not wait for all 200 reactions.
 */
@RequiresRateLimitedHomeserver
class BurstIT {
    private static final int NEWS = 200;

    @Test
    void twoHundredNewsUnderRealRateLimits() throws Exception {
        String url = Homeserver.rateLimitedUrl();
        String secret = Homeserver.rateLimitedSecret();
        MatrixUser admin = MatrixUser.registerWithSecret(url, secret, Homeserver.unique("admin"), null, true);
        Path dir = WorkDir.create("burst");
        Newsroom room = Newsroom.create(
                url, dir, 4, (localpart, name) -> MatrixUser.registerWithSecret(url, secret, localpart, name, false));
        admin.liftRateLimit(room.editor);
        for (MatrixUser p : room.people) admin.liftRateLimit(p);

        try (CountingProxy proxy = CountingProxy.to(url);
                BotProcess bot = new BotProcess(
                                room.writeConfig(proxy.url(), """
                        submissions:
                          ack_text: "Thanks {user}, your news is stored."
                        """),
                                Map.of("TWIMBOT_ACCESS_TOKEN", room.bot.accessToken))
                        .start()) {
            bot.awaitLog("first start: synced", Newsroom.WAIT);
            List<String> news = postBurst(room);

            long t0 = System.nanoTime();
            String status = room.editor.text(room.roomId, "!status");
            String answer = room.awaitNotice(status, "Edition ")
                    .path("content")
                    .path("body")
                    .asText();
            long statusMs = (System.nanoTime() - t0) / 1_000_000;
            assertTrue(
                    answer.matches("(?s)Edition \\d{4}-\\d\\d-\\d\\d: " + NEWS + " items\\n.*"),
                    answer.lines().findFirst().get());
            long reactedBeforeStatus = reactionsTo(room, news);

            long t1 = System.nanoTime();
            String draft = room.editor.text(room.roomId, "!draft");
            String md = room.fileText(room.awaitFile(draft, "twim-"));
            long draftMs = (System.nanoTime() - t1) / 1_000_000;
            room.awaitNotice(draft, "Draft for");
            for (int i = 0; i < NEWS; i++)
                assertTrue(md.contains("burst news number " + i + " of"), "news " + i + " is in the draft");
            long reactedBeforeDraft = reactionsTo(room, news);
            System.out.printf(
                    "figure: burst of %d: !status answered in %d ms (%d ✍️ sent by then), !draft file in %d ms (%d ✍️)%n",
                    NEWS, statusMs, reactedBeforeStatus, draftMs, reactedBeforeDraft);
            assertTrue(
                    reactedBeforeDraft < NEWS / 2,
                    "the answers did not wait behind the owed reactions: " + reactedBeforeDraft + " of " + NEWS
                            + " sent before the draft");

            assertEquals(0, bot.stop());
            List<JsonNode> events = room.botEvents();
            Set<String> reactions = new HashSet<>();
            for (JsonNode e : events) {
                JsonNode rel = e.path("content").path("m.relates_to");
                if ("m.reaction".equals(e.path("type").asText())) {
                    assertTrue(
                            reactions.add(rel.path("event_id").asText() + " "
                                    + rel.path("key").asText()),
                            "a reaction twice: " + e);
                }
            }
            List<String> said = events.stream()
                    .filter(e -> "m.room.message".equals(e.path("type").asText()))
                    .map(e -> e.path("content").path("body").asText())
                    .toList();
            assertEquals(
                    1, said.stream().filter(b -> b.startsWith("Edition ")).count(), "one answer to !status: " + said);
            assertEquals(1, said.stream().filter(b -> b.startsWith("Draft for")).count(), "one draft notice: " + said);
            for (MatrixUser p : room.people) { // the same words for each of a person's news: counted, at most one each
                String thanks = "Thanks " + p.userId.substring(1, p.userId.indexOf('-'));
                long lines = said.stream()
                        .flatMap(String::lines)
                        .filter(l -> l.toLowerCase().startsWith(thanks.toLowerCase()))
                        .count();
                assertTrue(lines <= NEWS / room.people.size(), lines + " thank-yous for " + p);
            }
            assertRetryHintsObeyed(proxy.calls());
        }
    }

    /** The four posters send 50 each at once; returns the event ids. */
    private static List<String> postBurst(Newsroom room) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(room.people.size());
        try {
            List<Future<List<String>>> posted = new ArrayList<>();
            int each = NEWS / room.people.size();
            for (int p = 0; p < room.people.size(); p++) {
                int first = p * each;
                MatrixUser who = room.person(p);
                posted.add(pool.submit(() -> {
                    List<String> ids = new ArrayList<>();
                    for (int i = first; i < first + each; i++) {
                        ids.add(who.text(room.roomId, "TWIM: burst news number " + i + " of the week, with details"));
                    }
                    return ids;
                }));
            }
            List<String> all = new ArrayList<>();
            for (Future<List<String>> f : posted) all.addAll(f.get());
            return Collections.unmodifiableList(all);
        } finally {
            pool.shutdownNow();
        }
    }

    private static long reactionsTo(Newsroom room, List<String> news) throws Exception {
        Set<String> ids = new HashSet<>(news);
        return room.botEvents().stream()
                .filter(e -> "m.reaction".equals(e.path("type").asText())
                        && ids.contains(e.path("content")
                                .path("m.relates_to")
                                .path("event_id")
                                .asText()))
                .count();
    }

    /** After each 429 the bot sent nothing before the hint had passed, and it met few of them. */
    private static void assertRetryHintsObeyed(List<CountingProxy.Call> calls) {
        List<CountingProxy.Call> sends = calls.stream()
                .filter(CountingProxy.Call::isSend)
                .sorted((a, b) -> Long.compare(a.startedAt(), b.startedAt()))
                .toList();
        int refused = 0;
        for (int i = 0; i < sends.size(); i++) {
            CountingProxy.Call c = sends.get(i);
            if (c.status() != 429) continue;
            refused++;
            long notBefore = c.answeredAt() + c.retryAfterMs() * 1_000_000 - 50_000_000; // 50 ms for the proxy's clock
            for (CountingProxy.Call later : sends.subList(i + 1, sends.size())) {
                assertTrue(
                        later.startedAt() >= notBefore,
                        "a send " + (notBefore - later.startedAt()) / 1_000_000 + " ms before the retry_after_ms of "
                                + c.retryAfterMs() + " had passed");
            }
        }
        long accepted = sends.stream().filter(c -> c.status() == 200).count();
        System.out.printf(
                "figure: burst: %d sends accepted, %d refused with 429, %d requests in all%n",
                accepted, refused, calls.size());
        assertTrue(accepted > 10, "the bot sent: " + accepted);
        assertTrue(refused <= accepted / 3 + 3, "no hammering: " + refused + " refused for " + accepted + " accepted");
    }
}
