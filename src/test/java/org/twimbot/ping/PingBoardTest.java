package org.twimbot.ping;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class PingBoardTest {
    @Test
    void theMedianIsTheMiddleDelayOrTheMeanOfTheTwoMiddleOnes() {
        assertEquals("318", PingBoard.median(List.of(318L)).toPlainString());
        assertEquals("474", PingBoard.median(List.of(9000L, 474L, 12L)).toPlainString());
        assertEquals(new BigDecimal("532.5"), PingBoard.median(List.of(600L, 500L, 565L, 100L)));
        assertEquals(0, new BigDecimal("680").compareTo(PingBoard.median(List.of(679L, 681L))));
        assertThrows(IllegalArgumentException.class, () -> PingBoard.median(List.of()));
    }

    @Test
    void serversAreRankedByMedianLowestFirstAndOnlyTheTopOnesAreKept() {
        List<Pong> pongs = new ArrayList<>();
        // a slow outlier does not move neko.dev's median: that is why the posts rank by median
        for (long ms : new long[] {318, 300, 90_000}) pongs.add(new Pong("neko.dev", ms));
        for (long ms : new long[] {474}) pongs.add(new Pong("keks.club", ms));
        for (long ms : new long[] {530, 535}) pongs.add(new Pong("trygve.me", ms));
        for (int i = 0; i < 12; i++) pongs.add(new Pong("s" + i + ".example", 1000 + 100L * i));
        Collections.shuffle(pongs, new Random(7));

        List<PingRank> top = PingBoard.rank(pongs, PingBoard.TOP);
        assertEquals(10, top.size());
        assertEquals(new PingRank(1, "neko.dev", BigDecimal.valueOf(318), 3), top.get(0));
        assertEquals(new PingRank(2, "keks.club", BigDecimal.valueOf(474), 1), top.get(1));
        assertEquals("trygve.me", top.get(2).server());
        assertEquals("532.5", top.get(2).medianText());
        assertEquals(
                List.of(
                        "s0.example",
                        "s1.example",
                        "s2.example",
                        "s3.example",
                        "s4.example",
                        "s5.example",
                        "s6.example"),
                top.subList(3, 10).stream().map(PingRank::server).toList());
        for (int i = 0; i < top.size(); i++) assertEquals(i + 1, top.get(i).rank());
        assertEquals(List.of(), PingBoard.rank(List.of(), PingBoard.TOP));
    }

    @Test
    void equalMediansAreOrderedByServerNameWhateverTheInputOrder() {
        List<Pong> pongs = new ArrayList<>(
                List.of(new Pong("b.example", 200), new Pong("a.example", 200), new Pong("c.example", 100)));
        List<String> expected = List.of("c.example", "a.example", "b.example");
        for (int seed = 0; seed < 5; seed++) {
            Collections.shuffle(pongs, new Random(seed));
            assertEquals(
                    expected,
                    PingBoard.rank(pongs, 10).stream().map(PingRank::server).toList());
        }
    }

    @Test
    void mediansAreWrittenAsThePostsWriteThem() {
        assertEquals("1290", new PingRank(1, "a.b", new BigDecimal("1290.0"), 2).medianText());
        assertEquals("0", new PingRank(1, "a.b", new BigDecimal("0.0"), 2).medianText());
        assertEquals("244.5", new PingRank(1, "a.b", new BigDecimal("244.50"), 2).medianText());
    }
}
