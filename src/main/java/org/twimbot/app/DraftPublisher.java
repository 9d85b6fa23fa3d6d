package org.twimbot.app;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.List;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.twimbot.catalog.Catalog;
import org.twimbot.commands.DraftSource;
import org.twimbot.commands.DraftSummary;
import org.twimbot.matrix.MatrixClient;
import org.twimbot.render.DraftRenderer;
import org.twimbot.render.DraftRequest;
import org.twimbot.render.PreviewHtml;
import org.twimbot.store.Edition;
import org.twimbot.store.Store;
import org.twimbot.store.Submission;

/** Renders an edition from the store and uploads it to a room as {@code twim-YYYY-MM-DD.md} plus a summary notice. */
final class DraftPublisher {
    private static final Logger log = LoggerFactory.getLogger(DraftPublisher.class);

    private final Store store;
    private final MatrixClient client;
    private final DraftRenderer renderer;
    private final Supplier<Catalog> catalog;
    private final String editorsRoomId;
    private final Clock clock;

    DraftPublisher(Store store, MatrixClient client, DraftRenderer renderer, Supplier<Catalog> catalog, String editorsRoomId,
            Clock clock) {
        this.store = store;
        this.client = client;
        this.renderer = renderer;
        this.catalog = catalog;
        this.editorsRoomId = editorsRoomId;
        this.clock = clock;
    }

    /** The rendered draft of {@code editionId}, the summary and the submissions it came from, read in one snapshot. */
    record Rendered(Edition edition, String markdown, String summary, String fileName) {}

    Rendered render(long editionId, String requester) {
        Catalog current = catalog.get();
        return store.read(tx -> {
            Edition edition = tx.editions().byId(editionId).orElseThrow();
            String author = DraftSource.displayName(tx, editorsRoomId, requester);
            DraftRequest request = DraftSource.load(tx, edition, author, clock.instant());
            List<Submission> submissions = tx.submissions().ofEdition(editionId);
            String markdown = renderer.render(request, current);
            return new Rendered(edition, markdown, DraftSummary.of(request, current, submissions),
                    "twim-" + edition.date() + ".md");
        });
    }

    /** Clients show the HTML instead of the body, so the summary leads the HTML too, then the post itself. */
    static String previewHtml(Rendered r) {
        String summary = r.summary().replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\n", "<br>");
        return "<p>" + summary + "</p><hr>" + PreviewHtml.toHtml(r.markdown());
    }

    void publish(String roomId, String txnId, long editionId, String requester) throws IOException {
        Rendered r = render(editionId, requester);
        byte[] bytes = r.markdown().getBytes(StandardCharsets.UTF_8);
        client.sendFile(roomId, txnId, bytes, "text/markdown; charset=utf-8", r.fileName(), r.fileName());
        client.sendNotice(roomId, txnId + ".summary", r.summary(), previewHtml(r));
        long now = clock.millis();
        store.write(tx -> tx.submissions().markDrafted(editionId, now));
        log.info("draft {} uploaded ({} bytes) for {}", r.fileName(), bytes.length, requester);
    }
}
