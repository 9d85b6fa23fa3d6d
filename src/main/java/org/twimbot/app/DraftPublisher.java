package org.twimbot.app;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.twimbot.catalog.Catalog;
import org.twimbot.commands.DraftSource;
import org.twimbot.commands.DraftSummary;
import org.twimbot.matrix.EventSize;
import org.twimbot.matrix.MatrixClient;
import org.twimbot.matrix.MatrixException;
import org.twimbot.render.DraftBundle;
import org.twimbot.render.DraftModel;
import org.twimbot.render.DraftRenderer;
import org.twimbot.render.DraftRequest;
import org.twimbot.render.MediaFile;
import org.twimbot.store.Edition;
import org.twimbot.store.SettingsTable;
import org.twimbot.store.Store;
import org.twimbot.store.Submission;

/**
 * Renders an edition from the store and delivers it: {@code !draft} uploads
 * {@code twim-YYYY-MM-DD.md} plus a summary notice; {@code !bundle} uploads a zip of the post and
 * its media under the names the post uses.
 */
final class DraftPublisher {
    private static final Logger log = LoggerFactory.getLogger(DraftPublisher.class);

    private final Store store;
    private final MatrixClient client;
    private final DraftRenderer renderer;
    private final Supplier<Catalog> catalog;
    private final String editorsRoomId;
    private final MediaCache media;
    private final Clock clock;

    DraftPublisher(Store store, MatrixClient client, DraftRenderer renderer, Supplier<Catalog> catalog, String editorsRoomId,
            MediaCache media, Clock clock) {
        this.store = store;
        this.client = client;
        this.renderer = renderer;
        this.catalog = catalog;
        this.editorsRoomId = editorsRoomId;
        this.media = media;
        this.clock = clock;
    }

    /** The rendered draft of an edition, its summary and its media, read in one snapshot. */
    record Rendered(Edition edition, String markdown, String summary, List<MediaFile> media) {
        String fileName() {
            return "twim-" + edition.date() + ".md";
        }
    }

    Rendered render(long editionId, String requester) {
        Catalog current = catalog.get();
        return store.read(tx -> {
            Edition edition = tx.editions().byId(editionId).orElseThrow();
            String author = renderer.author().isEmpty() ? DraftSource.displayName(tx, editorsRoomId, requester)
                    : renderer.author();
            DraftRequest request = DraftSource.load(tx, edition, author, clock.instant());
            List<Submission> submissions = tx.submissions().ofEdition(editionId);
            DraftModel model = renderer.model(request, current); // formats every item once, for the post and its media list
            return new Rendered(edition, renderer.render(model, request), DraftSummary.of(request, current, submissions),
                    model.media());
        });
    }

    void publish(String roomId, String txnId, long editionId, String requester) throws IOException {
        Rendered r = render(editionId, requester);
        MediaCache.Outcome fetched = media.fetch(r.media());
        String summary = withMediaProblems(r.summary(), fetched);
        byte[] bytes = r.markdown().getBytes(StandardCharsets.UTF_8);
        client.sendFile(roomId, txnId, bytes, "text/markdown; charset=utf-8", r.fileName(), r.fileName());
        sendSummary(roomId, txnId, DraftNotice.of(summary, r.markdown(), r.fileName()), r.fileName());
        long now = clock.millis();
        String editor = store.read(tx -> DraftSource.displayName(tx, editorsRoomId, requester));
        store.write(tx -> {
            tx.submissions().markDrafted(editionId, now);
            tx.settings().put(SettingsTable.LAST_DRAFT_AUTHOR, editor); // the offline draft's author
        });
        log.info("draft {} uploaded ({} bytes, {} of {} media available) for {}", r.fileName(), bytes.length,
                fetched.available().size(), r.media().size(), requester);
    }

    void publishBundle(String roomId, String txnId, long editionId, String requester) throws IOException {
        Rendered r = render(editionId, requester);
        MediaCache.Outcome fetched = media.fetch(r.media());
        Map<String, Path> files = new LinkedHashMap<>(fetched.available());
        String zipName = "twim-" + r.edition().date() + ".zip";
        Path zip = Files.createTempFile("twimbot-bundle-", ".zip");
        try {
            try (var out = Files.newOutputStream(zip)) {
                DraftBundle.write(out, r.fileName(), r.markdown(), files);
            }
            client.sendFile(roomId, txnId, zip, "application/zip", zipName, zipName);
            log.info("bundle {} uploaded ({} bytes) for {}", zipName, Files.size(zip), requester);
        } finally {
            Files.deleteIfExists(zip);
        }
        String summary = "Bundle " + zipName + ": the post and " + files.size() + (files.size() == 1 ? " media file" : " media files");
        client.sendNotice(roomId, txnId + ".summary", withMediaProblems(summary, fetched), null);
    }

    private static String withMediaProblems(String summary, MediaCache.Outcome fetched) {
        if (fetched.problems().isEmpty()) return summary;
        StringBuilder sb = new StringBuilder(summary);
        if (!summary.contains("\nWarnings:")) sb.append("\nWarnings:");
        fetched.problems().forEach(p -> sb.append("\n⚠ media missing: ").append(p));
        return sb.toString();
    }

    /**
     * The notice fits a Synapse's limit by construction; a homeserver with a smaller one still gets
     * the counts and warnings, as plain text without the preview, rather than nothing.
     */
    private void sendSummary(String roomId, String txnId, DraftNotice.Text notice, String fileName) throws IOException {
        try {
            client.sendNotice(roomId, txnId + ".summary", notice.body(), notice.html());
        } catch (MatrixException e) {
            if (!e.isTooLarge()) throw e;
            log.warn("homeserver refused the draft notice as too large ({} bytes); sending it without the preview",
                    EventSize.noticeBytes(notice.body(), notice.html(), List.of()));
            String shorter = EventSize.cutNoticeBody(notice.body(), "\n… (cut: the whole post is in " + fileName + ")",
                    EventSize.MAX_CONTENT_BYTES / 4);
            client.sendNotice(roomId, txnId + ".summary.short", shorter, null);
        }
    }
}
