package org.twimbot.outbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.Level;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.twimbot.bot.LogCapture;
import org.twimbot.bot.SecretsInLogsTest;
import org.twimbot.devserver.DevServer;
import org.twimbot.matrix.MatrixClient;
import org.twimbot.matrix.MessagesPage;
import org.twimbot.matrix.RetryPolicy;
import org.twimbot.matrix.RoomEvent;
import org.twimbot.matrix.Session;
import org.twimbot.store.Store;

/**
 * The outbox paces the bot's messages per room with a token bucket: a burst of 30 queued notices
 * goes out as 10 at once and then one per second of a hand-driven clock, in order, none lost, and
 * without ever waiting inside a drain; and it keeps what the homeserver refused for a revoked token.
 * Real SQLite outbox, real HTTP to the dev homeserver.
 */
class OutboxSenderTest {
    private static final long SECOND = 1_000_000_000L;

    @TempDir
    Path dir;

    private DevServer server;
    private MatrixClient bot;
    private Session login;
    private Store store;
    private String room;
    private String otherRoom;
    private final AtomicLong nanos = new AtomicLong(42 * SECOND);
    private final AtomicBoolean stopping = new AtomicBoolean();
    private OutboxSender outbox;

    @BeforeEach
    void setUp() throws Exception {
        server = DevServer.start(0, "localhost");
        bot = new MatrixClient(server.baseUrl(), RetryPolicy.fast());
        login = bot.register("pacedbot", "pw");
        room = bot.createRoom("busy", "Busy", true);
        otherRoom = bot.createRoom("quiet", "Quiet", true);
        store = Store.open(dir.resolve("twimbot.db"));
        outbox = new OutboxSender(store, bot, null, otherRoom, new SendPacer(nanos::get), stopping::get);
    }

    @AfterEach
    void tearDown() {
        store.close();
        bot.close();
        server.close();
    }

    @Test
    void aBurstOfThirtyNoticesGoesOutOverTimeInOrderNoneLost() throws Exception {
        store.write(tx -> {
            Replies replies = new Replies(tx);
            for (int i = 0; i < 30; i++) replies.notice(room, "$cause" + i, "answer", "line " + i);
            replies.notice(otherRoom, "$elsewhere", "audit", "the other room is not held up");
        });

        assertTrue(outbox.drain());
        assertEquals(20, pending(room), "the burst: ten at once");
        assertEquals(0, pending(otherRoom), "another room has its own bucket");
        assertEquals(1_000, outbox.pollTimeoutMs(30_000), "the next sync comes back soon to send more");

        assertTrue(outbox.drain());
        assertEquals(20, pending(room), "no time passed: nothing more, and the drain did not wait");

        nanos.addAndGet(SECOND / 2);
        outbox.drain();
        assertEquals(20, pending(room), "half a second earns nothing yet");
        nanos.addAndGet(SECOND / 2);
        outbox.drain();
        assertEquals(19, pending(room), "one per second");
        nanos.addAndGet(3 * SECOND);
        outbox.drain();
        assertEquals(16, pending(room), "three seconds, three messages");

        int rounds = 0;
        while (pending(room) > 0) {
            nanos.addAndGet(SECOND);
            outbox.drain();
            rounds++;
        }
        assertEquals(16, rounds, "the rest trickles out one a second");
        assertEquals(30_000, outbox.pollTimeoutMs(30_000), "nothing waits: the long-poll is long again");

        List<String> sent = noticesIn(room);
        List<String> expected = new ArrayList<>();
        for (int i = 0; i < 30; i++) expected.add("line " + i);
        assertEquals(expected, sent, "every notice, once, in order");
    }

