package org.twimbot.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Commits no longer copy the write-ahead log into the database file themselves (SQLite's automatic
 * checkpoint is off); the {@link Checkpointer} does it in the background. What was committed must
 * still reach the database file, and nothing may be lost on close.
 */
class CheckpointerTest {
    private static final int ROWS = 2_000;
    private static final String VALUE = "x".repeat(1_000);

    @TempDir
    Path dir;

    @Test
    void committedWritesReachTheDatabaseFileItselfInTheBackground() throws Exception {
        Path db = dir.resolve("bot.db");
        try (Store store = Store.open(db)) {
            store.write(tx -> {
                for (int i = 0; i < ROWS; i++) tx.settings().put("key " + i, VALUE + i);
            });
            store.awaitCheckpoint();
            assertTrue(Files.size(db) > ROWS * 1_000L, "the pages are in the database file: " + Files.size(db));

            // the database file alone, without its log, holds everything committed
            Path copy = dir.resolve("copy.db");
            Files.copy(db, copy);
            assertFalse(Files.exists(dir.resolve("copy.db-wal")));
            try (Store alone = Store.open(copy)) {
                assertEquals(
                        Optional.of(VALUE + (ROWS - 1)),
                        alone.read(tx -> tx.settings().get("key " + (ROWS - 1))));
            }
        }
    }

    @Test
    void writesCommittedRightBeforeCloseAreKept() throws Exception {
        Path db = dir.resolve("bot.db");
        try (Store store = Store.open(db)) {
            for (int t = 0; t < 20; t++) {
                int batch = t;
                store.write(tx -> {
                    for (int i = 0; i < 100; i++) tx.settings().put("key " + batch + "/" + i, VALUE);
                });
            }
        }
        assertFalse(Files.exists(dir.resolve("bot.db-wal")), "the last connection to close leaves no log behind");
        try (Store again = Store.open(db)) {
            assertEquals(Optional.of(VALUE), again.read(tx -> tx.settings().get("key 19/99")));
        }
    }
}
