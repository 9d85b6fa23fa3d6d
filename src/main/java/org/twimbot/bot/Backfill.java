package org.twimbot.bot;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Function;
import java.util.function.Predicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.twimbot.matrix.MatrixClient;
import org.twimbot.matrix.MessagesPage;
import org.twimbot.matrix.RoomEvent;
import org.twimbot.matrix.RoomTimeline;

/**
 * Closes the gap a {@code limited} timeline leaves: pages {@code /messages} forward from the token
 * the bot synced from (the spec allows a {@code next_batch} token as {@code from}) up to the
 * timeline's first event, handing each page, oldest first, to the caller. At most two pages are
 * held at a time (the one applied, the one fetched), and a page is bounded by bytes as well as by
 * events: it asks for at most {@link #PAGE} events, fewer when the last page's events were large, so
 * that a page holds about {@link #PAGE_BYTES} of event JSON (one of {@link #PAGE} events of the
 * 64 KiB maximum is the worst case: 8 MiB). A catch-up of tens of thousands of events, or of a
 * thousand of the largest, fits the 64 MiB heap. The caller commits as it goes but the sync token only advances with the
 * timeline itself, so a crash mid-way replays the gap and the processed-events table skips what
 * was already applied.
 */
public final class Backfill {
    private static final Logger log = LoggerFactory.getLogger(Backfill.class);
    /** Most events per /messages page: few round trips for ordinary chat, yet 128 events of 64 KiB are only 8 MiB. */
    public static final int PAGE = 128;
    /** The event JSON a page should hold: the page size follows the size of the last page's events. */
    static final long PAGE_BYTES = 2L << 20;

    /** Events to ask for after a page of {@code events} events in {@code bytes} bytes: about {@link #PAGE_BYTES} worth. */
    static int nextLimit(int events, long bytes) {
        if (events <= 0 || bytes <= 0) return PAGE;
        long fit = PAGE_BYTES * events / bytes;
        return (int) Math.max(1, Math.min(PAGE, fit));
    }

    /** Receives the missed events page by page, oldest first. */
    @FunctionalInterface
    interface PageSink {
        void accept(List<RoomEvent> events) throws IOException;
    }

    private final MatrixClient client;
    private final JsonNode filter;

    Backfill(MatrixClient client, JsonNode filter) {
        this.client = client;
        this.filter = filter;
    }

    /**
     * The missed events of {@code room} since {@code since}, page by page, oldest first, each event turned into
     * a {@code T} by {@code prepare}. The next page is fetched, parsed and prepared on a helper thread while the
     * caller applies the current one, so the homeserver's time, the parsing and the store's time overlap instead
     * of adding up. {@code prepare} must therefore not touch the store: it returns one {@code T} per event, in order.
     */
    <T> Pages<T> pages(RoomTimeline room, String since, Function<List<RoomEvent>, List<T>> prepare) {
        return new Pages<>(room, since, prepare);
    }

    /** A fetched page and what was prepared from its events (one each, in order). */
    private record Fetched<T>(MessagesPage page, List<T> prepared) {}

