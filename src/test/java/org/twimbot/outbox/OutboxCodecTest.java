package org.twimbot.outbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.twimbot.store.Store;

class OutboxCodecTest {
    @TempDir
    Path dir;

    @Test
    void everyPayloadReadsBackAsItWasWritten() {
        List<Payload> payloads = List.of(
                new Payload.Notice("Thanks Ana!", "Thanks <a href=\"x\">Ana</a>!", Payload.ACK, List.of("@ana:x")),
                Payload.Notice.plain("#3 → Synapse", Payload.AUDIT),
                new Payload.Reaction("$news", "✍️"),
                new Payload.Draft(7, "@ed:x", "$cmd"),
                new Payload.Bundle(8, "@ed:x", "$cmd2"));
        for (Payload p : payloads) assertEquals(p, OutboxCodec.read(OutboxCodec.kind(p), OutboxCodec.json(p)));
        assertEquals(
                List.of("notice", "notice", "reaction", "draft", "bundle"),
                payloads.stream().map(OutboxCodec::kind).toList());
    }

    /** Entries queued by the version before the typed payloads must still go out after an upgrade. */
    @Test
    void readsThePayloadsEarlierVersionsWrote() {
        assertEquals(
                Payload.Notice.plain("line", "audit"),
                OutboxCodec.read("notice", "{\"body\":\"line\",\"purpose\":\"audit\"}"));
        assertEquals(
                new Payload.Notice("Hi Bo", "Hi <a>Bo</a>", "answer", List.of("@bo:x")),
                OutboxCodec.read(
                        "notice",
                        "{\"body\":\"Hi Bo\",\"purpose\":\"answer\",\"html\":\"Hi <a>Bo</a>\",\"mentions\":[\"@bo:x\"]}"));
        assertEquals(
                new Payload.Reaction("$t", "👀"), OutboxCodec.read("reaction", "{\"target\":\"$t\",\"key\":\"👀\"}"));
        assertEquals(
                new Payload.Draft(3, "@ed:x", "$c"),
                OutboxCodec.read("draft", "{\"edition\":3,\"requester\":\"@ed:x\",\"cause\":\"$c\"}"));
    }

    /** The stored keys are the records' components, nothing more (earlier versions read the same keys). */
    @Test
    void theJsonHoldsTheComponentsOnly() {
        assertEquals(
                "{\"body\":\"b\",\"html\":\"<b>b</b>\",\"purpose\":\"ack\",\"mentions\":[\"@a:x\"]}",
                OutboxCodec.json(new Payload.Notice("b", "<b>b</b>", Payload.ACK, List.of("@a:x"))));
        assertEquals(
                "{\"edition\":3,\"requester\":\"@ed:x\",\"cause\":\"$c\"}",
                OutboxCodec.json(new Payload.Draft(3, "@ed:x", "$c")));
    }

    @Test
    void aPlainNoticeIsWrittenWithoutHtmlAndOnlyPlainAuditsAndThankYousMayBeJoined() {
        assertFalse(OutboxCodec.json(Payload.Notice.plain("x", Payload.AUDIT)).contains("html"));
        assertTrue(Payload.Notice.plain("x", Payload.AUDIT).joinable());
        assertTrue(Payload.Notice.plain("x", Payload.ACK).joinable());
        assertFalse(Payload.Notice.plain("x", Payload.ANSWER).joinable());
        assertFalse(new Payload.Notice("x", "<b>x</b>", Payload.AUDIT, List.of()).joinable());
    }

    @Test
    void anUnknownKindOrABrokenPayloadIsRefusedWithItsName() {
        assertTrue(assertThrows(IllegalArgumentException.class, () -> OutboxCodec.read("telegram", "{}"))
                .getMessage()
                .contains("telegram"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> OutboxCodec.read("draft", "{\"edition\":"))
                .getMessage()
                .contains("draft"));
    }

    /** One unreadable entry must not block its room for ever: it is dropped, the others stay in line. */
    @Test
    void anUnreadableEntryIsDroppedAndTheOthersKeepTheirOrder() throws Exception {
        try (Store store = Store.open(dir.resolve("bot.db"))) {
            store.write(tx -> {
                new Replies(tx).notice("!r:x", "$a", Payload.AUDIT, "first");
                tx.outbox().enqueue("notice", "!r:x", "t-broken", "{not json");
                new Replies(tx).react("!r:x", "$a", "✍️");
            });
            List<Queued> pending = Queued.pending(store);
            assertEquals(
                    List.of(Payload.Notice.plain("first", Payload.AUDIT), new Payload.Reaction("$a", "✍️")),
                    pending.stream().map(Queued::payload).toList());
            assertEquals(2, store.read(tx -> tx.outbox().pending()).size(), "the broken entry is gone from the store");
        }
    }
}
