package org.twimbot.ping;

import java.util.List;

/** The ranking of one ping room for the week; {@code room} is the room as configured ({@code #ping:maunium.net}). */
public record PingTable(String room, List<PingRank> ranks) {
    public PingTable {
        ranks = List.copyOf(ranks);
    }
}
