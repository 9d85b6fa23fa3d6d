package org.twimbot.publish;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import okhttp3.mockwebserver.Dispatcher;
import okhttp3.mockwebserver.MockResponse;
import okhttp3.mockwebserver.MockWebServer;
import okhttp3.mockwebserver.RecordedRequest;
import okio.Buffer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.twimbot.matrix.MatrixClient;
import org.twimbot.matrix.RetryPolicy;
import org.twimbot.render.DraftMedia;
import org.twimbot.render.MediaFile;

/**
 * The media cache against a real HTTP server: a picture is downloaded once and kept for later drafts, the cache
 * stays within {@code media.cache_max_bytes}, at most {@link MediaCache#THREADS} downloads run at once, and a
 * server that never answers costs the draft its deadline, not more.
 */
class MediaCacheTest {
    @TempDir
    Path dir;

    MockWebServer server;
    MatrixClient client;
    final AtomicInteger downloads = new AtomicInteger();
    final AtomicInteger inFlight = new AtomicInteger();
    final AtomicInteger maxInFlight = new AtomicInteger();
    volatile CountDownLatch hold = new CountDownLatch(0);

    @BeforeEach
    void start() throws Exception {
        server = new MockWebServer();
        server.setDispatcher(new Dispatcher() {
            @Override
            public MockResponse dispatch(RecordedRequest r) throws InterruptedException {
                if (r.getPath().equals("/_matrix/client/versions")) {
                    return new MockResponse().setBody("{\"versions\":[\"v1.2\"]}");
                }
                downloads.incrementAndGet();
                maxInFlight.accumulateAndGet(inFlight.incrementAndGet(), Math::max);
                try {
                    hold.await(60, TimeUnit.SECONDS);
                } finally {
                    inFlight.decrementAndGet();
                }
                String id = r.getPath().substring(r.getPath().lastIndexOf('/') + 1);
                return new MockResponse().setBody(new Buffer().write(bytes(id)));
            }
        });
        server.start();
        client = new MatrixClient(
                server.url("/").toString(), new RetryPolicy(0, Duration.ofMillis(10), Duration.ofMillis(50)));
    }

    @AfterEach
    void stop() throws Exception {
        hold.countDown();
        client.close();
        server.shutdown();
    }

    /** 1,000 bytes per picture, its id repeated: different pictures, different bytes. */
    static byte[] bytes(String id) {
        byte[] b = new byte[1000];
        for (int i = 0; i < b.length; i++) b[i] = (byte) id.charAt(i % id.length());
        return b;
    }

    static List<MediaFile> files(String... ids) {
        List<MediaFile> files = new ArrayList<>();
        for (String id : ids) {
            files.add(new MediaFile(
                    "2026-11-27-abcde-" + id + ".png",
                    new DraftMedia("$" + id, "image", id + ".png", "mxc://example.org/" + id, "image/png", 1)));
        }
        return files;
    }

    @Test
    void aPictureFetchedOnceIsNotDownloadedAgainAtTheNextDraft() throws Exception {
        try (MediaCache cache = new MediaCache(dir, client, 10_000, 1_000_000)) {
            MediaCache.Outcome first = cache.fetch(files("one", "two"));
            assertEquals(2, first.available().size(), first.problems().toString());
            assertEquals(2, downloads.get());
            MediaCache.Outcome second = cache.fetch(files("one", "two", "three"));
            assertEquals(3, second.available().size());
            assertEquals(3, downloads.get(), "only the new picture was downloaded");
            assertArrayEquals(
                    bytes("one"), Files.readAllBytes(second.available().get("2026-11-27-abcde-one.png")));
        }
        try (MediaCache restarted = new MediaCache(dir, client, 10_000, 1_000_000)) {
            assertEquals(
                    3, restarted.fetch(files("one", "two", "three")).available().size());
            assertEquals(3, downloads.get(), "kept on disk across a restart");
        }
    }

    @Test
    void theCacheStaysWithinItsBoundEvictingTheLeastRecentlyUsed() throws Exception {
        try (MediaCache cache = new MediaCache(dir, client, 10_000, 3_500)) { // room for three 1,000-byte pictures
            cache.fetch(files("a", "b", "c"));
            age(-30); // a, b, c used 30 minutes ago
            cache.fetch(files("a")); // a used again now
            cache.fetch(files("d", "e"));
            assertTrue(cacheBytes() <= 3_500, "cache holds " + cacheBytes() + " bytes");
            int before = downloads.get();
            assertEquals(3, cache.fetch(files("a", "d", "e")).available().size());
            assertEquals(before, downloads.get(), "the recently used ones were kept");
            cache.fetch(files("b"));
            assertEquals(before + 1, downloads.get(), "b was evicted and downloaded again");
        }
    }

    @Test
    void aDraftLargerThanTheBoundStillGetsAllItsPictures() throws Exception {
        try (MediaCache cache = new MediaCache(dir, client, 10_000, 1_500)) {
            MediaCache.Outcome o = cache.fetch(files("p", "q", "r"));
            assertEquals(3, o.available().size(), "the files of the draft being made are never evicted under it");
            for (Path p : o.available().values()) assertTrue(Files.exists(p));
        }
    }

    @Test
    void atMostThreeDownloadsRunAtOnce() throws Exception {
        hold = new CountDownLatch(1);
        try (MediaCache cache = new MediaCache(dir, client, 10_000, 1_000_000)) {
            var pending = cache.fetchAsync(files("1", "2", "3", "4", "5", "6", "7"));
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (inFlight.get() < MediaCache.THREADS && System.nanoTime() < deadline) Thread.sleep(10);
            assertEquals(MediaCache.THREADS, inFlight.get());
            hold.countDown();
            assertEquals(7, pending.get(60, TimeUnit.SECONDS).available().size());
            assertEquals(MediaCache.THREADS, maxInFlight.get());
        }
    }

    @Test
    void aServerThatNeverAnswersCostsTheDeadlineAndThePictureIsReportedMissing() throws Exception {
        hold = new CountDownLatch(1); // never released during the fetch
        try (MediaCache cache = new MediaCache(dir, client, 10_000, 1_000_000, Duration.ofSeconds(2))) {
            MediaCache.Outcome o = cache.fetchAsync(files("slow")).get(60, TimeUnit.SECONDS);
            assertTrue(o.available().isEmpty());
            assertEquals(1, o.problems().size());
            assertTrue(
                    o.problems().get(0).startsWith("2026-11-27-abcde-slow.png: "),
                    o.problems().toString());
        }
    }

    private void age(int minutes) throws Exception {
        try (Stream<Path> files = Files.list(dir.resolve("cache"))) {
            for (Path p : files.toList()) {
                Files.setLastModifiedTime(p, FileTime.fromMillis(System.currentTimeMillis() + minutes * 60_000L));
            }
        }
    }

    private long cacheBytes() throws Exception {
        try (Stream<Path> files = Files.list(dir.resolve("cache"))) {
            long total = 0;
            for (Path p : files.toList()) total += Files.size(p);
            return total;
        }
    }
}