    /**
     * A backlog of audit lines (a catch-up after downtime owes one per editor action) is joined into
     * as few messages as needed to fit what the bucket lets through, each under the size cap, in
     * order; lines that fit anyway stay single, and answers are never joined.
     */
    @Test
    void auditLinesAreJoinedOnlyAsMuchAsTheBucketRequires() throws Exception {
        List<String> lines = new ArrayList<>();
        for (int i = 0; i < 5; i++) lines.add("#" + i + " → Dept of Servers (by @ed:x)");
        store.write(tx -> {
            for (int i = 0; i < 5; i++) new Replies(tx).notice(room, "$s" + i, Payload.AUDIT, lines.get(i));
        });
        outbox.drain();
        assertEquals(lines, noticesIn(room), "five lines, five tokens: nothing joined");

        for (int i = 5; i < 35; i++) {
            String line = "#" + i + " → Dept of Servers (by @ed:x) ";
            int bytes = line.getBytes(StandardCharsets.UTF_8).length;
            lines.add(line
                    + "x".repeat(AuditDigest.MAX_BYTES / 8 - 1 - bytes)); // with its newline, an eighth of a digest
        }
        store.write(tx -> {
            Replies replies = new Replies(tx);
            for (int i = 5; i < 35; i++) replies.notice(room, "$r" + i, Payload.AUDIT, lines.get(i));
            replies.notice(room, "$status", "answer", "Edition 2026-11-27: 35 items");
        });
        outbox.drain();
        assertEquals(0, pending(room), "31 messages owed, 5 tokens left: joined into 4 digests, sent with the answer");

        List<String> sent = noticesIn(room);
        assertEquals(5 + 4 + 1, sent.size());
        assertTrue(sent.stream().allMatch(b -> b.getBytes(StandardCharsets.UTF_8).length <= AuditDigest.MAX_BYTES));
        assertEquals(
                List.of(1, 1, 1, 1, 1, 8, 8, 8, 6, 1),
                sent.stream().map(b -> (int) b.lines().count()).toList());
        List<String> expected = new ArrayList<>(lines);
        expected.add("Edition 2026-11-27: 35 items");
        assertEquals(
                expected, sent.stream().flatMap(String::lines).toList(), "every line once, in order; the answer alone");
    }

    /**
     * 40 thank-you notices wait (news arrived in a rush), then an audit line and an editor's answer: the answer
     * must not wait behind the thank-yous, the audit line caused before it still goes before it, and the
     * thank-yous are joined instead of trickling out for a minute. None is lost.
     */
    @Test
    void anEditorsAnswerGoesBeforeWaitingThankYousWhichAreJoined() throws Exception {
        store.write(tx -> {
            Replies replies = new Replies(tx);
            for (int i = 0; i < 40; i++) replies.notice(room, "$news" + i, Payload.ACK, "Thanks for the report " + i);
            replies.notice(room, "$image", Payload.AUDIT, "image attached to #65");
            replies.notice(room, "$draft", "answer", "here is the draft");
        });

        assertTrue(outbox.drain());
        List<String> sent = noticesIn(room);
        int audit = sent.indexOf("image attached to #65");
        int answer = sent.indexOf("here is the draft");
        assertTrue(audit >= 0 && answer > audit, "the audit line, then the answer, at once: " + sent);
        long thanks = sent.stream()
                .flatMap(String::lines)
                .filter(l -> l.startsWith("Thanks for the report"))
                .count();
        assertEquals(40, thanks, "every thank-you, joined: " + sent);
        assertTrue(sent.size() <= SendPacer.BURST, "within one burst: " + sent.size());
        assertEquals(0, pending(room));
    }

