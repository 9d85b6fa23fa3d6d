package org.twimbot.app;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.twimbot.matrix.MatrixClient;
import org.twimbot.matrix.MatrixException;
import org.twimbot.render.MediaFile;
import org.twimbot.render.MediaNames;

/**
 * The pictures and videos of drafts, kept in {@code media.dir} under the names the post uses.
 * Downloaded when a draft is made (never on the ingest path), at most {@code media.max_bytes}
 * each; a file that cannot be had becomes a problem line for the editors, never a crash.
 */
final class MediaCache {
    private static final Logger log = LoggerFactory.getLogger(MediaCache.class);

    private final Path dir;
    private final MatrixClient client;
    private final long maxBytes;

    /** @param client null for offline use: only what is already cached is available */
    MediaCache(Path dir, MatrixClient client, long maxBytes) {
        this.dir = dir.toAbsolutePath().normalize();
        this.client = client;
        this.maxBytes = maxBytes;
    }

    /** What is available, by post name, and a line per file that is not. */
    record Outcome(Map<String, Path> available, List<String> problems) {}

    Outcome fetch(List<MediaFile> files) {
        Map<String, Path> available = new LinkedHashMap<>();
        List<String> problems = new ArrayList<>();
        for (MediaFile f : files) {
            try {
                available.put(f.name(), obtain(f));
            } catch (IOException | IllegalArgumentException e) {
                String reason = e instanceof MatrixException m && "M_TOO_LARGE".equals(m.errcode())
                        ? "larger than media.max_bytes (" + maxBytes + " bytes)" : e.getMessage();
                log.warn("media {} ({}) unavailable: {}", f.name(), f.media().mxcUri(), reason);
                problems.add(f.name() + ": " + reason);
            }
        }
        return new Outcome(available, problems);
    }

    private Path obtain(MediaFile f) throws IOException {
        Path target = pathFor(f.name());
        if (Files.isRegularFile(target) && Files.size(target) > 0) return target;
        if (client == null) throw new IOException("not downloaded yet (the bot downloads media when a draft is made)");
        Files.createDirectories(dir);
        Path partial = Files.createTempFile(dir, ".download-", ".part");
        try {
            long size = client.downloadTo(f.media().mxcUri(), maxBytes, partial); // streamed: no picture has to fit in the heap
            Files.move(partial, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            log.info("downloaded {} ({} bytes)", f.name(), size);
        } finally {
            Files.deleteIfExists(partial);
        }
        return target;
    }

    /** The names come from senders: checked again here so that no name can leave the media directory. */
    Path pathFor(String name) throws IOException {
        Path p = dir.resolve(name).normalize();
        if (!MediaNames.isSafe(name) || !p.getParent().equals(dir)) throw new IOException("unsafe media name " + name);
        return p;
    }

    /** Copies the available files into {@code target} (for {@code draft --media-dir}). */
    static int copyTo(Outcome outcome, Path target) throws IOException {
        Files.createDirectories(target);
        for (Map.Entry<String, Path> e : outcome.available().entrySet()) {
            Files.copy(e.getValue(), target.resolve(e.getKey()), StandardCopyOption.REPLACE_EXISTING);
        }
        return outcome.available().size();
    }
}
