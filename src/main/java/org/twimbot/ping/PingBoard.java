package org.twimbot.ping;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Ranks homeservers by the median of their delays over the week, lowest first, as TWIM's Dept of Ping does. */
public final class PingBoard {
    /** The published posts show ten rows. */
    public static final int TOP = 10;

    private PingBoard() {}

    /**
     * The first {@code top} servers by median delay; equal medians by server name, so the order never depends on the
     * order of the answers.
     */
    public static List<PingRank> rank(List<Pong> pongs, int top) {
        Map<String, List<Long>> byServer = new TreeMap<>();
        for (Pong p : pongs)
            byServer.computeIfAbsent(p.server(), k -> new ArrayList<>()).add(p.ms());
        record Median(String server, BigDecimal ms, int count) {}
        List<Median> medians = new ArrayList<>();
        byServer.forEach((server, delays) -> medians.add(new Median(server, median(delays), delays.size())));
        medians.sort(Comparator.comparing(Median::ms).thenComparing(Median::server));
        List<PingRank> out = new ArrayList<>();
        for (int i = 0; i < Math.min(top, medians.size()); i++) {
            Median m = medians.get(i);
            out.add(new PingRank(i + 1, m.server(), m.ms(), m.count()));
        }
        return out;
    }

    /** The middle delay, or the mean of the two middle ones when their number is even. */
    static BigDecimal median(List<Long> delays) {
        if (delays.isEmpty()) throw new IllegalArgumentException("no delays");
        long[] sorted = delays.stream().mapToLong(Long::longValue).sorted().toArray();
        int mid = sorted.length / 2;
        if (sorted.length % 2 == 1) return BigDecimal.valueOf(sorted[mid]);
        // summed as BigDecimal: two delays near Long.MAX_VALUE would overflow a long (they cannot pass MAX_MS, but
        // the median should not depend on that)
        return BigDecimal.valueOf(sorted[mid - 1])
                .add(BigDecimal.valueOf(sorted[mid]))
                .divide(BigDecimal.valueOf(2));
    }
}
