package org.twimbot.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The ingest path's shortcuts (deferred writes, read memos) keep every guarantee of plain statements. */
class BatchedWritesTest {
    @TempDir
    Path dir;

    private static MessagesTable.Message chat(String id, long ts) {
        return new MessagesTable.Message(new Posted(id, "!r:x", "@u:x", ts, "hello " + id, null), null, 0);
    }

    @Test
    void aDeferredWriteIsSeenByTheNextReadOfItsTableInTheSameTransaction() throws Exception {
        try (Store store = Store.open(dir.resolve("bot.db"))) {
            store.write(tx -> {
                tx.messages().remember(chat("$a", 1));
                assertEquals(
                        "hello $a",
                        tx.messages().byEventId("$a").orElseThrow().posted().body());
                tx.messages()
                        .remember(new MessagesTable.Message(
                                new Posted("$a", "!r:x", "@u:x", 1, "edited", null), null, 0));
                tx.messages().forget("$b");
                assertEquals(
                        "edited",
                        tx.messages().byEventId("$a").orElseThrow().posted().body(),
                        "writes to one table keep their order");
                tx.messages().remember(chat("$b", 2));
                tx.messages().forget("$b");
                tx.messages().remember(chat("$c", 3));
            });
            assertTrue(
                    store.read(tx -> tx.messages().byEventId("$b")).isEmpty(),
                    "the delete ran after the insert it followed");
            assertTrue(store.read(tx -> tx.messages().byEventId("$c")).isPresent(), "queued writes are committed");
        }
    }

    /** A catch-up of 60,000-character chat lines must not hold a transaction's worth of them in queued batches. */
    @Test
    void queuedWritesRunOnceTheirTextPassesTheBoundNotOnlyAtCommit() throws Exception {
        String line = "x".repeat(60_000);
        try (Store store = Store.open(dir.resolve("bot.db"))) {
            store.write(tx -> {
                long most = 0;
                for (int i = 0; i < 1_000; i++) {
                    tx.messages()
                            .remember(new MessagesTable.Message(
                                    new Posted("$" + i, "!r:x", "@u:x", i, line, null), null, 0));
                    most = Math.max(most, tx.queuedChars());
                }
                assertTrue(
                        most <= Statements.MAX_QUEUED_CHARS + line.length(),
                        "queued text peaked at " + most + " characters");
            });
            assertEquals(
                    line,
                    store.read(tx -> tx.messages().byEventId("$999"))
                            .orElseThrow()
                            .posted()
                            .body());
            assertEquals(
                    line,
                    store.read(tx -> tx.messages().byEventId("$0"))
                            .orElseThrow()
                            .posted()
                            .body());
        }
    }

    @Test
    void deferredWritesOfAFailedTransactionNeverReachTheNext() throws Exception {
        try (Store store = Store.open(dir.resolve("bot.db"))) {
            assertThrows(
                    IllegalStateException.class,
                    () -> store.write(tx -> {
                        tx.messages().remember(chat("$lost", 1));
                        tx.outbox().enqueue("notice", "!r:x", "txn-lost", "{}");
                        assertTrue(tx.processed().markProcessed("$lost"));
                        throw new IllegalStateException("crash mid-batch");
                    }));
            store.write(tx -> tx.messages().remember(chat("$kept", 2)));
            assertTrue(store.read(tx -> tx.messages().byEventId("$lost")).isEmpty());
            assertTrue(store.read(tx -> tx.messages().byEventId("$kept")).isPresent());
            assertEquals(List.of(), store.read(tx -> tx.outbox().pending()));
            boolean lostProcessed = store.read(tx -> tx.processed().isProcessed("$lost"));
            assertFalse(lostProcessed);
        }
    }

    @Test
    void outboxEntriesQueuedInOneTransactionComeOutInOrderOncePerTransactionId() throws Exception {
        try (Store store = Store.open(dir.resolve("bot.db"))) {
            store.write(tx -> {
                for (int i = 0; i < 50; i++) tx.outbox().enqueue("notice", "!r:x", "txn-" + i, "{\"n\":" + i + "}");
                tx.outbox().enqueue("notice", "!r:x", "txn-7", "{\"n\":\"again\"}");
            });
            List<OutboxEntry> pending = store.read(tx -> tx.outbox().pending());
            assertEquals(50, pending.size());
            for (int i = 0; i < 50; i++) assertEquals("txn-" + i, pending.get(i).txnId());
            assertEquals("{\"n\":7}", pending.get(7).payload());
        }
    }

