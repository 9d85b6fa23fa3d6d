package org.twimbot.bot;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.io.UncheckedIOException;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.twimbot.catalog.Catalog;
import org.twimbot.config.BotConfig;
import org.twimbot.curation.BotContext;
import org.twimbot.curation.EditionCalendar;
import org.twimbot.curation.Editors;
import org.twimbot.intake.SubmissionText;
import org.twimbot.matrix.Backoff;
import org.twimbot.matrix.MatrixClient;
import org.twimbot.matrix.MatrixException;
import org.twimbot.matrix.RetryPolicy;
import org.twimbot.matrix.RoomEvent;
import org.twimbot.matrix.RoomTimeline;
import org.twimbot.matrix.Session;
import org.twimbot.matrix.SyncBatch;
import org.twimbot.outbox.OutboxSender;
import org.twimbot.outbox.SendPacer;
import org.twimbot.publish.DraftPublisher;
import org.twimbot.publish.EditionDraft;
import org.twimbot.publish.MediaCache;
import org.twimbot.render.DraftRenderer;
import org.twimbot.store.SettingsTable;
import org.twimbot.store.Store;
import org.twimbot.store.StoreTx;
import org.twimbot.store.Transactional;

/**
 * The running bot: logs in (keeping one device across restarts), joins its rooms, then loops
 * sync → intake → one store transaction (effects + next sync token) → outbox. Nothing is acted
 * on twice and nothing after the stored token is skipped.
 */
