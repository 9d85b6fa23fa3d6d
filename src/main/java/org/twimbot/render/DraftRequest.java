package org.twimbot.render;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.twimbot.ping.PingTable;

/**
 * Everything one render of an edition needs besides the catalog and the render config. {@code ping}: the week's
 * Dept of Ping tables, empty when no ping room is configured (or nothing was measured).
 */
public record DraftRequest(
        LocalDate editionDate,
        Instant generatedAt,
        String author,
        String liveUrl,
        List<DraftItem> items,
        List<PingTable> ping) {
    public DraftRequest {
        items = List.copyOf(items);
        liveUrl = liveUrl == null ? "" : liveUrl;
        author = author == null ? "" : author;
        ping = ping == null ? List.of() : List.copyOf(ping);
    }

    /** Without a Dept of Ping. */
    public DraftRequest(
            LocalDate editionDate, Instant generatedAt, String author, String liveUrl, List<DraftItem> items) {
        this(editionDate, generatedAt, author, liveUrl, items, List.of());
    }
}
