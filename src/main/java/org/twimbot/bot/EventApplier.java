package org.twimbot.bot;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.twimbot.curation.BotContext;
import org.twimbot.intake.Action;
import org.twimbot.intake.Intake;
import org.twimbot.matrix.RoomEvent;
import org.twimbot.outbox.Replies;
import org.twimbot.store.StoreTx;

/**
 * One room event into the current store transaction, at most once: marks it processed,
 * interprets it and applies the resulting actions. A malformed event is logged and skipped; it
 * never fails the batch.
 */
public final class EventApplier {
    private static final Logger log = LoggerFactory.getLogger(EventApplier.class);

    private final BotContext ctx;
    private final Intake intake;
    private final Applier applier;

    /** What applies one action (the {@link ActionApplier}; a test may wrap it to make an event fail). */
    @FunctionalInterface
    interface Applier {
        void apply(StoreTx tx, Action action) throws SQLException;
    }

    public EventApplier(BotContext ctx) {
        this(ctx, new ActionApplier(ctx)::apply);
    }

    EventApplier(BotContext ctx, Applier applier) {
        this.ctx = ctx;
        this.intake = new Intake(
                ctx.botUserId(),
                ctx.submissionsRoomId(),
                ctx.editorsRoomId(),
                ctx.config().commands().prefix(),
                ctx.submissionText(),
                ctx.pingRoomId());
        this.applier = applier;
    }

    /**
     * An event and the actions it means. Interpreting is pure (no store, no clock), so pages can be
     * interpreted ahead, on the thread that fetched them, while the previous page is applied.
     */
    public record Interpreted(RoomEvent event, List<Action> actions) {}

    /**
     * Interprets a page, one {@link Interpreted} per event, in order. Safe to call on any thread. (Placement
     * reads the editors' history in the store, so it is worked out when the news is stored, not here.)
     */
    public List<Interpreted> interpret(List<RoomEvent> page) {
        List<Interpreted> out = new ArrayList<>(page.size());
        for (RoomEvent e : page) out.add(new Interpreted(e, interpretSafely(e)));
        return out;
    }

    /** Applies a page of events in order. */
    public void applyAll(StoreTx tx, List<RoomEvent> page, boolean act) throws SQLException {
        applyInterpreted(tx, interpret(page), act);
    }

    /** Applies a page interpreted ahead (see {@link #interpret}). */
    public void applyInterpreted(StoreTx tx, List<Interpreted> page, boolean act) throws SQLException {
        for (Interpreted i : page) apply(tx, i, act);
        tx.messages().prune(); // a flood of chat stays within the room's budget, page by page
    }

    /** A sync timeline: on the first start only state is acted on (history before the bot must not run old commands). */
    public void applyTimeline(StoreTx tx, List<RoomEvent> timeline, boolean firstStart) throws SQLException {
        if (!firstStart) {
            applyAll(tx, timeline, true);
            return;
        }
        for (RoomEvent e : timeline) apply(tx, e, e.isState());
    }

    /**
     * A chat line with no edit waiting for it: applying it only remembers its text under its event id, which
     * a replay does again to the same effect, so it needs no entry in the processed-event ledger. Half of a
     * busy room's events are such lines; the ledger row and its look-up were a sixth of a catch-up's store work.
     */
    private static boolean isPlainChat(StoreTx tx, Interpreted i) throws SQLException {
        if (i.actions().size() != 1 || !(i.actions().get(0) instanceof Action.Chatter)) return false;
        RoomEvent e = i.event();
        return !tx.edits().any(e.eventId(), e.sender());
    }

    /**
     * @param act false for history before the bot's first start: only marked seen (old commands
     *     must not run), except state, which tells names and powers
     */
    public void apply(StoreTx tx, RoomEvent e, boolean act) throws SQLException {
        apply(tx, new Interpreted(e, act ? interpretSafely(e) : List.of()), act);
    }

    private void apply(StoreTx tx, Interpreted interpreted, boolean act) throws SQLException {
        RoomEvent e = interpreted.event();
        boolean plainChat = act && isPlainChat(tx, interpreted);
        if (!plainChat && !tx.processed().markProcessed(e.eventId())) return;
        if (!act) return;
        // an event that fails (a defect met) undoes its own writes only, and is recorded; the batch goes on
        Exception failure = tx.isolated(() -> applyActions(tx, interpreted));
        if (failure != null) {
            log.error("skipping event {} in {}: {}", e.eventId(), e.roomId(), failure.toString(), failure);
            tx.failedEvents()
                    .record(
                            e.eventId(),
                            e.roomId(),
                            failure.toString(),
                            ctx.clock().millis());
        }
    }

    private void applyActions(StoreTx tx, Interpreted interpreted) throws SQLException {
        RoomEvent e = interpreted.event();
        if ("m.room.power_levels".equals(e.type()) && e.roomId().equals(ctx.editorsRoomId()) && e.isState()) {
            ctx.editors().powerLevelsChanged(tx, e.content());
        }
        if ("m.room.encryption".equals(e.type()) && e.isState()) {
            EncryptionWatch.warnAtStart(e.roomId());
            new Replies(tx).notice(ctx.editorsRoomId(), e.eventId(), "encryption", encryptionNotice(e));
        }
        for (Action action : interpreted.actions()) applier.apply(tx, action);
    }

    private String encryptionNotice(RoomEvent e) {
        String what = e.roomId().equals(ctx.pingRoomId())
                ? "the ping bot's answers there from now on will not reach the Dept of Ping. Set rooms.ping to an "
                        + "unencrypted ping room, or leave it out."
                : "news posted there from now on will not reach the draft. Use an unencrypted room for submissions.";
        return "Encryption was switched on in " + e.roomId() + " by " + e.sender()
                + ". twimbot cannot read encrypted messages: " + what;
    }

    /** A malformed event means nothing (logged) rather than failing its page, wherever it is interpreted. */
    private List<Action> interpretSafely(RoomEvent e) {
        try {
            return intake.interpretAll(e);
        } catch (RuntimeException ex) {
            log.error("skipping event {} in {}: {}", e.eventId(), e.roomId(), ex.toString(), ex);
            return List.of();
        }
    }
}