    /**
     * A crash after the homeserver accepted a message and before the outbox forgot it: the next start sends
     * it again under the same transaction id, which the homeserver drops. A digest must not change that by
     * joining the entry with lines queued since, under a new id. The crash is real enough: the database is
     * closed while the homeserver handles the k-th send, so the drain dies before deleting what it sent;
     * the "restarted" sender reopens the file, with fifteen more audit lines owed. Whatever the k, every line
     * reaches the room exactly once (as counted from the homeserver).
     */
    @Test
    void aMessageSentJustBeforeACrashIsNotSentAgainInsideANewDigest() throws Exception {
        for (int crashAt = 1; crashAt <= 3; crashAt++) {
            String crashRoom = bot.createRoom("crash" + crashAt, "Crash " + crashAt, true);
            Path file = dir.resolve("crash-" + crashAt + ".db");
            List<String> lines = new ArrayList<>();
            for (int i = 0; i < 30; i++) lines.add("#" + i + " → Dept of Servers (by @ed:x), crash " + crashAt);
            Store first = Store.open(file);
            queueAudit(first, crashRoom, lines.subList(0, 15));
            AtomicInteger sends = new AtomicInteger();
            int crashOn = crashAt;
            server.setRequestObserver(request -> {
                boolean send = request.startsWith("PUT ") && request.contains("/send/");
                if (send && sends.incrementAndGet() == crashOn) first.close();
            });
            try {
                new OutboxSender(first, bot, null, otherRoom, new SendPacer(nanos::get), stopping::get).drain();
            } catch (RuntimeException crashed) {
                // the database went away between the send and the delete
            } finally {
                server.setRequestObserver(null);
                first.close();
            }

            try (Store restarted = Store.open(file)) {
                queueAudit(restarted, crashRoom, lines.subList(15, 30));
                OutboxSender again =
                        new OutboxSender(restarted, bot, null, otherRoom, new SendPacer(nanos::get), stopping::get);
                for (int round = 0;
                        round < 100
                                && !restarted.read(tx -> tx.outbox().pending()).isEmpty();
                        round++) {
                    again.drain();
                    nanos.addAndGet(SECOND);
                }
                assertTrue(restarted.read(tx -> tx.outbox().pending()).isEmpty());
            }
            assertEquals(
                    lines,
                    noticesIn(crashRoom).stream().flatMap(String::lines).toList(),
                    "crash at send " + crashAt + ": every line once, in order");
        }
    }

    private static void queueAudit(Store store, String roomId, List<String> lines) {
        store.write(tx -> {
            Replies replies = new Replies(tx);
            for (String line : lines) replies.notice(roomId, "$cause " + line, Payload.AUDIT, line);
        });
    }

    @Test
    void aLongPauseRefillsOnlyUpToTheBurst() throws Exception {
        store.write(tx -> {
            Replies replies = new Replies(tx);
            for (int i = 0; i < 25; i++) replies.notice(room, "$c" + i, "answer", "n " + i);
        });
        outbox.drain();
        assertEquals(15, pending(room));
        nanos.addAndGet(3_600 * SECOND);
        outbox.drain();
        assertEquals(5, pending(room), "an hour of quiet is worth one burst, not 3,600 messages");
    }

    @Test
    void reactionsAreNeitherPacedNorHeldBehindWaitingMessages() throws Exception {
        String target = bot.sendNotice(room, "target", "react to me", null);
        store.write(tx -> {
            Replies replies = new Replies(tx);
            for (int i = 0; i < 11; i++) replies.notice(room, "$a" + i, "answer", "a " + i);
            replies.react(room, target, "✍️");
            for (int i = 0; i < 12; i++) replies.react(room, target, "key " + i);
        });
        outbox.drain();
        assertEquals(1, pending(room), "every reaction went; only the eleventh notice waits for a token");
        nanos.addAndGet(SECOND);
        outbox.drain();
        assertEquals(0, pending(room));
    }

    /**
     * A token revoked between a sync and the sends it owes (an admin ends the session while a long-poll
     * is in flight, which still returns its events): the entries are kept, not dropped as refused, and
     * go out once the bot has logged in again.
     */
    @Test
    void entriesRefusedForAnUnknownTokenWaitForTheNextLogin() throws Exception {
        String news = bot.sendNotice(room, "news", "TWIM: news", null);
        store.write(tx -> {
            Replies replies = new Replies(tx);
            replies.notice(room, "$status", "answer", "Edition 2026-11-27: 3 items");
            replies.react(room, news, "✅");
        });
        SecretsInLogsTest.logout(server.baseUrl(), login.accessToken());

        assertFalse(outbox.drain(), "sending stopped on the refused token");
        assertEquals(2, pending(room), "nothing dropped");

        bot.loginWithPassword(login.userId(), "pw", login.deviceId(), null);
        assertTrue(outbox.drain());
        assertEquals(0, pending(room));
        assertEquals(List.of("TWIM: news", "Edition 2026-11-27: 3 items"), noticesIn(room));
        assertTrue(
                bot.messages(room, null, "b", 10, null).chunk().stream().anyMatch(e -> "m.reaction".equals(e.type())),
                "the reaction went too");
    }

