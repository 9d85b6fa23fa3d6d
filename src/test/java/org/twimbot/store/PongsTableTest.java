package org.twimbot.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.LocalDate;
import java.util.Comparator;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.twimbot.ping.Pong;

class PongsTableTest {
    @TempDir
    Path dir;

    @Test
    void answersAreFiledPerEditionOnceEachAndSurviveAReopenWithTheWeekTheyWereReadIn() throws Exception {
        try (Store store = Store.open(dir.resolve("bot.db"))) {
            long first = store.transaction(tx -> {
                Edition e = tx.editions().openOrCreate(LocalDate.of(2026, 11, 27), 1L);
                tx.pongs().add("$p1", e.id(), "!ping:x", new Pong("neko.dev", 318), 10);
                tx.pongs().add("$p1", e.id(), "!ping:x", new Pong("neko.dev", 318), 10); // a replayed batch
                tx.pongs().add("$p2", e.id(), "!ping:x", new Pong("keks.club", 474), 11);
                tx.editions().publish(e.id(), 100L);
                return e.id();
            });
            long second = store.transaction(tx -> {
                Edition e = tx.editions().openOrCreate(LocalDate.of(2026, 12, 4), 101L);
                tx.pongs().add("$p3", e.id(), "!ping:x", new Pong("fresh.example", 50), 120);
                return e.id();
            });
            assertEquals(
                    List.of(new Pong("keks.club", 474), new Pong("neko.dev", 318)),
                    store.read(tx -> tx.pongs().ofEdition(first)).stream()
                            .sorted(Comparator.comparing(Pong::server))
                            .toList());
            assertEquals(
                    List.of(new Pong("fresh.example", 50)),
                    store.read(tx -> tx.pongs().ofEdition(second)));

            // a week with answers but no news is not "empty": it is not deleted with its answers still pointing at it
            boolean deleted = store.transaction(tx -> tx.editions().deleteIfEmpty(second));
            assertFalse(deleted);
            store.write(tx -> {
                assertEquals(1, tx.pongs().moveToEdition(second, first));
                assertTrue(tx.editions().deleteIfEmpty(second));
                tx.editions().reopen(first);
            });
            assertEquals(3, store.read(tx -> tx.pongs().ofEdition(first)).size());
        }
    }
}
