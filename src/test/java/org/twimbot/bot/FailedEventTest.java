package org.twimbot.bot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.twimbot.curation.BotContext;
import org.twimbot.intake.Action;
import org.twimbot.matrix.RoomEvent;
import org.twimbot.store.FailedEventsTable;
import org.twimbot.store.Store;

/**
 * An event whose work fails half-way (a defect met) undoes its own writes only: the rest of its page is applied
 * and commits, the failed one is recorded with its reason and not tried again.
 */
class FailedEventTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String ROOM = LifecycleTest.ROOM;

    @TempDir
    Path dir;

    private Store store;
    private EventApplier applier;

    @BeforeEach
    void setUp() throws Exception {
        store = Store.open(dir.resolve("bot.db"));
        BotContext ctx = LifecycleTest.context(dir, "submissions: { ack_text: \"Thanks {user}!\" }");
        ActionApplier real = new ActionApplier(ctx);
        // the real work of each action, then a failure for news that says so: everything it wrote must be undone
        applier = new EventApplier(ctx, (tx, action) -> {
            real.apply(tx, action);
            if (action instanceof Action.Submit s && s.body().contains("BREAKS")) {
                throw new IllegalStateException("a defect met after storing the news");
            }
        });
    }

    @AfterEach
    void tearDown() {
        store.close();
    }

    @Test
    void aFailingEventRollsBackItsOwnWritesOnlyAndIsRecordedWithItsReason() throws Exception {
        List<RoomEvent> page = List.of(
                message("$a", "@alice:x", "TWIM: first news of the week, stored before the failure"),
                message("$b", "@bob:x", "TWIM: this news BREAKS the code that stores it"),
                message("$c", "@carol:x", "TWIM: later news in the same page, stored after the failure"));
        store.write(tx -> applier.applyAll(tx, page, true));

        List<String> stored = store
                .read(tx ->
                        tx.submissions().ofEdition(tx.editions().all().get(0).id()))
                .stream()
                .map(s -> s.eventId())
                .toList();
        assertEquals(List.of("$a", "$c"), stored, "the failed event's submission is gone, its neighbours stay");
        List<String> owed = store.read(tx -> tx.outbox().pending()).stream()
                .map(e -> e.payload())
                .toList();
        assertEquals(2, owed.stream().filter(p -> p.contains("Thanks")).count(), owed.toString());
        assertEquals(
                2, owed.stream().filter(p -> p.contains("\"key\"")).count(), "no ✍️ owed for the undone news: " + owed);

        List<FailedEventsTable.Failure> failed =
                store.read(tx -> tx.failedEvents().since(0));
        assertEquals(1, failed.size());
        assertEquals("$b", failed.get(0).eventId());
        assertTrue(
                failed.get(0).reason().contains("a defect met after storing the news"),
                failed.get(0).reason());

        // editors learn of it in !status
        List<RoomEvent> status = List.of(message("$s", LifecycleTest.EDITOR, "!status"));
        store.write(tx -> applier.applyAll(tx, status, true));
        String answer = store.read(tx -> tx.outbox().pending()).stream()
                .map(e -> e.payload())
                .filter(p -> p.contains("Edition "))
                .findFirst()
                .orElseThrow();
        assertTrue(
                answer.contains("1 event could not be applied and was skipped")
                        && answer.contains("$b")
                        && answer.contains("IllegalStateException: a defect met"),
                answer);

        // the same page again (a replay after a restart): nothing changes, the failed event is not tried again
        store.write(tx -> applier.applyAll(tx, page, true));
        assertEquals(2L, (long) store.read(tx -> tx.submissions().count()));
        assertEquals(1, store.read(tx -> tx.failedEvents().since(0)).size());
    }

    private static RoomEvent message(String id, String sender, String body) throws Exception {
        ObjectNode c = JSON.createObjectNode().put("msgtype", "m.text").put("body", body);
        return new RoomEvent(id, ROOM, sender, "m.room.message", 1_000_000 + id.hashCode() % 1000, null, null, c, null);
    }
}