    /** Pages of missed events; {@link #next} blocks for the page being fetched. Close to stop prefetching. */
    final class Pages<T> implements AutoCloseable {
        private final String roomId;
        private final String stopAt;
        private final ExecutorService fetcher = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "twimbot-backfill");
            t.setDaemon(true);
            return t;
        });
        private final Function<List<RoomEvent>, List<T>> prepare;
        private Future<Fetched<T>> next;
        private int total;
        private int pages;
        private long lastBytes;

        private Pages(RoomTimeline room, String since, Function<List<RoomEvent>, List<T>> prepare) {
            this.roomId = room.roomId();
            this.prepare = prepare;
            this.stopAt = room.events().isEmpty() ? null : room.events().get(0).eventId();
            this.next = fetch(since, PAGE);
        }

        /** The next page, prepared (never empty), or null after the last. */
        List<T> next() throws IOException {
            while (next != null) {
                Fetched<T> fetched = await(next);
                MessagesPage page = fetched.page();
                List<RoomEvent> chunk = page.chunk();
                int cut = chunk.size();
                boolean reached = false;
                for (int i = 0; i < chunk.size(); i++) {
                    if (chunk.get(i).eventId().equals(stopAt)) {
                        cut = i;
                        reached = true;
                        break;
                    }
                }
                lastBytes = page.bytes();
                next = reached || chunk.isEmpty() || page.end() == null
                        ? null
                        : fetch(page.end(), nextLimit(chunk.size(), page.bytes()));
                total += cut;
                if (++pages % 20 == 0) log.info("back-filling {}: {} events so far", roomId, total);
                if (next == null) log.info("back-filled {} missed events in {}", total, roomId);
                if (cut > 0) return fetched.prepared().subList(0, cut);
            }
            return null;
        }

        /** Whether {@link #next} may return another page. */
        boolean more() {
            return next != null;
        }

        int total() {
            return total;
        }

        /** The size of the page {@link #next} returned last, in bytes of event JSON (for byte-bounded commits). */
        long lastBytes() {
            return lastBytes;
        }

        private Future<Fetched<T>> fetch(String from, int limit) {
            return fetcher.submit(() -> {
                MessagesPage page = client.messages(roomId, from, "f", limit, filter);
                List<T> prepared = prepare.apply(page.chunk());
                if (prepared.size() != page.chunk().size())
                    throw new IllegalStateException("one prepared item per event");
                return new Fetched<>(page, prepared);
            });
        }

        @Override
        public void close() {
            fetcher.shutdownNow();
        }
    }

    /**
     * For when the stored sync position was rejected and there is no token to page forward from:
     * pages backwards from the fresh timeline's {@code prev_batch} until an event the bot already
     * processed (or the room's start), then hands the missed events to {@code sink} oldest first.
     * Only the pages' tokens are kept on the way back, never the gap itself: each page is fetched
     * again (the same token and limit give the same page of the same history) when its turn comes,
     * so memory stays at one page however long the gap. This happens after a server restore, not
     * every week, so twice the requests are cheap.
     */
    int fillBackTo(RoomTimeline room, Processed processed, PageSink sink) throws IOException {
        record Back(String from, int limit, int keep) {}
        ArrayList<Back> pages = new ArrayList<>();
        String from = room.prevBatch();
        boolean reached = false;
        int limit = PAGE;
        while (from != null && !reached) {
            MessagesPage page = client.messages(room.roomId(), from, "b", limit, filter);
            int keep = 0;
            for (RoomEvent e : page.chunk()) {
                if (processed.test(e.eventId())) {
                    reached = true;
                    break;
                }
                keep++;
            }
            if (keep > 0) pages.add(new Back(from, limit, keep));
            if (page.chunk().isEmpty()) break;
            from = page.end();
            limit = nextLimit(page.chunk().size(), page.bytes());
        }
        int total = 0;
        for (int i = pages.size() - 1; i >= 0; i--) {
            Back b = pages.get(i);
            List<RoomEvent> newestFirst = client.messages(room.roomId(), b.from(), "b", b.limit(), filter)
                    .chunk();
            ArrayList<RoomEvent> oldestFirst =
                    new ArrayList<>(newestFirst.subList(0, Math.min(b.keep(), newestFirst.size())));
            Collections.reverse(oldestFirst);
            sink.accept(oldestFirst);
            total += oldestFirst.size();
        }
        log.info("recovered {} missed events in {} by paging back", total, room.roomId());
        return total;
    }

    /**
     * For a first start whose first timeline does not reach back to the bot's own join: pages backwards from the
     * timeline's {@code prev_batch} to the join (the newest event {@code isJoin} accepts) and returns what came
     * after it, oldest first; null when no join is found within {@code maxEvents} (held in memory, so bounded).
     */
    List<RoomEvent> sinceJoin(RoomTimeline room, Predicate<RoomEvent> isJoin, int maxEvents) throws IOException {
        ArrayList<RoomEvent> newestFirst = new ArrayList<>();
        String from = room.prevBatch();
        while (from != null && newestFirst.size() < maxEvents) {
            MessagesPage page = client.messages(room.roomId(), from, "b", PAGE, filter);
            for (RoomEvent e : page.chunk()) {
                if (isJoin.test(e)) {
                    Collections.reverse(newestFirst);
                    return newestFirst;
                }
                newestFirst.add(e);
            }
            if (page.chunk().isEmpty()) break;
            from = page.end();
        }
        return null;
    }

    /** Whether the bot has already processed an event. */
    @FunctionalInterface
    interface Processed {
        boolean test(String eventId) throws IOException;
    }

    private static <F> F await(Future<F> page) throws IOException {
        try {
            return page.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while back-filling");
        } catch (ExecutionException e) {
            if (e.getCause() instanceof IOException io) throw io;
            if (e.getCause() instanceof RuntimeException re) throw re;
            // an OutOfMemoryError (or any Error) is not a flaky network: never retried as if it were one
            if (e.getCause() instanceof Error error) throw error;
            throw new IllegalStateException(e.getCause());
        }
    }
}
