package org.twimbot.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StoreTest {
    @TempDir
    Path dir;

    @Test
    void migratesToTheLatestSchemaVersionAndCreatesTheFileOwnerOnly() throws Exception {
        Path db = dir.resolve("bot.db");
        Store.open(db).close();
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + db)) {
            assertEquals(Migrations.latest(), Migrations.userVersion(c));
        }
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(db)));
        Store.open(db).close(); // reopening an up-to-date database is a no-op, not an error
    }

    @Test
    void refusesADatabaseFromANewerVersion() throws Exception {
        Path db = dir.resolve("future.db");
        Store.open(db).close();
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + db)) {
            c.createStatement().execute("PRAGMA user_version = 99");
        }
        StoreException e = assertThrows(StoreException.class, () -> Store.open(db));
        assertTrue(e.getMessage().contains("newer than this twimbot"), e.getMessage());
    }

    @Test
    void aFailedTransactionLeavesNothingBehind() throws Exception {
        try (Store store = Store.open(dir.resolve("bot.db"))) {
            assertThrows(
                    IllegalStateException.class,
                    () -> store.write(tx -> {
                        Edition e = tx.editions().openOrCreate(LocalDate.of(2026, 11, 27), 1L);
                        tx.submissions().insert(e.id(), new Posted("$a", "!r:x", "@u:x", 10, "news", null));
                        tx.settings().put(SettingsTable.SYNC_TOKEN, "s1");
                        throw new IllegalStateException("crash mid-batch");
                    }));
            assertTrue(store.read(tx -> tx.settings().get(SettingsTable.SYNC_TOKEN))
                    .isEmpty());
            long count = store.read(tx -> tx.submissions().count());
            assertEquals(0L, count);
            assertTrue(store.read(tx -> tx.editions().open()).isEmpty());
        }
    }

    @Test
    void committedDataSurvivesReopening() throws Exception {
        Path db = dir.resolve("bot.db");
        try (Store store = Store.open(db)) {
            store.write(tx -> {
                tx.settings().put(SettingsTable.SYNC_TOKEN, "s1");
                tx.settings().put(SettingsTable.SYNC_TOKEN, "s2");
                assertTrue(tx.processed().markProcessed("$e1"));
            });
        }
        try (Store store = Store.open(db)) {
            assertEquals(
                    "s2",
                    store.read(tx -> tx.settings().get(SettingsTable.SYNC_TOKEN))
                            .orElseThrow());
            boolean again = store.read(tx -> tx.processed().markProcessed("$e1"));
            assertFalse(again, "an event is processed at most once");
        }
    }

    @Test
    void numbersSubmissionsPerEditionAndIgnoresDuplicates() throws Exception {
        try (Store store = Store.open(dir.resolve("bot.db"))) {
            store.write(tx -> {
                Edition first = tx.editions().openOrCreate(LocalDate.of(2026, 11, 27), 1L);
                assertEquals(
                        1,
                        tx.submissions()
                                .insert(first.id(), new Posted("$a", "!r:x", "@u:x", 10, "a", null))
                                .orElseThrow()
                                .number());
                assertEquals(
                        2,
                        tx.submissions()
                                .insert(first.id(), new Posted("$b", "!r:x", "@u:x", 11, "b", "<b>b</b>"))
                                .orElseThrow()
                                .number());
                assertTrue(tx.submissions()
                        .insert(first.id(), new Posted("$a", "!r:x", "@u:x", 10, "a", null))
                        .isEmpty());
                tx.editions().publish(first.id(), 2L);
                Edition second = tx.editions().openOrCreate(LocalDate.of(2026, 12, 4), 3L);
                assertEquals(
                        1,
                        tx.submissions()
                                .insert(second.id(), new Posted("$c", "!r:x", "@u:x", 12, "c", null))
                                .orElseThrow()
                                .number());
                assertEquals(
                        List.of("$a", "$b"),
                        tx.submissions().ofEdition(first.id()).stream()
                                .map(Submission::eventId)
                                .toList());
                assertEquals(
                        "<b>b</b>",
                        tx.submissions().byNumber(first.id(), 2).orElseThrow().html());
                assertTrue(tx.editions().lastPublished().orElseThrow().publishedAt() == 2L);
                assertTrue(tx.editions().open().orElseThrow().publishedAt() == null);
            });
        }
    }

    @Test
    void aSubmissionRefNamesTheSameSubmissionAsTheWholeRowAndFollowsItsFlags() throws Exception {
        try (Store store = Store.open(dir.resolve("bot.db"))) {
            store.write(tx -> {
                Edition e = tx.editions().openOrCreate(LocalDate.of(2026, 11, 27), 1L);
                tx.submissions().insert(e.id(), new Posted("$a", "!r:x", "@u:x", 10, "a", null));
                Submission b = tx.submissions()
                        .insert(e.id(), new Posted("$b", "!r:y", "@v:x", 11, "b", "<b>b</b>"))
                        .orElseThrow();
                tx.submissions().setWithdrawn(b.id(), true);

                SubmissionRef ref = tx.submissions().refByEventId("$b").orElseThrow();
                Submission whole = tx.submissions().byEventId("$b").orElseThrow();
                assertEquals(
                        new SubmissionRef.Header(
                                whole.id(),
                                whole.editionId(),
                                whole.number(),
                                whole.eventId(),
                                whole.roomId(),
                                whole.sender(),
                                whole.withdrawn()),
                        ref);
                assertEquals(2, ref.number());
                assertEquals("@v:x", ref.sender());
                assertEquals("!r:y", ref.roomId());
                assertTrue(ref.withdrawn());
                assertTrue(tx.submissions().refByEventId("$unknown").isEmpty());
            });
        }
    }

    @Test
    void redactingTheSourceUndoesExactlyThatPlacement() throws Exception {
        try (Store store = Store.open(dir.resolve("bot.db"))) {
            store.write(tx -> {
                Edition e = tx.editions().openOrCreate(LocalDate.of(2026, 11, 27), 1L);
                long id = tx.submissions()
                        .insert(e.id(), new Posted("$a", "!r:x", "@u:x", 10, "a", null))
                        .orElseThrow()
                        .id();
                tx.placements().add(id, Placement.Kind.SECTION, "servers", "$react1", "@ed:x", false, 11);
                tx.placements().add(id, Placement.Kind.PROJECT, "Synapse", "$react2", "@ed:x", false, 12);
                List<Placement> undone = tx.placements().removeBySource("$react1");
                assertEquals(
                        List.of("servers"), undone.stream().map(Placement::key).toList());
                assertEquals(
                        List.of("Synapse"),
                        tx.placements().active(id).stream().map(Placement::key).toList());
            });
        }
    }

    @Test
    void outboxKeepsOneEntryPerTransactionId() throws Exception {
        try (Store store = Store.open(dir.resolve("bot.db"))) {
            store.write(tx -> {
                tx.outbox().enqueue("notice", "!r:x", "t1", "{}");
                tx.outbox().enqueue("notice", "!r:x", "t1", "{}");
                tx.outbox().enqueue("reaction", "!r:x", "t2", "{}");
            });
            List<OutboxEntry> pending = store.read(tx -> tx.outbox().pending());
            assertEquals(
                    List.of("t1", "t2"),
                    pending.stream().map(OutboxEntry::txnId).toList());
            store.write(tx -> tx.outbox().remove(pending.get(0).id()));
            assertEquals(1, store.read(tx -> tx.outbox().pending()).size());
        }
    }
}