public final class Bot implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(Bot.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    /** Events applied per transaction while catching up (see {@link #catchUp}). */
    static final int EVENTS_PER_COMMIT = 5_000;
    /** ... or fewer, when they are large: a transaction of catch-up covers at most this much event JSON. */
    static final long BYTES_PER_COMMIT = 8L << 20;
    /**
     * Waits after a failed sync round (the client has already retried transient errors within it): from 2 s,
     * doubling with jitter, at most 2 minutes; back to the start after a round that works.
     */
    static final RetryPolicy SYNC_RETRY = new RetryPolicy(0, Duration.ofSeconds(2), Duration.ofMinutes(2));

    private final BotConfig config;
    private final Store store;
    private final MatrixClient client;
    private final Clock clock;
    private final CountDownLatch ready = new CountDownLatch(1);
    private volatile boolean running = true;
    private volatile Thread loopThread;
    /** When the last sync batch was committed (with its token); null before the first. Read by /health. */
    private volatile Instant lastSyncAt;

    private BotContext ctx;
    private EventApplier events;
    private OutboxSender outbox;
    private Backfill backfill;
    private volatile MediaCache media;
    private String filterId;
    /** For the first sync of a new database only: the bot's own events too, to find its join (null afterwards). */
    private String firstFilterId;

    private Backfill sinceJoin;
    /** Events a first start pages back for, at most: the join is normally seconds old. */
    static final int MAX_EVENTS_SINCE_JOIN = 10_000;

    private volatile BatchListener batchListener = (events, nextBatch) -> {};
    private final Backoff syncBackoff = new Backoff(SYNC_RETRY);
    /** Consecutive failed sync rounds. */
    private int failures;

    private List<String> configWarnings = List.of();

    /** Told after every committed sync batch; for the benchmark and tests, never needed to run the bot. */
    @FunctionalInterface
    public interface BatchListener {
        /** @param events the events the batch applied (state, back-filled and timeline), @param nextBatch its sync token */
        void committed(int events, String nextBatch);
    }

    public Bot(BotConfig config, Store store, MatrixClient client, Clock clock) {
        this.config = config;
        this.store = store;
        this.client = client;
        this.clock = clock;
    }

    /** What loading the config warned about, for the start notice; call before {@link #start()}. */
    public void configWarnings(List<String> warnings) {
        this.configWarnings = List.copyOf(warnings);
    }

    /** Logs in, joins the rooms and prepares the filter. Retries transient failures (the client does). */
    public void start() throws IOException {
        loopThread = Thread.currentThread(); // so that stop() can interrupt a start still waiting for the homeserver
        if (!running) throw new InterruptedIOException("stopped before start");
        client.versions();
        Session session = authenticate();
        String botUserId = session.userId();
        RoomJoiner joiner = new RoomJoiner(client, botUserId, this::stopping, System::currentTimeMillis);
        String submissions = joiner.join(config.rooms().submissions());
        String editors = joiner.join(config.rooms().editors());
        log.info(
                "joined submissions room {} ({}) and editors room {} ({})",
                config.rooms().submissions(),
                submissions,
                config.rooms().editors(),
                editors);
        String ping = config.rooms().hasPing() ? joiner.join(config.rooms().ping()) : null;
        if (ping != null)
            log.info(
                    "joined ping room {} ({}) for the Dept of Ping",
                    config.rooms().ping(),
                    ping);
        Editors editorSet = new Editors(
                new HashSet<>(config.editors().users()), config.editors().minPowerLevel(), editors);
        Catalog catalog = store.read(tx -> EditionDraft.catalogInForce(tx, config.catalog()));
        ctx = new BotContext(
                config,
                botUserId,
                submissions,
                editors,
                editorSet,
                new Transactional<>(catalog),
                new SubmissionText(botUserId, client.displayName(botUserId)),
                new EditionCalendar(config.edition().weekday(), config.edition().timezone()),
                clock,
                ping);
        startEditors(editorSet, editors);
        for (String room : new LinkedHashSet<>(List.of(submissions, editors))) {
            if (client.roomState(room, "m.room.encryption", "") != null) EncryptionWatch.warnAtStart(room);
        }
        events = new EventApplier(ctx);
        if (media != null) media.close();
        media = new MediaCache(
                config.media().dir(),
                client,
                config.media().maxBytes(),
                config.media().cacheMaxBytes());
        DraftPublisher drafts = new DraftPublisher(
                store,
                client,
                new DraftRenderer(config.render()),
                ctx::currentCatalog,
                editors,
                media,
                clock,
                config.rooms().ping());
        outbox = new OutboxSender(store, client, drafts, editors, new SendPacer(System::nanoTime), this::stopping);
        backfill = new Backfill(client, SyncFilter.roomEventFilter(JSON, botUserId));
        Set<String> configured = new HashSet<>(List.of(submissions, editors));
        if (ping != null) configured.add(ping);
        List<String> rooms = List.copyOf(configured);
        filterId = client.createFilter(botUserId, SyncFilter.build(JSON, rooms, botUserId));
        if (store.read(tx -> tx.settings().get(SettingsTable.SYNC_TOKEN)).isEmpty()) {
            firstFilterId = client.createFilter(botUserId, SyncFilter.firstStart(JSON, rooms));
            sinceJoin = new Backfill(client, SyncFilter.roomEventFilter(JSON, null));
        }
        StartNotice.enqueue(store, config, editors, configWarnings, clock); // sent by run()'s first drain
        loopThread = null; // start() may run on another thread than run(); only run() owns the loop from here
    }

    private Session authenticate() throws IOException {
        return authenticate(false);
    }

    /**
     * With a configured access token: that token. With a password: the token the last password login returned
     * (kept in the store), and a new login on the same device only when there is none or the homeserver refuses
     * it, because a homeserver that scopes transaction ids per token (Synapse 1.67) takes a reply re-sent under a
     * new token for a new message.
     *
     * @param storedRefused the stored token was just refused: log in without trying it again
     */
    private Session authenticate(boolean storedRefused) throws IOException {
        BotConfig.Homeserver hs = config.homeserver();
        if (hs.accessToken() != null) {
            client.setAccessToken(hs.accessToken());
            Session s = client.whoami();
            if (!s.userId().equals(hs.userId())) {
                // acting as someone else would post in their name and mistake their messages for its own
                throw StartupFailure.auth(
                        "the access token belongs to " + s.userId() + ", not to homeserver.user_id " + hs.userId()
                                + "; use a token of " + hs.userId() + " (twimbot check-config shows whose it is)");
            }
            log.info("authenticated as {} (device {})", s.userId(), s.deviceId());
            return s;
        }
        Optional<String> stored = storedRefused
                ? Optional.empty()
                : store.read(tx -> tx.settings().get(SettingsTable.ACCESS_TOKEN));
        if (stored.isPresent()) {
            Optional<Session> reused = reuse(stored.get());
            if (reused.isPresent()) return reused.get();
        }
        Optional<String> device = store.read(tx -> tx.settings().get(SettingsTable.DEVICE_ID));
        Session s = client.loginWithPassword(hs.userId(), hs.password(), device.orElse(null), hs.deviceName());
        store.write(tx -> {
            tx.settings().put(SettingsTable.DEVICE_ID, s.deviceId());
            tx.settings().put(SettingsTable.ACCESS_TOKEN, s.accessToken());
        });
        log.info("logged in as {} (device {}{})", s.userId(), s.deviceId(), device.isPresent() ? ", reused" : ", new");
        return s;
    }

    /** The session of the stored token, or empty when the homeserver refuses it or it is another user's. */
    private Optional<Session> reuse(String token) throws IOException {
        client.setAccessToken(token);
        try {
            Session s = client.whoami();
            if (s.userId().equals(config.homeserver().userId())) {
                log.info("authenticated as {} (device {}, the session of the last login)", s.userId(), s.deviceId());
                return Optional.of(s);
            }
            log.warn(
                    "the stored session belongs to {}, not to the configured {}; logging in again",
                    s.userId(),
                    config.homeserver().userId());
        } catch (MatrixException e) {
            if (!e.isUnknownToken()) throw e;
            log.info("the homeserver no longer accepts the stored session; logging in again with the same device");
        }
        client.setAccessToken(null);
        return Optional.empty();
    }

    /** Syncs until {@link #stop()}. Transient homeserver trouble is retried by the client; the loop never dies on one event. */
    public void run() throws IOException {
        loopThread = Thread.currentThread();
        outbox.drain(); // whatever a previous run committed but could not send
        while (running) {
            try {
                syncOnce(30_000);
                failures = 0;
            } catch (MatrixException e) {
                if (e.isUnknownToken() && config.homeserver().password() != null) {
                    log.warn("access token rejected; logging in again with the same device");
                    authenticate(true);
                    // a reply refused for the old token is owed now, not after the next long-poll (up to 30 s idle)
                    outbox.drain();
                } else if (e.isUnknownToken()) {
                    throw e;
                } else if (running) {
                    backOff("sync failed: " + e.getMessage(), null);
                }
            } catch (IOException e) {
                if (!running) break;
                backOff("sync failed: " + e, null);
            } catch (RuntimeException e) {
                // a defect or a full disk must not end a bot that runs unattended for months: the batch
                // rolled back (one transaction, and the memory that follows it), so it is retried, and the log
                // says what went wrong
                backOff("sync batch failed", e);
            } catch (OutOfMemoryError e) {
                // never retried: the same batch would fail the same way; Main exits so that a supervisor restarts the
                // bot
                log.error("out of memory while syncing; the bot stops");
                throw e;
            }
        }
    }

    /**
     * Waits before the next round after a failure: exponential from 2 s with jitter, capped at 2 minutes, so a
     * homeserver that keeps refusing (or a defect that keeps failing) is not asked every 2 seconds for hours.
     */
    private void backOff(String what, RuntimeException defect) {
        failures++;
        long ms = syncBackoff.delay(failures).toMillis();
        if (defect != null) {
            log.error("{}; retrying in {} s (failure {} in a row)", what, (ms + 999) / 1000, failures, defect);
        } else {
            log.warn("{}; retrying in {} s (failure {} in a row)", what, (ms + 999) / 1000, failures);
        }
        pause(ms);
    }

    /** Consecutive failed sync rounds so far; 0 after one that worked. */
    int consecutiveFailures() {
        return failures;
    }

    /** One sync round: fetch, apply in one transaction with the new token, send what is owed. */
    public void syncOnce(int timeoutMs) throws IOException {
        Optional<String> since = store.read(tx -> tx.settings().get(SettingsTable.SYNC_TOKEN));
        SyncBatch batch;
        boolean recovering = false;
        try {
            // a restart's first round does not long-poll: /health says "starting" until a round is committed, and in a
            // quiet room a long-poll would keep it so for its whole timeout
            int poll = lastSyncAt == null ? 0 : outbox.pollTimeoutMs(timeoutMs);
            batch = since.isPresent()
                    ? client.sync(since.get(), filterId, poll)
                    : client.sync(null, firstFilterId != null ? firstFilterId : filterId, 0);
        } catch (MatrixException e) {
            if (since.isEmpty() || e.httpStatus() != 400) throw e;
            // the server forgot our position (database restored, token expired): never skip what happened since
            log.warn(
                    "the homeserver rejected the stored sync position ({} {}); syncing afresh and back-filling "
                            + "to the last processed event",
                    e.errcode(),
                    e.getMessage());
            batch = client.sync(null, filterId, 0);
            recovering = true;
        }
        handleInvites(batch.invitedRoomIds());
        boolean initial = since.isEmpty();
        int applied = 0;
        List<RoomTimeline> rooms = editorsRoomFirst(batch.rooms());
        for (RoomTimeline room : rooms) {
            if (initial || !(room.limited() || recovering)) continue;
            // a gap: the missed events in the order they happened (several transactions, the token unchanged, so a
            // crash replays the gap and processed_events skips what was applied). The sync's state block is applied
            // after them, with the timeline: it is the state at the timeline's start, newer than anything in the gap,
            // so state from the gap never overwrites it, and its events that were in the gap are not applied twice
            boolean otherRoom =
                    !room.roomId().equals(ctx.editorsRoomId()) && ctx.editors().byPowerLevel();
            if (otherRoom) {
                ctx.editors()
                        .limitTo(
                                client.roomState(ctx.editorsRoomId(), "m.room.power_levels", ""),
                                client.joinedMembers(ctx.editorsRoomId()));
            }
            try {
                if (recovering) {
                    applied += backfill.fillBackTo(
                            room,
                            eventId -> store.read(tx -> tx.processed().isProcessed(eventId)),
                            page -> store.write(tx -> events.applyAll(tx, page, true)));
                } else {
                    applied += catchUp(room, since.get());
                }
            } finally {
                ctx.editors().unlimit();
            }
        }
        Map<String, List<RoomEvent>> joinedEarlier = initial ? eventsSinceEarlierJoins(batch) : Map.of();
        SyncBatch synced = batch;
        // a first start's timelines are split at the bot's join, room by room; later ones are merged in time order
        List<RoomEvent> timeline = initial ? List.of() : inTimeOrder(rooms);
        int[] news = {0};
        store.write(tx -> {
            for (RoomTimeline room : rooms) events.applyAll(tx, room.state(), true);
            if (initial) {
                for (RoomTimeline room : rooms)
                    news[0] += applyFirstTimeline(tx, room, joinedEarlier.get(room.roomId()));
            } else {
                events.applyTimeline(tx, timeline, false);
            }
            tx.settings().put(SettingsTable.SYNC_TOKEN, synced.nextBatch());
        });
        lastSyncAt = clock.instant();
        if (initial) {
            log.info(
                    "first start: synced; {} events since the bot joined taken as news, earlier room history is not imported",
                    news[0]);
            firstFilterId = null;
            sinceJoin = null;
        }
        for (List<RoomEvent> page : joinedEarlier.values()) applied += page.size();
        for (RoomTimeline room : batch.rooms())
            applied += room.state().size() + room.events().size();
        batchListener.committed(applied, batch.nextBatch());
        ready.countDown();
        outbox.drain();
    }

    /**
     * A first start takes as news everything from the bot's own join on: the join is in the first timeline
     * (the first filter keeps the bot's own events) unless more happened since than one timeline holds; then
     * the events since the join are paged back for here, before the transaction.
     */
    private Map<String, List<RoomEvent>> eventsSinceEarlierJoins(SyncBatch batch) throws IOException {
        Map<String, List<RoomEvent>> found = new HashMap<>();
        for (RoomTimeline room : batch.rooms()) {
            if (lastOwnJoin(room.events()) >= 0 || !room.limited() || sinceJoin == null) continue;
            List<RoomEvent> since = sinceJoin.sinceJoin(room, this::isOwnJoin, MAX_EVENTS_SINCE_JOIN);
            if (since == null) {
                log.warn(
                        "the bot's join to {} is more than {} events back; only this first sync's events are news",
                        room.roomId(),
                        MAX_EVENTS_SINCE_JOIN);
            } else {
                found.put(room.roomId(), since);
            }
        }
        return found;
    }

    /**
     * The first timeline: what came before the bot's join is remembered (an edit or a reaction may refer to it),
     * what came after it is news. Returns the number of events taken as news.
     */
    private int applyFirstTimeline(StoreTx tx, RoomTimeline room, List<RoomEvent> earlier) throws SQLException {
        List<RoomEvent> timeline = room.events();
        int join = lastOwnJoin(timeline);
        int from = join >= 0 ? join + 1 : earlier != null ? 0 : timeline.size();
        if (earlier != null) events.applyAll(tx, earlier, true);
        events.applyTimeline(tx, timeline.subList(0, from), true);
        events.applyAll(tx, timeline.subList(from, timeline.size()), true);
        return (earlier == null ? 0 : earlier.size()) + timeline.size() - from;
    }

    private int lastOwnJoin(List<RoomEvent> timeline) {
        for (int i = timeline.size() - 1; i >= 0; i--) if (isOwnJoin(timeline.get(i))) return i;
        return -1;
    }

    /** The bot's own join (not a profile change of a member that was already joined). */
    private boolean isOwnJoin(RoomEvent e) {
        return "m.room.member".equals(e.type())
                && ctx.botUserId().equals(e.stateKey())
                && "join".equals(e.content().path("membership").asText())
                && !"join"
                        .equals(e.unsigned()
                                .path("prev_content")
                                .path("membership")
                                .asText());
    }

    /**
     * Applies a gap's pages in transactions of about {@link #EVENTS_PER_COMMIT} events (fewer when they add up to
     * {@link #BYTES_PER_COMMIT}): a commit rewrites every
     * B-tree page the transaction touched, so a few large commits cost a fraction of one per page. The sync token
     * does not move until the timeline commits, so a crash replays the gap and processed_events skips what was applied.
     */
    private int catchUp(RoomTimeline room, String since) throws IOException {
        try (Backfill.Pages<EventApplier.Interpreted> pages = backfill.pages(room, since, events::interpret)) {
            while (pages.more()) {
                try {
                    store.write(tx -> {
                        int inTransaction = 0;
                        long bytes = 0;
                        for (List<EventApplier.Interpreted> page;
                                inTransaction < EVENTS_PER_COMMIT
                                        && bytes < BYTES_PER_COMMIT
                                        && (page = nextPage(pages)) != null; ) {
                            events.applyInterpreted(tx, page, true);
                            inTransaction += page.size();
                            bytes += pages.lastBytes();
                        }
                    });
                } catch (UncheckedIOException e) {
                    throw e.getCause(); // rolled back; the next round fetches the gap again from the same token
                }
            }
            return pages.total();
        }
    }

    private static <T> List<T> nextPage(Backfill.Pages<T> pages) {
        try {
            return pages.next();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The rooms' timelines as one, by time sent (each room's own order kept on ties): a demotion or a kick in the
     * editors room is then applied before the same user's later reactions and reply-commands in the submissions room,
     * and a {@code !status} after news posted in the other room sees it.
     */
    static List<RoomEvent> inTimeOrder(List<RoomTimeline> rooms) {
        List<RoomEvent> all = new ArrayList<>();
        int[] next = new int[rooms.size()];
        while (true) {
            int pick = -1;
            for (int r = 0; r < rooms.size(); r++) {
                List<RoomEvent> events = rooms.get(r).events();
                // a merge, not a sort: a room's events stay in stream order even when their clocks disagree
                if (next[r] < events.size()
                        && (pick < 0
                                || events.get(next[r]).originServerTs()
                                        < rooms.get(pick)
                                                .events()
                                                .get(next[pick])
                                                .originServerTs())) {
                    pick = r;
                }
            }
            if (pick < 0) return all;
            all.add(rooms.get(pick).events().get(next[pick]++));
        }
    }

    /**
     * Gaps are closed room by room, the editors room's first, so its power-level and membership changes are applied
     * before the other room's missed events; while those are applied, {@link Editors#limitTo} also requires the
     * editors room's current levels and membership (a demotion may be among that room's latest events, applied
     * after every gap).
     */
    private List<RoomTimeline> editorsRoomFirst(List<RoomTimeline> rooms) {
        List<RoomTimeline> ordered = new ArrayList<>(rooms);
        ordered.sort(Comparator.comparing(r -> !r.roomId().equals(ctx.editorsRoomId())));
        return ordered;
    }

    private void handleInvites(List<String> invited) {
        for (String roomId : invited) {
            try {
                if (roomId.equals(ctx.submissionsRoomId())
                        || roomId.equals(ctx.editorsRoomId())
                        || roomId.equals(ctx.pingRoomId())) {
                    client.joinRoom(roomId);
                    log.info("accepted invite to configured room {}", roomId);
                } else {
                    client.leaveRoom(roomId);
                    log.info("declined invite to unconfigured room {}", roomId);
                }
            } catch (IOException e) {
                log.warn("could not answer invite to {}: {}", roomId, e.getMessage());
            }
        }
    }

    /**
     * Power levels: those last applied from an event (stored with the sync position), so the events of a gap are judged
     * by the levels in force when they were sent; the room's current ones on a first start. Membership: every member
     * the server lists as joined now, unless the store already knows that user's membership from the room's events
     * (the sync lazy-loads members, so the store alone does not know who joined before the bot's first start).
     */
    private void startEditors(Editors editorSet, String editorsRoom) throws IOException {
        boolean synced =
                store.read(tx -> tx.settings().get(SettingsTable.SYNC_TOKEN)).isPresent();
        if (!(synced && store.read(editorSet::restore))) {
            editorSet.usePowerLevels(client.roomState(editorsRoom, "m.room.power_levels", ""));
        }
        if (!editorSet.byPowerLevel()) return;
        Set<String> joined = client.joinedMembers(editorsRoom);
        store.write(tx -> {
            for (String user : joined) tx.members().seedJoined(editorsRoom, user);
        });
    }

    private void pause(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            running = false;
        }
    }

    /** True once {@link #stop()} was called. */
    public boolean stopping() {
        return !running;
    }

    /** Replaces the listener told after each committed batch (the benchmark times catch-up with it). */
    public void setBatchListener(BatchListener listener) {
        this.batchListener = listener == null ? (events, nextBatch) -> {} : listener;
    }

    /** Blocks until the first sync has been committed. */
    public void awaitReady() throws InterruptedException {
        ready.await();
    }

    /** When the last sync batch was committed; null before the first. */
    public Instant lastSyncAt() {
        return lastSyncAt;
    }

    public BotContext context() {
        return ctx;
    }

    /**
     * Ends the loop: a batch being applied still commits (one transaction), a long-poll in
     * flight is cancelled. Returns at once; see {@link #stopAndWait}.
     */
    public void stop() {
        running = false;
        client.cancelInFlight();
        MediaCache m = media;
        if (m != null) m.close();
        Thread t = loopThread;
        if (t != null) t.interrupt();
    }

    /**
     * Stops and waits for the loop to end, cancelling again while waiting: a sync started just
     * after the flag was checked is cut short too.
     *
     * @return true when the loop ended within {@code timeout}
     */
    public boolean stopAndWait(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        Thread t = loopThread;
        do {
            stop();
            if (t == null) return true;
            t.join(50);
        } while (t.isAlive() && System.nanoTime() < deadline);
        return !t.isAlive();
    }

    @Override
    public void close() {
        stop();
    }
}
