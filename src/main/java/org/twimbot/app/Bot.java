package org.twimbot.app;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.twimbot.catalog.Catalog;
import org.twimbot.commands.ActionApplier;
import org.twimbot.commands.BotContext;
import org.twimbot.commands.EditionCalendar;
import org.twimbot.commands.Editors;
import org.twimbot.config.BotConfig;
import org.twimbot.intake.Action;
import org.twimbot.intake.Intake;
import org.twimbot.intake.SubmissionText;
import org.twimbot.matrix.MatrixClient;
import org.twimbot.matrix.MatrixException;
import org.twimbot.matrix.RoomEvent;
import org.twimbot.matrix.RoomTimeline;
import org.twimbot.matrix.Session;
import org.twimbot.matrix.SyncBatch;
import org.twimbot.render.DraftRenderer;
import org.twimbot.store.SettingsTable;
import org.twimbot.store.Store;

/**
 * The running bot: logs in (keeping one device across restarts), joins its rooms, then loops
 * sync → intake → one store transaction (effects + next sync token) → outbox. Nothing is acted
 * on twice and nothing after the stored token is skipped.
 */
public final class Bot implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(Bot.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final BotConfig config;
    private final Store store;
    private final MatrixClient client;
    private final Clock clock;
    private final CountDownLatch ready = new CountDownLatch(1);
    private volatile boolean running = true;
    private volatile Thread loopThread;

    private BotContext ctx;
    private Intake intake;
    private ActionApplier applier;
    private OutboxSender outbox;
    private Backfill backfill;
    private String filterId;
    private volatile BatchListener batchListener = (events, nextBatch) -> {};

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

    /** Logs in, joins the rooms and prepares the filter. Retries transient failures (the client does). */
    public void start() throws IOException {
        client.versions();
        Session session = authenticate();
        String botUserId = session.userId();
        String submissions = client.joinRoom(config.rooms().submissions());
        String editors = client.joinRoom(config.rooms().editors());
        log.info("joined submissions room {} ({}) and editors room {} ({})", config.rooms().submissions(), submissions,
                config.rooms().editors(), editors);
        Editors editorSet = new Editors(new HashSet<>(config.editors().users()), config.editors().minPowerLevel());
        List<org.twimbot.catalog.Project> added = store.read(tx -> tx.catalogProjects().all());
        Catalog catalog = added.isEmpty() ? config.catalog() : config.catalog().withProjects(added);
        ctx = new BotContext(config, botUserId, submissions, editors, editorSet, new AtomicReference<>(catalog),
                new SubmissionText(botUserId, client.displayName(botUserId)),
                new EditionCalendar(config.edition().weekday(), config.edition().timezone()), clock);
        refreshPowerLevels(client.roomState(editors, "m.room.power_levels", ""));
        intake = new Intake(botUserId, submissions, editors, config.commands().prefix(), ctx.submissionText());
        applier = new ActionApplier(ctx);
        DraftPublisher drafts = new DraftPublisher(store, client, new DraftRenderer(config.render()), ctx::currentCatalog,
                editors, clock);
        outbox = new OutboxSender(store, client, drafts);
        backfill = new Backfill(client, SyncFilter.roomEventFilter(JSON));
        filterId = client.createFilter(botUserId, SyncFilter.build(JSON, List.copyOf(new HashSet<>(List.of(submissions, editors)))));
    }

    private Session authenticate() throws IOException {
        BotConfig.Homeserver hs = config.homeserver();
        if (hs.accessToken() != null) {
            client.setAccessToken(hs.accessToken());
            Session s = client.whoami();
            if (!s.userId().equals(hs.userId())) {
                log.warn("the access token belongs to {}, not to the configured {}", s.userId(), hs.userId());
            }
            log.info("authenticated as {} (device {})", s.userId(), s.deviceId());
            return s;
        }
        Optional<String> device = store.read(tx -> tx.settings().get(SettingsTable.DEVICE_ID));
        Session s = client.loginWithPassword(hs.userId(), hs.password(), device.orElse(null), hs.deviceName());
        store.write(tx -> tx.settings().put(SettingsTable.DEVICE_ID, s.deviceId()));
        log.info("logged in as {} (device {}{})", s.userId(), s.deviceId(), device.isPresent() ? ", reused" : ", new");
        return s;
    }

    /** Syncs until {@link #stop()}. Transient homeserver trouble is retried by the client; the loop never dies on one event. */
    public void run() throws IOException {
        loopThread = Thread.currentThread();
        outbox.drain(); // whatever a previous run committed but could not send
        while (running) {
            try {
                syncOnce(30_000);
            } catch (MatrixException e) {
                if (e.isUnknownToken() && config.homeserver().password() != null) {
                    log.warn("access token rejected; logging in again with the same device");
                    authenticate();
                } else if (e.isUnknownToken()) {
                    throw e;
                } else if (running) {
                    log.warn("sync failed: {}; retrying", e.getMessage());
                    pause(2_000);
                }
            } catch (IOException e) {
                if (!running) break;
                log.warn("sync failed: {}; retrying", e.toString());
                pause(2_000);
            }
        }
    }

    /** One sync round: fetch, apply in one transaction with the new token, send what is owed. */
    public void syncOnce(int timeoutMs) throws IOException {
        Optional<String> since = store.read(tx -> tx.settings().get(SettingsTable.SYNC_TOKEN));
        SyncBatch batch = client.sync(since.orElse(null), filterId, since.isPresent() ? timeoutMs : 0);
        handleInvites(batch.invitedRoomIds());
        boolean initial = since.isEmpty();
        int applied = 0;
        for (RoomTimeline room : batch.rooms()) {
            if (!room.limited() || initial) continue;
            // a gap: state first, then the missed events page by page (one transaction each, the token
            // unchanged, so a crash replays the gap and processed_events skips what was applied)
            store.write(tx -> {
                for (RoomEvent e : room.state()) apply(tx, e, true);
            });
            applied += backfill.fill(room, since.get(), page -> store.write(tx -> {
                for (RoomEvent e : page) apply(tx, e, true);
            }));
        }
        store.write(tx -> {
            for (RoomTimeline room : batch.rooms()) {
                for (RoomEvent e : room.state()) apply(tx, e, true);
                for (RoomEvent e : room.events()) apply(tx, e, !initial || e.isState());
            }
            tx.settings().put(SettingsTable.SYNC_TOKEN, batch.nextBatch());
        });
        if (initial) log.info("first start: synced; earlier room history is not imported");
        for (RoomTimeline room : batch.rooms()) applied += room.state().size() + room.events().size();
        batchListener.committed(applied, batch.nextBatch());
        ready.countDown();
        outbox.drain();
    }

    /**
     * Applies one event at most once. On the very first sync, history before the bot existed is
     * only marked seen (old commands must not run), except state, which tells names and powers.
     */
    private void apply(org.twimbot.store.StoreTx tx, RoomEvent e, boolean act) throws java.sql.SQLException {
        if (!tx.processed().markProcessed(e.eventId())) return;
        if (!act) return;
        try {
            if ("m.room.power_levels".equals(e.type()) && e.roomId().equals(ctx.editorsRoomId()) && e.isState()) {
                refreshPowerLevels(e.content());
            }
            Optional<Action> action = intake.interpret(e);
            if (action.isPresent()) applier.apply(tx, action.get());
        } catch (RuntimeException ex) {
            log.error("skipping event {} in {}: {}", e.eventId(), e.roomId(), ex.toString(), ex);
        }
    }

    private void handleInvites(List<String> invited) {
        for (String roomId : invited) {
            try {
                if (roomId.equals(ctx.submissionsRoomId()) || roomId.equals(ctx.editorsRoomId())) {
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

    private void refreshPowerLevels(JsonNode content) {
        if (content == null) return;
        Map<String, Integer> users = new HashMap<>();
        content.path("users").fields().forEachRemaining(f -> {
            if (f.getValue().canConvertToInt()) users.put(f.getKey(), f.getValue().asInt());
        });
        ctx.editors().updatePowerLevels(users, content.path("users_default").asInt(0));
    }

    private void pause(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            running = false;
        }
    }

    /** Replaces the listener told after each committed batch (the benchmark times catch-up with it). */
    public void setBatchListener(BatchListener listener) {
        this.batchListener = listener == null ? (events, nextBatch) -> {} : listener;
    }

    /** Blocks until the first sync has been committed. */
    public void awaitReady() throws InterruptedException {
        ready.await();
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
        Thread t = loopThread;
        if (t != null) t.interrupt();
    }

    /**
     * Stops and waits for the loop to end, cancelling again while waiting: a sync started just
     * after the flag was checked is cut short too.
     *
     * @return true when the loop ended within {@code timeout}
     */
    public boolean stopAndWait(java.time.Duration timeout) throws InterruptedException {
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

    static List<RoomEvent> concat(List<RoomEvent> a, List<RoomEvent> b) {
        List<RoomEvent> all = new ArrayList<>(a);
        all.addAll(b);
        return all;
    }
}
