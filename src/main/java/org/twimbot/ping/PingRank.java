package org.twimbot.ping;

import java.math.BigDecimal;

/**
 * One row of the Dept of Ping table.
 *
 * @param medianMs the median of the server's delays: a whole number or one ending in .5
 * @param pings how many delays were measured for the server
 */
public record PingRank(int rank, String server, BigDecimal medianMs, int pings) {
    /** As the published posts write it: "318", "532.5". */
    public String medianText() {
        return medianMs.stripTrailingZeros().toPlainString();
    }
}
