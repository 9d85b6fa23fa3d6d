package org.twimbot.bot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.twimbot.matrix.RoomEvent;
import org.twimbot.store.Store;
import org.twimbot.store.Submission;

/**
 * Chat lines are remembered so that an editor can still submit them (⭕, {@code !twim}, an edit adding
 * "TWIM:"); a flood must not grow the database without bound. Lines too long ever to become news keep
 * an excerpt only, and each room keeps at most {@code MessagesTable.MAX_ROWS} lines and
 * {@code MessagesTable.MAX_BYTES} of text, the oldest going first, pruned as pages are applied. Real
 * SQLite file, the real event path (intake → commands → store), pages as a catch-up applies them.
 */
class ChatMemoryTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String ROOM = LifecycleTest.ROOM;
    private static final String EDITOR = LifecycleTest.EDITOR;
    private static final long MIB = 1024 * 1024;
    private static final int FLOOD = 3_000;

    @TempDir
    Path dir;

    private Store store;
    private EventApplier applier;
    private long ts = Instant.parse("2026-11-23T10:00:00Z").toEpochMilli();

    @BeforeEach
    void setUp() throws Exception {
        store = Store.open(dir.resolve("bot.db"));
        applier = LifecycleTest.applier(dir, "");
    }

    @AfterEach
    void tearDown() {
        store.close();
    }

    /**
     * A flood like the report's: lines of 60,000 characters (each under the 64 KiB event limit, each three
     * times the default {@code submissions.max_length} of 20,000). None of them could ever be news, so none is
     * kept whole; a line posted after the flood is still submitted by an editor's ⭕, whole, and ⭕ on a flooded
     * line still tells its author why it cannot be stored. 3,000 lines made a 360 MB database before (the
     * report's 20,000 made 2.4 GB with the log, 12 MiB now); the test keeps to 3,000 for time.
     */
    @Test
    void aFloodOfOverlongLinesKeepsTheDatabaseSmallAndRecentLinesSubmittable() throws Exception {
        String huge = "flood ".repeat(9_999) + "flood!";
        flood(FLOOD, huge);
        String lastFlooded = "$flood" + (FLOOD - 1);
        feedPage(message("$recent", "@alice:x", "Synapse 1.99 is out, with faster joins", ++ts));
        feedPage(reaction("$ok", EDITOR, "$recent", "⭕"), reaction("$no", EDITOR, lastFlooded, "⭕"));

        long bytes = databaseBytes();
        System.out.printf(
                "chat flood: %,d lines of 60,000 characters -> database %.1f MiB, %d lines kept%n",
                FLOOD, bytes / (double) MIB, lines());
        assertTrue(bytes < 16 * MIB, "database " + bytes + " bytes");
        List<Submission> stored = store.read(
                tx -> tx.submissions().ofEdition(tx.editions().all().get(0).id()));
        assertEquals(
                List.of("Synapse 1.99 is out, with faster joins"),
                stored.stream().map(Submission::body).toList());
        assertTrue(
                notices().stream().anyMatch(n -> n.contains("that news is 60000 characters long; the limit is 20000")),
                notices().toString());
    }

    /** Lines that could each be news (19,000 characters): the room's text stays within the byte budget, newest kept. */
    @Test
    void aFloodOfLinesThatCouldBeNewsStaysWithinTheByteBudget() throws Exception {
        flood(2_000, "x".repeat(19_000));
        assertTrue(textBytes() <= 16 * MIB, textBytes() + " bytes of chat text");
        assertTrue(lines() >= 16 * MIB / 19_000 - 1, lines() + " lines kept"); // the budget is used, not emptied
        assertTrue(remembered("$flood1999") && !remembered("$flood0"), "the oldest go first");
        feedPage(reaction("$ok", EDITOR, "$flood1999", "⭕"));
        assertEquals(
                1L, (long) store.read(tx -> tx.submissions().count()), "the newest line can still be submitted whole");
    }

    /** Short lines: at most 10,000 per room, and none four weeks older than the room's newest. */
    @Test
    void shortLinesAreBoundedByCountAndAge() throws Exception {
        feedPage(message(
                "$old",
                "@bob:x",
                "a line from long ago",
                ts - Duration.ofDays(40).toMillis()));
        flood(12_000, "hello");
        assertEquals(10_000, lines());
        assertTrue(
                remembered("$flood11999") && !remembered("$flood1999") && remembered("$flood2000"),
                "exactly the oldest 2,000 went");
        assertTrue(!remembered("$old"), "forty days older than the newest line");
    }

    // --- helpers -----------------------------------------------------------------------------

    /** {@code count} chat lines with {@code body} in pages of 500, one transaction each, as a catch-up applies them. */
    private void flood(int count, String body) throws Exception {
        for (int from = 0; from < count; from += 500) {
            List<RoomEvent> page = new ArrayList<>();
            for (int i = from; i < Math.min(count, from + 500); i++) {
                page.add(message("$flood" + i, "@mallory:x", body, ++ts));
            }
            store.write(tx -> applier.applyAll(tx, page, true));
        }
    }

    private void feedPage(RoomEvent... events) {
        store.write(tx -> applier.applyAll(tx, List.of(events), true));
    }

    private long databaseBytes() throws Exception {
        long bytes = 0;
        for (String suffix : List.of("", "-wal", "-shm")) {
            Path f = dir.resolve("bot.db" + suffix);
            if (Files.exists(f)) bytes += Files.size(f);
        }
        return bytes;
    }

    /** Chat lines kept for the room, counted in the file itself (not by the code under test). */
    private long lines() throws Exception {
        return query("SELECT count(*) FROM messages WHERE room_id = '" + ROOM + "'");
    }

    /** UTF-8 bytes of chat text kept for the room, counted in the file itself. */
    private long textBytes() throws Exception {
        return query("SELECT total(length(CAST(body AS BLOB)) + coalesce(length(CAST(html AS BLOB)), 0)) FROM messages "
                + "WHERE room_id = '" + ROOM + "'");
    }

    private long query(String sql) throws Exception {
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + dir.resolve("bot.db"));
                ResultSet rs = c.createStatement().executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private boolean remembered(String eventId) {
        return store.read(tx -> tx.messages().byEventId(eventId)).isPresent();
    }

    private List<String> notices() {
        return store.read(tx -> tx.outbox().pending()).stream()
                .filter(o -> o.kind().equals("notice"))
                .map(o -> o.payload())
                .toList();
    }

    private RoomEvent event(String id, String sender, String type, long at, ObjectNode content) {
        return new RoomEvent(id, ROOM, sender, type, at, null, null, content, null);
    }

    private RoomEvent message(String id, String sender, String body, long at) {
        return event(
                id,
                sender,
                "m.room.message",
                at,
                JSON.createObjectNode().put("msgtype", "m.text").put("body", body));
    }

    private RoomEvent reaction(String id, String sender, String target, String key) {
        ObjectNode c = JSON.createObjectNode();
        c.putObject("m.relates_to")
                .put("rel_type", "m.annotation")
                .put("event_id", target)
                .put("key", key);
        return event(id, sender, "m.reaction", ++ts, c);
    }
}
