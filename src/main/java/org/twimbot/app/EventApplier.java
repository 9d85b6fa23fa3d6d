package org.twimbot.app;

import com.fasterxml.jackson.databind.JsonNode;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.twimbot.catalog.Catalog;
import org.twimbot.commands.ActionApplier;
import org.twimbot.commands.BotContext;
import org.twimbot.commands.Replies;
import org.twimbot.commands.Editors;
import org.twimbot.intake.Action;
import org.twimbot.intake.Intake;
import org.twimbot.matrix.RoomEvent;
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
    private final ActionApplier applier;

    public EventApplier(BotContext ctx) {
        this.ctx = ctx;
        this.intake = new Intake(ctx.botUserId(), ctx.submissionsRoomId(), ctx.editorsRoomId(),
                ctx.config().commands().prefix(), ctx.submissionText());
        this.applier = new ActionApplier(ctx);
    }

    /**
     * An event and the actions it means. Interpreting is pure (no store, no clock), so pages can be
     * interpreted ahead, on the thread that fetched them, while the previous page is applied.
     */
    public record Interpreted(RoomEvent event, List<Action> actions) {}

    /**
     * Interprets a page, one {@link Interpreted} per event, in order. Also works out the project suggestions
     * for news in the page against the current catalog ({@link Catalog#prepareSuggestions}), the other pure
     * part of applying a submission. Safe to call on any thread.
     */
    public List<Interpreted> interpret(List<RoomEvent> page) {
        List<Interpreted> out = new ArrayList<>(page.size());
        Catalog catalog = ctx.currentCatalog();
        for (RoomEvent e : page) {
            List<Action> actions = interpretSafely(e);
            for (Action a : actions) {
                if (a instanceof Action.Submit submit) catalog.prepareSuggestions(submit.body());
            }
            out.add(new Interpreted(e, actions));
        }
        return out;
    }

    /** Applies a page of events in order, looking up which were already processed (and which have edits) in one query each. */
    public void applyAll(StoreTx tx, List<RoomEvent> page, boolean act) throws SQLException {
        applyInterpreted(tx, interpret(page), act);
    }

    /** Applies a page interpreted ahead (see {@link #interpret}). */
    public void applyInterpreted(StoreTx tx, List<Interpreted> page, boolean act) throws SQLException {
        prefetch(tx, page.stream().map(Interpreted::event).toList());
        for (Interpreted i : page) apply(tx, i, act);
    }

    /** A sync timeline: on the first start only state is acted on (history before the bot must not run old commands). */
    public void applyTimeline(StoreTx tx, List<RoomEvent> timeline, boolean firstStart) throws SQLException {
        prefetch(tx, timeline);
        for (RoomEvent e : timeline) apply(tx, e, !firstStart || e.isState());
    }

    private static void prefetch(StoreTx tx, List<RoomEvent> page) throws SQLException {
        List<String> ids = page.stream().map(RoomEvent::eventId).toList();
        tx.processed().prefetch(ids);
        tx.edits().prefetchTargets(ids);
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
        if (!tx.processed().markProcessed(e.eventId())) return;
        if (!act) return;
        try {
            if ("m.room.power_levels".equals(e.type()) && e.roomId().equals(ctx.editorsRoomId()) && e.isState()) {
                refreshPowerLevels(ctx.editors(), e.content());
            }
            if ("m.room.encryption".equals(e.type()) && e.isState()) {
                EncryptionWatch.warnAtStart(e.roomId());
                new Replies(tx).notice(ctx.editorsRoomId(), e.eventId(), "encryption", "Encryption was switched on in "
                        + e.roomId() + " by " + e.sender() + ". twimbot cannot read encrypted messages: news posted there "
                        + "from now on will not reach the draft. Use an unencrypted room for submissions.");
            }
            for (Action action : interpreted.actions()) applier.apply(tx, action);
        } catch (RuntimeException ex) {
            log.error("skipping event {} in {}: {}", e.eventId(), e.roomId(), ex.toString(), ex);
        }
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

    static void refreshPowerLevels(Editors editors, JsonNode content) {
        if (content == null) return;
        Map<String, Integer> users = new HashMap<>();
        content.path("users").fields().forEachRemaining(f -> {
            if (f.getValue().canConvertToInt()) users.put(f.getKey(), f.getValue().asInt());
        });
        editors.updatePowerLevels(users, content.path("users_default").asInt(0));
    }
}
