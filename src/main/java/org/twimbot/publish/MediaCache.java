package org.twimbot.publish;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.twimbot.matrix.CallBudget;
import org.twimbot.matrix.MatrixClient;
import org.twimbot.matrix.MatrixException;
import org.twimbot.render.MediaFile;
import org.twimbot.render.MediaNames;

/**
 * The pictures and videos of drafts, downloaded when a draft is made (never on the ingest path) and kept in
 * {@code media.dir/cache} by mxc URI, so a picture is downloaded once, not at every draft. Bounds:
 * <ul>
 * <li>at most {@code media.max_bytes} per file;
 * <li>a draft's downloads run on {@link #THREADS} threads, each at most {@link #MAX_ATTEMPTS} attempts, all of
 *     them ending within {@link #DEADLINE}; what is not there by then is reported missing and the draft goes out;
 * <li>the cache holds at most {@code media.cache_max_bytes} (least recently used files go first) beyond the
 *     files of the draft being made, which are never evicted under it.
 * </ul>
 * A file that cannot be had becomes a problem line for the editors, never a crash or a stall.
 */
public final class MediaCache implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(MediaCache.class);
    /** Downloads at once: a few overlap the homeserver's latency without hammering it. */
    static final int THREADS = 3;
    /** Attempts per file: a flaky connection gets a second chance, an unreachable server does not hold the draft. */
    static final int MAX_ATTEMPTS = 4;
    /** All of a draft's downloads end by then; the draft waits for no more. */
    static final Duration DEADLINE = Duration.ofMinutes(2);

    private static final String PREFIX = "mxc-";

    private final Path dir;
    private final Path cache;
    private final MatrixClient client;
    private final long maxBytes;
    private final long cacheMaxBytes;
    private final Duration deadline;
    private final ExecutorService pool;

    /** @param client null for offline use: only what is already cached is available */
    public MediaCache(Path dir, MatrixClient client, long maxBytes, long cacheMaxBytes) {
        this(dir, client, maxBytes, cacheMaxBytes, DEADLINE);
    }

    public MediaCache(Path dir, MatrixClient client, long maxBytes, long cacheMaxBytes, Duration deadline) {
        this.dir = dir.toAbsolutePath().normalize();
        this.cache = this.dir.resolve("cache");
        this.client = client;
        this.maxBytes = maxBytes;
        this.cacheMaxBytes = cacheMaxBytes;
        this.deadline = deadline;
        AtomicInteger n = new AtomicInteger();
        this.pool = client == null
                ? null
                : Executors.newFixedThreadPool(THREADS, r -> {
                    Thread t = new Thread(r, "twimbot-media-" + n.incrementAndGet());
                    t.setDaemon(true);
                    return t;
                });
    }

    /** What is available, by post name, and a line per file that is not. */
    public record Outcome(Map<String, Path> available, List<String> problems) {}

    /** Fetches and waits (for the offline {@code draft} command and {@code !bundle}-like callers that may block). */
    public Outcome fetch(List<MediaFile> files) {
        return fetchAsync(files).join();
    }

    /**
     * Starts fetching what is not cached; the future completes when every file is there or has failed, and at the
     * latest {@link #DEADLINE} (plus a second) from now, whatever the homeserver does. It never completes
     * exceptionally.
     */
    CompletableFuture<Outcome> fetchAsync(List<MediaFile> files) {
        CallBudget budget = CallBudget.of(MAX_ATTEMPTS, deadline);
        Map<String, CompletableFuture<Path>> byUri = new LinkedHashMap<>();
        for (MediaFile f : files) byUri.computeIfAbsent(uri(f), u -> obtain(u, budget));
        CompletableFuture<Void> all = CompletableFuture.allOf(byUri.values().toArray(new CompletableFuture<?>[0]));
        return all.handle((ok, failed) -> (Void) null)
                .completeOnTimeout(null, deadline.toMillis() + 1_000, TimeUnit.MILLISECONDS)
                .thenApply(done -> outcome(files, byUri));
    }

    private Outcome outcome(List<MediaFile> files, Map<String, CompletableFuture<Path>> byUri) {
        Map<String, Path> available = new LinkedHashMap<>();
        List<String> problems = new ArrayList<>();
        for (MediaFile f : files) {
            CompletableFuture<Path> download = byUri.get(uri(f));
            String reason;
            if (!MediaNames.isSafe(f.name())) {
                reason = "unsafe media name"; // names come from senders: none may leave a directory it is copied to
            } else if (download.isDone() && !download.isCompletedExceptionally()) {
                available.put(f.name(), download.join());
                continue;
            } else if (download.isDone()) {
                reason = reason(download.handle((p, e) -> e).join());
            } else {
                download.cancel(false); // its HTTP call ends at the same deadline on its own
                reason = "not downloaded within " + deadline.toSeconds() + " s";
            }
            log.warn("media {} ({}) unavailable: {}", f.name(), f.media().mxcUri(), reason);
            problems.add(f.name() + ": " + reason);
        }
        evict(new HashSet<>(available.values()));
        return new Outcome(available, problems);
    }

    private String reason(Throwable e) {
        Throwable cause = e instanceof CompletionException && e.getCause() != null ? e.getCause() : e;
        if (cause instanceof UncheckedIOException u) cause = u.getCause();
        if (cause instanceof MatrixException m && "M_TOO_LARGE".equals(m.errcode())) {
            return "larger than media.max_bytes (" + maxBytes + " bytes)";
        }
        if (cause instanceof MatrixException m && m.httpStatus() == 502)
            return "the homeserver could not fetch it (HTTP 502)";
        if (cause instanceof MatrixException m && m.isNotFound()) return "not found on the homeserver";
        return cause.getMessage() == null ? cause.getClass().getSimpleName() : cause.getMessage();
    }

    private CompletableFuture<Path> obtain(String uri, CallBudget budget) {
        Path target;
        try {
            target = cache.resolve(PREFIX + hash(uri));
            if (Files.isRegularFile(target) && Files.size(target) > 0) {
                Files.setLastModifiedTime(target, FileTime.fromMillis(System.currentTimeMillis())); // recently used
                return CompletableFuture.completedFuture(target);
            }
        } catch (IOException e) {
            return CompletableFuture.failedFuture(e);
        }
        if (client == null) {
            return CompletableFuture.failedFuture(
                    new IOException("not downloaded yet (the bot downloads media when a draft is made)"));
        }
        return CompletableFuture.supplyAsync(
                () -> {
                    try {
                        return download(uri, target, budget);
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                },
                pool);
    }

    private Path download(String uri, Path target, CallBudget budget) throws IOException {
        Files.createDirectories(cache);
        Path partial = Files.createTempFile(cache, ".download-", ".part");
        try {
            long size =
                    client.downloadTo(uri, maxBytes, partial, budget); // streamed: no picture has to fit in the heap
            Files.move(partial, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            log.info("downloaded {} ({} bytes)", uri, size);
            return target;
        } finally {
            Files.deleteIfExists(partial);
        }
    }

    /** Removes the least recently used cached files until the cache fits its bound, keeping {@code inUse}. */
    synchronized void evict(Set<Path> inUse) {
        if (!Files.isDirectory(cache)) return;
        List<Path> files;
        try (Stream<Path> listing = Files.list(cache)) {
            files = new ArrayList<>(
                    listing.filter(p -> p.getFileName().toString().startsWith(PREFIX))
                            .toList());
        } catch (IOException e) {
            log.warn("could not list the media cache {}: {}", cache, e.toString());
            return;
        }
        Map<Path, Long> sizes = new LinkedHashMap<>();
        Map<Path, Long> used = new LinkedHashMap<>();
        long total = 0;
        for (Path p : files) {
            try {
                sizes.put(p, Files.size(p));
                used.put(p, Files.getLastModifiedTime(p).toMillis());
                total += sizes.get(p);
            } catch (IOException e) {
                // deleted meanwhile: nothing to count
            }
        }
        if (total <= cacheMaxBytes) return;
        List<Path> oldestFirst = new ArrayList<>(sizes.keySet());
        oldestFirst.sort(Comparator.comparing(used::get));
        for (Path p : oldestFirst) {
            if (total <= cacheMaxBytes) break;
            if (inUse.contains(p)) continue;
            try {
                Files.deleteIfExists(p);
                total -= sizes.get(p);
            } catch (IOException e) {
                log.warn("could not remove {} from the media cache: {}", p, e.toString());
            }
        }
        log.info("media cache trimmed to {} bytes (media.cache_max_bytes {})", total, cacheMaxBytes);
    }

    private static String uri(MediaFile f) {
        return f.media().mxcUri() == null ? "" : f.media().mxcUri();
    }

    /** Cached files are named by a hash of the mxc URI: URIs come from senders and are no safe file names. */
    static String hash(String uri) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(uri.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest, 0, 20);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }

    /** Copies the available files into {@code target} (for {@code draft --media-dir}). */
    public static int copyTo(Outcome outcome, Path target) throws IOException {
        Files.createDirectories(target);
        for (Map.Entry<String, Path> e : outcome.available().entrySet()) {
            Files.copy(e.getValue(), target.resolve(e.getKey()), StandardCopyOption.REPLACE_EXISTING);
        }
        return outcome.available().size();
    }

    /** Ends the downloads still running (the bot is stopping). */
    @Override
    public void close() {
        if (pool != null) pool.shutdownNow();
    }
}
