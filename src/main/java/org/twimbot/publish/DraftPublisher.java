package org.twimbot.publish;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.twimbot.catalog.Catalog;
import org.twimbot.matrix.EventSize;
import org.twimbot.matrix.MatrixClient;
import org.twimbot.matrix.MatrixException;
import org.twimbot.render.DraftBundle;
import org.twimbot.render.DraftRenderer;
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
public final class DraftPublisher {
    private static final Logger log = LoggerFactory.getLogger(DraftPublisher.class);
    /** How long the outbox drain waits for a draft's media before going back to syncing. */
    static final long BRIEF_WAIT_MS = 250;

    private final Store store;
    private final MatrixClient client;
    private final DraftRenderer renderer;
    private final Supplier<Catalog> catalog;
    private final String editorsRoomId;
    private final MediaCache media;
    private final Clock clock;
    private final String pingRoom;

    /** @param pingRoom rooms.ping as configured ("" for none): the draft ranks the answers read there */
    public DraftPublisher(
            Store store,
            MatrixClient client,
            DraftRenderer renderer,
            Supplier<Catalog> catalog,
            String editorsRoomId,
            MediaCache media,
            Clock clock,
            String pingRoom) {
        this.pingRoom = pingRoom;
        this.store = store;
        this.client = client;
        this.renderer = renderer;
        this.catalog = catalog;
        this.editorsRoomId = editorsRoomId;
        this.media = media;
        this.clock = clock;
    }

    /** The rendered draft of an edition, its summary and its media, read in one snapshot. */
    public record Rendered(Edition edition, String markdown, String summary, List<MediaFile> media, long renderedAt) {
        String fileName() {
            return "twim-" + edition.date() + ".md";
        }
    }

    public Rendered render(long editionId, String requester) {
        Catalog current = catalog.get();
        return store.read(tx -> {
            Edition edition = tx.editions().byId(editionId).orElseThrow();
            String author = renderer.author().isEmpty()
                    ? DraftSource.displayName(tx, editorsRoomId, requester)
                    : renderer.author();
            EditionDraft draft = EditionDraft.render(tx, edition, author, clock.instant(), pingRoom, current, renderer);
            List<Submission> submissions = tx.submissions().ofEdition(editionId);
            String summary =
                    DraftSummary.of(draft.request(), current, submissions, DraftSummary.botPlacements(tx, submissions));
            return new Rendered(
                    edition, draft.markdown(), summary, draft.model().media(), clock.millis());
        });
    }

    /** A draft or bundle whose media are being fetched: rendered when its outbox entry was first met. */
    private record Pending(Rendered rendered, CompletableFuture<MediaCache.Outcome> media) {}

    /** By outbox transaction id. Touched by the sync thread only (the outbox drain). */
    private final Map<String, Pending> pending = new HashMap<>();

    /**
     * Whether the draft (or bundle) of this outbox entry can go out: on the first call it is rendered and its
     * media are fetched in the background ({@link MediaCache#fetchAsync}, bounded in time); true once that is done.
     * The drain does not wait for it: it asks again at its next round, so syncing and commands go on meanwhile.
     */
    public boolean ready(String txnId, long editionId, String requester) {
        Pending p = pending.get(txnId);
        if (p == null) {
            Rendered r = render(editionId, requester);
            p = new Pending(r, media.fetchAsync(r.media()));
            pending.put(txnId, p);
            awaitBriefly(p.media());
            if (!p.media().isDone()) {
                log.info(
                        "fetching {} media for {} in the background; it goes out when they are in, within {} s",
                        r.media().size(),
                        r.fileName(),
                        MediaCache.DEADLINE.toSeconds());
            }
        }
        return p.media().isDone();
    }

    /**
     * Pictures from the homeserver usually arrive in a moment: waiting that long ({@link #BRIEF_WAIT_MS} at most)
     * sends the draft in this drain instead of after the next sync round, without holding the loop for long.
     */
    private static void awaitBriefly(CompletableFuture<MediaCache.Outcome> media) {
        try {
            media.get(BRIEF_WAIT_MS, TimeUnit.MILLISECONDS);
        } catch (TimeoutException | ExecutionException e) {
            // still fetching (it never fails: problems are part of its outcome)
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt(); // stopping: the entry stays in the outbox
        }
    }

    /** The rendered draft and its fetched media, once {@link #ready}; rendered and fetched now otherwise. */
    private Pending take(String txnId, long editionId, String requester) {
        Pending p = pending.remove(txnId);
        if (p != null && p.media().isDone()) return p;
        Rendered r = render(editionId, requester);
        return new Pending(r, CompletableFuture.completedFuture(media.fetch(r.media())));
    }

    public void publish(String roomId, String txnId, long editionId, String requester) throws IOException {
        Pending p = take(txnId, editionId, requester);
        Rendered r = p.rendered();
        MediaCache.Outcome fetched = p.media().join();
        String summary = withMediaProblems(r.summary(), fetched);
        byte[] bytes = r.markdown().getBytes(StandardCharsets.UTF_8);
        client.sendFile(roomId, txnId, bytes, "text/markdown; charset=utf-8", r.fileName(), r.fileName());
        sendSummary(roomId, txnId, DraftNotice.of(summary, r.markdown(), r.fileName()), r.fileName());
        String editor = store.read(tx -> DraftSource.displayName(tx, editorsRoomId, requester));
        // as of rendering: an edit made while the media were fetched is not in this draft, and is flagged as such
        store.write(tx -> {
            tx.submissions().markDrafted(editionId, r.renderedAt());
            tx.settings().put(SettingsTable.LAST_DRAFT_AUTHOR, editor); // the offline draft's author
        });
        log.info(
                "draft {} uploaded ({} bytes, {} of {} media available) for {}",
                r.fileName(),
                bytes.length,
                fetched.available().size(),
                r.media().size(),
                requester);
    }

    public void publishBundle(String roomId, String txnId, long editionId, String requester) throws IOException {
        Pending p = take(txnId, editionId, requester);
        Rendered r = p.rendered();
        MediaCache.Outcome fetched = p.media().join();
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
        String summary = "Bundle " + zipName + ": the post and " + files.size()
                + (files.size() == 1 ? " media file" : " media files");
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
            log.warn(
                    "homeserver refused the draft notice as too large ({} bytes); sending it without the preview",
                    EventSize.noticeBytes(notice.body(), notice.html(), List.of()));
            String shorter = EventSize.cutNoticeBody(
                    notice.body(), "\n… (cut: the whole post is in " + fileName + ")", EventSize.MAX_CONTENT_BYTES / 4);
            client.sendNotice(roomId, txnId + ".summary.short", shorter, null);
        }
    }
}
