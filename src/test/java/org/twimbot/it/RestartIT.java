package org.twimbot.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.twimbot.store.Store;
import org.twimbot.store.Submission;

/** The bot jar stopped or killed while news arrives: nothing is lost and no reply is sent twice. */
@RequiresHomeserver
class RestartIT {
    private static final String ACK = "Thanks for the report";

    @Test
    void newsPostedWhileTheBotWasStoppedIsAllTakenAtTheNextStart() throws Exception {
        Path dir = WorkDir.create("restart");
        Newsroom room = Newsroom.create(dir, 2);
        BotProcess bot = room.botWithToken("");
        try (bot) {
            bot.start().awaitLog("first start: synced", Newsroom.WAIT);
            String before = room.person(0).text(room.roomId, "TWIM: before the restart");
            room.awaitAck(before);
            assertEquals(0, bot.stop(), "a polite stop exits 0");

            // more than one sync timeline (100 events) while it is down: the gap is paged with /messages
            List<String> missed = new ArrayList<>();
            for (int i = 0; i < 150; i++) {
                MatrixUser who = room.person(i % 2);
                if (i % 3 == 0) missed.add(who.text(room.roomId, "TWIM: missed news " + i));
                else who.text(room.roomId, "chatter " + i);
            }
            String edited = missed.get(3);
            room.person(1)
                    .edit(
                            room.roomId,
                            edited,
                            "TWIM: missed news, edited while the bot was down",
                            "TWIM: missed news, edited while the bot was down");
            room.editor.react(room.roomId, missed.get(4), "🏢");
            room.person(1).redact(room.roomId, missed.get(5)); // i = 15, by person 1

            bot.start();
            List<String> live = new ArrayList<>(missed);
            live.remove(5);
            room.awaitAcks(live);
            String draftCmd = room.editor.text(room.roomId, "!draft");
            String md = room.fileText(room.awaitFile(draftCmd, "twim-"));
            for (int i = 0; i < 150; i += 3) {
                boolean expected = i != 15 && i != 9;
                assertEquals(expected, md.contains("missed news " + i + "\n"), "news " + i + " in the draft:\n" + md);
            }
            assertTrue(md.contains("edited while the bot was down"), md);
            assertTrue(md.indexOf("missed news 12") > md.indexOf("## Dept of Servers"), md);
            List<JsonNode> botEvents = room.botEvents();
            for (String id : live) assertEquals(1, room.botReactions(botEvents, id, "✍️"), "one ✍️ on " + id);
        }
    }

    /**
     * The bot logs in with its password and thanks every submitter with a notice. News arrives for about half a
     * minute while the bot is killed (SIGKILL) several times and started again at once; afterwards every item is
     * stored once and thanked once: a reply re-sent after a kill must carry the transaction id under the same
     * access token, or Synapse takes it for a new message.
     */
    @Test
    void killedSeveralTimesDuringABusyMinuteTheBotThanksEachItemExactlyOnce() throws Exception {
        Path dir = WorkDir.create("restart");
        Newsroom room = Newsroom.create(dir, 3);
        BotProcess bot = room.botWithPassword("""
                submissions:
                  ack_text: "%s, {user}!"
                """.formatted(ACK));
        int items = 60;
        int kills = 5;
        List<String> posted = Collections.synchronizedList(new ArrayList<>());
        AtomicReference<Throwable> producerFailure = new AtomicReference<>();
        try (bot) {
            bot.start().awaitLog("first start: synced", Newsroom.WAIT);
            Thread producer = new Thread(
                    () -> {
                        try {
                            for (int i = 0; i < items; i++) {
                                posted.add(room.person(i % 3).text(room.roomId, "TWIM: busy minute news number " + i));
                                Thread.sleep(500);
                            }
                        } catch (Throwable t) {
                            producerFailure.set(t);
                        }
                    },
                    "it-producer");
            producer.start();
            Random random = new Random(17);
            for (int k = 0; k < kills; k++) {
                bot.awaitLog(
                        "joined submissions room", Newsroom.WAIT); // it has a session and syncs: kill it while it works
                Thread.sleep(1_000 + random.nextInt(4_000));
                bot.kill9();
                bot.start();
            }
            producer.join(300_000);
            if (producerFailure.get() != null) throw new AssertionError("posting failed", producerFailure.get());
            assertEquals(items, posted.size());
            room.awaitAcks(posted);
            Eventually.until("one thank-you per item", Newsroom.WAIT, () -> ackLines(room.botEvents()) >= items);
            Thread.sleep(5_000); // a duplicate would come right after the last one
            bot.stop();

            List<JsonNode> botEvents = room.botEvents();
            assertEquals(
                    items,
                    ackLines(botEvents),
                    "thank-you lines in the room; sent more than once: " + repeated(botEvents));
            for (String id : posted) assertEquals(1, room.botReactions(botEvents, id, "✍️"), "one ✍️ on " + id);
            assertEquals(new HashSet<>(posted), storedSubmissions(dir.resolve("twimbot.db")), "each item stored once");
            String logs = bot.allLogs();
            assertEquals(
                    1, logs.lines().filter(l -> l.contains("logged in as")).count(), "one password login:\n" + logs);
        }
    }

    /** Lines of the bot's notices that thank someone (several may share a message when many wait). */
    private static long ackLines(List<JsonNode> botEvents) {
        return botEvents.stream()
                .filter(e -> "m.notice".equals(e.path("content").path("msgtype").asText()))
                .flatMap(e -> e.path("content").path("body").asText().lines())
                .filter(l -> l.contains(ACK))
                .count();
    }

    /** The bot's events whose type and content occur more than once, with their ids and times. */
    private static List<String> repeated(List<JsonNode> botEvents) {
        Map<String, List<String>> byContent = new HashMap<>();
        for (JsonNode e : botEvents) {
            byContent
                    .computeIfAbsent(e.path("type").asText() + " " + e.path("content"), k -> new ArrayList<>())
                    .add(e.path("event_id").asText() + "@"
                            + e.path("origin_server_ts").asLong());
        }
        List<String> repeated = new ArrayList<>();
        byContent.forEach((content, ids) -> {
            if (ids.size() > 1) repeated.add(content + " " + ids);
        });
        return repeated;
    }

    /** The event ids of the stored submissions, failing on a duplicate. */
    private static Set<String> storedSubmissions(Path db) {
        try (Store store = Store.open(db)) {
            return store.read(tx -> {
                Set<String> ids = new HashSet<>();
                for (var edition : tx.editions().all()) {
                    for (Submission s : tx.submissions().ofEdition(edition.id())) {
                        assertTrue(ids.add(s.eventId()), "stored twice: " + s.eventId());
                    }
                }
                return ids;
            });
        }
    }
}