    @Test
    void eventsAreMarkedOnceAndARolledBackMarkDoesNotCount() throws Exception {
        try (Store store = Store.open(dir.resolve("bot.db"))) {
            store.write(tx -> assertTrue(tx.processed().markProcessed("$old")));
            store.write(tx -> {
                assertFalse(tx.processed().markProcessed("$old"), "processed in an earlier transaction");
                assertTrue(tx.processed().markProcessed("$new"));
                assertFalse(tx.processed().markProcessed("$new"), "the same event twice in one page");
            });
            boolean newProcessed = store.read(tx -> tx.processed().isProcessed("$new"));
            assertTrue(newProcessed);
            long count = store.read(tx -> tx.processed().count());
            assertEquals(2L, count);

            assertThrows(
                    IllegalStateException.class,
                    () -> store.write(tx -> {
                        assertTrue(tx.processed().markProcessed("$rolled-back"));
                        throw new IllegalStateException("crash");
                    }));
            store.write(tx ->
                    assertTrue(tx.processed().markProcessed("$rolled-back"), "the failed batch is applied again"));
        }
    }

    @Test
    void theOriginalTextSurvivesEditsAndComesBack() throws Exception {
        try (Store store = Store.open(dir.resolve("bot.db"))) {
            long id = store.read(tx -> {
                Edition e = tx.editions().openOrCreate(LocalDate.of(2026, 11, 27), 1L);
                Submission s = tx.submissions()
                        .insert(e.id(), new Posted("$s", "!r:x", "@u:x", 10, "first", "<b>first</b>"))
                        .orElseThrow();
                assertEquals(s, tx.submissions().byId(s.id()).orElseThrow(), "what insert returns is what was stored");
                assertEquals(1, s.number());
                return s.id();
            });
            store.write(tx -> tx.submissions().updateText(id, "second", null, 20L));
            store.write(tx -> tx.submissions().updateText(id, "third", "<i>third</i>", 30L));
            assertEquals(
                    new SubmissionsTable.Text("first", "<b>first</b>"),
                    store.read(tx -> tx.submissions().original(id)));
            Submission now = store.read(tx -> tx.submissions().byId(id)).orElseThrow();
            assertEquals("third", now.body());
            assertEquals("<i>third</i>", now.html());
            store.write(tx -> tx.submissions().updateText(id, "first", "<b>first</b>", null));
            assertEquals(
                    new SubmissionsTable.Text("first", "<b>first</b>"),
                    store.read(tx -> tx.submissions().original(id)));
        }
    }

    @Test
    void anEditionReadEarlierInATransactionReflectsChangesMadeLaterInIt() throws Exception {
        try (Store store = Store.open(dir.resolve("bot.db"))) {
            store.write(tx -> {
                Edition e = tx.editions().openOrCreate(LocalDate.of(2026, 11, 27), 1L);
                assertTrue(tx.editions().byId(e.id()).orElseThrow().open());
                tx.editions().publish(e.id(), 2L);
                assertFalse(tx.editions().byId(e.id()).orElseThrow().open());
                assertTrue(tx.editions().open().isEmpty());
                Edition next = tx.editions().openOrCreate(LocalDate.of(2026, 12, 4), 3L);
                assertEquals(next, tx.editions().open().orElseThrow());
            });
            assertThrows(
                    IllegalStateException.class,
                    () -> store.write(tx -> {
                        Edition open = tx.editions().open().orElseThrow();
                        tx.editions().publish(open.id(), 4L);
                        assertTrue(tx.editions().open().isEmpty());
                        throw new IllegalStateException("crash");
                    }));
            assertEquals(
                    LocalDate.of(2026, 12, 4),
                    store.read(tx -> tx.editions().open()).orElseThrow().date(),
                    "a rolled-back publish is not remembered");
        }
    }

    @Test
    void anEditIsSeenAtOnceEvenWhenItArrivesBeforeItsOriginal() throws Exception {
        try (Store store = Store.open(dir.resolve("bot.db"))) {
            store.write(tx -> tx.edits().add("$old-edit", "$edited", "@u:x", 5, "new text", null));
            store.write(tx -> {
                assertTrue(tx.edits().any("$edited", "@u:x"));
                assertFalse(tx.edits().any("$edited", "@someone-else:x"), "only the author's edits count");
                assertFalse(tx.edits().any("$plain", "@u:x"));
                assertFalse(tx.edits().any("$early", "@u:x"));
                tx.edits().add("$e2", "$early", "@u:x", 6, "edit before its original", null);
                assertTrue(
                        tx.edits().any("$early", "@u:x"), "an edit that arrives before its original in the same page");
            });
        }
    }

    @Test
    void placementsQueuedInATransactionAreReadBackByIt() throws Exception {
        try (Store store = Store.open(dir.resolve("bot.db"))) {
            store.write(tx -> {
                Edition e = tx.editions().openOrCreate(LocalDate.of(2026, 11, 27), 1L);
                long id = tx.submissions()
                        .insert(e.id(), new Posted("$s", "!r:x", "@u:x", 10, "news", null))
                        .orElseThrow()
                        .id();
                tx.placements().add(id, Placement.Kind.PROJECT, "Synapse", null, "@bot:x", true, 11);
                tx.placements().removeProvisional(id);
                tx.placements().add(id, Placement.Kind.SECTION, "clients", "$react", "@ed:x", false, 12);
                List<Placement> active = tx.placements().active(id);
                assertEquals(1, active.size(), "the provisional placement was removed before the editor's was added");
                assertEquals("clients", active.get(0).key());
            });
        }
    }
}
