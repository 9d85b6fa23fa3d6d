package org.twimbot.app;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Function;
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
 * held at a time (the one applied, the one fetched), so a catch-up of tens of thousands of events
 * fits a small heap. The caller commits as it goes but the sync token only advances with the
 * timeline itself, so a crash mid-way replays the gap and the processed-events table skips what
 * was already applied.
 */
final class Backfill {
    private static final Logger log = LoggerFactory.getLogger(Backfill.class);
    /** Events per /messages page: fewer round trips; 1000 is the usual server cap. */
    static final int PAGE = 500;

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

        private Pages(RoomTimeline room, String since, Function<List<RoomEvent>, List<T>> prepare) {
            this.roomId = room.roomId();
            this.prepare = prepare;
            this.stopAt = room.events().isEmpty() ? null : room.events().get(0).eventId();
            this.next = fetch(since);
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
                next = reached || chunk.isEmpty() || page.end() == null ? null : fetch(page.end());
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

        private Future<Fetched<T>> fetch(String from) {
            return fetcher.submit(() -> {
                MessagesPage page = client.messages(roomId, from, "f", PAGE, filter);
                List<T> prepared = prepare.apply(page.chunk());
                if (prepared.size() != page.chunk().size()) throw new IllegalStateException("one prepared item per event");
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
     * The gap is held in memory; this happens after a server restore, not every week.
     */
    int fillBackTo(RoomTimeline room, Processed processed, PageSink sink) throws IOException {
        java.util.ArrayList<RoomEvent> newestFirst = new java.util.ArrayList<>();
        String from = room.prevBatch();
        boolean reached = false;
        while (from != null && !reached) {
            MessagesPage page = client.messages(room.roomId(), from, "b", PAGE, filter);
            for (RoomEvent e : page.chunk()) {
                if (processed.test(e.eventId())) {
                    reached = true;
                    break;
                }
                newestFirst.add(e);
            }
            if (page.chunk().isEmpty()) break;
            from = page.end();
        }
        java.util.Collections.reverse(newestFirst);
        for (int i = 0; i < newestFirst.size(); i += PAGE) {
            sink.accept(newestFirst.subList(i, Math.min(newestFirst.size(), i + PAGE)));
        }
        log.info("recovered {} missed events in {} by paging back", newestFirst.size(), room.roomId());
        return newestFirst.size();
    }

    /**
     * For a first start whose first timeline does not reach back to the bot's own join: pages backwards from the
     * timeline's {@code prev_batch} to the join (the newest event {@code isJoin} accepts) and returns what came
     * after it, oldest first; null when no join is found within {@code maxEvents} (held in memory, so bounded).
     */
    List<RoomEvent> sinceJoin(RoomTimeline room, java.util.function.Predicate<RoomEvent> isJoin, int maxEvents)
            throws IOException {
        java.util.ArrayList<RoomEvent> newestFirst = new java.util.ArrayList<>();
        String from = room.prevBatch();
        while (from != null && newestFirst.size() < maxEvents) {
            MessagesPage page = client.messages(room.roomId(), from, "b", PAGE, filter);
            for (RoomEvent e : page.chunk()) {
                if (isJoin.test(e)) {
                    java.util.Collections.reverse(newestFirst);
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
            throw new IOException(e.getCause());
        }
    }
}
