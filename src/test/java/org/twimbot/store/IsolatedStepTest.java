package org.twimbot.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@link StoreTx#isolated}: a failed step undoes its own writes, queued or run, and the memory that followed them. */
class IsolatedStepTest {
    @TempDir
    Path dir;

    private static List<String> txnIds(Store store) {
        return store.read(tx -> tx.outbox().pending()).stream()
                .map(OutboxEntry::txnId)
                .toList();
    }

    @Test
    void aFailedStepUndoesItsWritesAndKeepsTheEarlierOnesEvenThoseItRan() throws Exception {
        try (Store store = Store.open(dir.resolve("bot.db"))) {
            store.write(tx -> {
                tx.outbox().enqueue("notice", "!r:x", "before", "{}"); // queued before the step
                Exception failure = tx.isolated(() -> {
                    tx.outbox().enqueue("notice", "!r:x", "inside-1", "{}");
                    assertEquals(2, tx.outbox().pending().size()); // a read runs the queue, "before" with it
                    tx.outbox().enqueue("notice", "!r:x", "inside-2", "{}");
                    tx.settings().put("inside", "yes"); // a write that runs at once
                    throw new IllegalStateException("boom");
                });
                assertEquals("boom", failure.getMessage());
                tx.outbox().enqueue("notice", "!r:x", "after", "{}");
            });
            assertEquals(List.of("before", "after"), txnIds(store));
            assertEquals(Optional.empty(), store.read(tx -> tx.settings().get("inside")));
        }
    }

    @Test
    void aStepThatSucceedsKeepsEverything() throws Exception {
        try (Store store = Store.open(dir.resolve("bot.db"))) {
            store.write(tx -> {
                tx.outbox().enqueue("notice", "!r:x", "before", "{}");
                assertNull(tx.isolated(() -> {
                    tx.outbox().enqueue("notice", "!r:x", "inside", "{}");
                    tx.settings().put("inside", "yes");
                }));
                // a second step in the same transaction: savepoints follow each other
                assertTrue(
                        tx.isolated(() -> {
                                    throw new IllegalArgumentException("second fails");
                                })
                                instanceof IllegalArgumentException);
            });
            assertEquals(List.of("before", "inside"), txnIds(store));
            assertEquals(Optional.of("yes"), store.read(tx -> tx.settings().get("inside")));
        }
    }

    @Test
    void memoryFollowsTheTransactionAndTheStep() throws Exception {
        Transactional<String> value = new Transactional<>("v0");
        try (Store store = Store.open(dir.resolve("bot.db"))) {
            store.write(tx -> {
                value.set(tx, "v1");
                assertEquals("v1", value.in(tx), "the transaction sees its own change");
                assertEquals("v0", value.get(), "others see it only once committed");
                tx.isolated(() -> {
                    value.set(tx, "v2");
                    throw new IllegalStateException("undo v2");
                });
                assertEquals("v1", value.in(tx), "the failed step's change is undone");
            });
            assertEquals("v1", value.get());

            assertThrows(
                    IllegalStateException.class,
                    () -> store.write(tx -> {
                        value.set(tx, "v3");
                        throw new IllegalStateException("the whole transaction rolls back");
                    }));
            assertEquals("v1", value.get());
            assertEquals("v1", store.read(value::in), "nothing of the rolled-back transaction is left staged");
        }
    }
}