    /**
     * A notice the homeserver refuses as too large (413 M_TOO_LARGE: a Matrix event holds at most
     * 64 KiB) is not dropped: a shortened one goes instead, saying that it was cut.
     */
    @Test
    void aNoticeTooLargeForTheHomeserverGoesOutShortenedNotDropped() throws Exception {
        String huge = "#12 @someone:localhost — unassigned — a long status line of the week\n".repeat(1_500);
        store.write(tx -> new Replies(tx).notice(room, "$status", "answer", huge));

        assertTrue(outbox.drain());
        assertEquals(0, pending(room));
        List<String> sent = noticesIn(room);
        assertEquals(1, sent.size(), "one notice, shortened");
        String body = sent.get(0);
        assertTrue(body.startsWith("#12 @someone:localhost — unassigned — a long status line"), body.substring(0, 80));
        assertTrue(
                body.endsWith("(cut: the message was too long for the homeserver)"),
                body.substring(body.length() - 80));
        assertTrue(body.length() < huge.length());
    }

    /**
     * A stop (SIGTERM, the demo ending) during a drain: nothing more is sent, nothing is dropped, and a
     * send the stop cut short is not reported as a failure to retry (the entries go out at the next start).
     */
    @Test
    void aStoppingBotSendsNoMoreKeepsEverythingAndWarnsOfNothing() throws Exception {
        store.write(tx -> {
            Replies replies = new Replies(tx);
            for (int i = 0; i < 3; i++) replies.notice(room, "$stop" + i, "answer", "owed " + i);
        });
        stopping.set(true);
        try (LogCapture logs = new LogCapture(Level.INFO, true)) {
            assertFalse(outbox.drain(), "the drain ends at once");
            assertEquals(3, pending(room), "all three kept for the next start");
            assertTrue(
                    logs.lines().stream().noneMatch(l -> l.startsWith("WARN") || l.startsWith("ERROR")),
                    logs.lines().toString());
        }
        assertEquals(List.of(), noticesIn(room), "nothing was sent");

        // the stop arrives just as the first send starts and cuts it short: Bot.stop interrupts the loop thread
        AtomicInteger asked = new AtomicInteger();
        OutboxSender cutShort = new OutboxSender(store, bot, null, otherRoom, new SendPacer(nanos::get), () -> {
            if (asked.incrementAndGet() > 1) return true;
            Thread.currentThread().interrupt();
            return false;
        });
        try (LogCapture logs = new LogCapture(Level.INFO, true)) {
            assertFalse(cutShort.drain());
            assertTrue(Thread.interrupted(), "the interrupt was seen by the send, not swallowed");
            assertEquals(3, pending(room), "the cut-short entry is kept too");
            assertTrue(
                    logs.lines().stream().noneMatch(l -> l.startsWith("WARN") || l.startsWith("ERROR")),
                    logs.lines().toString());
            assertTrue(
                    logs.lines().stream().anyMatch(l -> l.contains("cut short")),
                    logs.lines().toString());
        } finally {
            Thread.interrupted();
        }
        assertEquals(List.of(), noticesIn(room), "still nothing sent");
    }

    private long pending(String roomId) {
        return store.read(tx -> tx.outbox().pending()).stream()
                .filter(e -> e.roomId().equals(roomId))
                .count();
    }

    /** The bot's notices in the room, oldest first (read back from the homeserver). */
    private List<String> noticesIn(String roomId) throws Exception {
        MessagesPage page = bot.messages(roomId, null, "b", 1000, null);
        List<String> bodies = new ArrayList<>();
        for (RoomEvent e : page.chunk()) if ("m.notice".equals(e.msgtype())) bodies.add(e.body());
        Collections.reverse(bodies);
        return bodies;
    }
}
