package org.twimbot.render;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.twimbot.render.Fixtures.expectedVerb;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class VerbsTest {
    private final Verbs verbs = new Verbs(List.of("reports", "says", "announces"));

    @Test
    void verbIsCrc32OfTheEventIdModuloTheListSize() {
        for (String id : List.of("$aBcDeFgHiJ", "$143273582443PhrSn:example.org", "$ünïcødé", "")) {
            assertEquals(expectedVerb(id), verbs.forEvent(id), id);
        }
    }

    @Test
    void knownEventIdsGiveKnownVerbs() {
        // CRC32 values computed outside Java (Python's zlib.crc32): 1795705099 % 3 = 1, 141010918 % 3 = 1,
        // 1983759594 % 3 = 0, 2553521606 % 3 = 2
        assertEquals("says", verbs.forEvent("$143273582443PhrSn:example.org"));
        assertEquals("reports", verbs.forEvent("$x1"));
        assertEquals("announces", verbs.forEvent("$x3"));
        assertEquals("says", verbs.forEvent("$aBcDeFgHiJ"));
    }

    @Test
    void allVerbsGetUsedAcrossManyEvents() {
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < 100; i++) seen.add(verbs.forEvent("$event" + i));
        assertEquals(Set.of("reports", "says", "announces"), seen);
    }

    @Test
    void emptyVerbListFallsBackToReports() {
        assertEquals("reports", new Verbs(List.of()).forEvent("$x"));
        assertEquals("reports", new Verbs(null).forEvent("$x"));
    }
}
