package org.twimbot.render;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/** Everything one render of an edition needs besides the catalog and the render config. */
public record DraftRequest(LocalDate editionDate, Instant generatedAt, String author, String liveUrl, List<DraftItem> items) {
    public DraftRequest {
        items = List.copyOf(items);
        liveUrl = liveUrl == null ? "" : liveUrl;
        author = author == null ? "" : author;
    }
}
