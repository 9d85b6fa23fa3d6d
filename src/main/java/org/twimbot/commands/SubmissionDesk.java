package org.twimbot.commands;

import java.sql.SQLException;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.twimbot.catalog.Catalog;
import org.twimbot.catalog.Project;
import org.twimbot.catalog.Section;
import org.twimbot.config.BotConfig;
import org.twimbot.intake.Action;
import org.twimbot.intake.SubmissionText;
import org.twimbot.matrix.RoomEvent;
import org.twimbot.store.Edition;
import org.twimbot.store.MessagesTable;
import org.twimbot.store.Placement;
import org.twimbot.store.StoreTx;
import org.twimbot.store.Submission;

/** Stores submissions (length rules, acknowledgement, suggestions), remembers chatter, applies edits and media. */
final class SubmissionDesk {
    private static final Logger log = LoggerFactory.getLogger(SubmissionDesk.class);
    /** More suggestion reactions than this is noise, not help. */
    private static final int MAX_SUGGESTIONS = 5;
    private final BotContext ctx;

    SubmissionDesk(BotContext ctx) {
        this.ctx = ctx;
    }

    /** A news message: stored unless already stored or breaking a length rule (then the sender is told why). */
    Optional<Submission> submit(StoreTx tx, RoomEvent event, String body, String html, boolean bypassMinLength)
            throws SQLException {
        return submit(tx, event.eventId(), event.roomId(), event.sender(), event.originServerTs(), body, html, bypassMinLength);
    }

    Optional<Submission> submit(StoreTx tx, String eventId, String roomId, String sender, long ts, String body, String html,
            boolean bypassMinLength) throws SQLException {
        if (tx.submissions().byEventId(eventId).isPresent()) return Optional.empty();
        BotConfig.Submissions rules = ctx.config().submissions();
        Replies replies = new Replies(tx);
        String stripped = body.strip();
        int length = stripped.codePointCount(0, stripped.length());
        if (length > rules.maxLength()) {
            replies.notice(roomId, eventId, "too long", "Sorry " + sender + ", that news is " + length
                    + " characters long; the limit is " + rules.maxLength() + ". Please shorten it and post again.");
            return Optional.empty();
        }
        if (length < rules.minLength() && !bypassMinLength) {
            replies.notice(roomId, eventId, "too short", "Thanks " + sender + "! That news is only " + length
                    + " characters; submissions need at least " + rules.minLength()
                    + ". Add some details by editing it, or ask an editor to submit it as it is.");
            return Optional.empty();
        }
        Edition edition = openEdition(tx);
        Submission s = tx.submissions().insert(edition.id(), eventId, roomId, sender, ts, body, html).orElseThrow();
        log.info("stored submission #{} from {} ({})", s.number(), sender, eventId);
        if (!rules.ackReaction().isEmpty()) replies.react(roomId, eventId, rules.ackReaction());
        if (!rules.ackText().isEmpty()) replies.notice(roomId, eventId, "ack", rules.ackText().replace("{user}", sender));
        suggest(tx, s, replies);
        return Optional.of(s);
    }

    /**
     * Reacts "<project key> ?" for projects named in the text and the section emoji for sections the
     * sender usually reports to; a sole project suggestion places the item provisionally.
     */
    private void suggest(StoreTx tx, Submission s, Replies replies) throws SQLException {
        Catalog catalog = ctx.currentCatalog();
        List<Project> projects = catalog.suggestProjects(s.body());
        Set<String> reactions = new LinkedHashSet<>();
        for (Project p : projects) reactions.add(Catalog.normalizeKey(p.key()) + " ?");
        for (Section sec : catalog.sectionsForReporter(s.sender())) {
            if (!sec.emoji().isBlank()) reactions.add(sec.emoji());
        }
        int sent = 0;
        for (String key : reactions) {
            if (sent++ == MAX_SUGGESTIONS) break;
            replies.react(s.roomId(), s.eventId(), key);
        }
        if (ctx.config().curation().autoAssign() && projects.size() == 1) {
            tx.placements().add(s.id(), Placement.Kind.PROJECT, projects.get(0).key(), null, ctx.botUserId(), true, s.originTs());
            log.info("#{} provisionally under project {}", s.number(), projects.get(0).key());
        }
    }

    /** The submit emoji on a message: by an editor, or by its author (who forgot the prefix). */
    void submitByReaction(StoreTx tx, Action.React r) throws SQLException {
        submitRemembered(tx, r.targetEventId(), r.event().sender(), r.event().roomId(), r.event().eventId());
    }

    /** Submits a remembered message on behalf of {@code by}; editors bypass the minimum length. */
    void submitRemembered(StoreTx tx, String messageEventId, String by, String replyRoom, String causeEventId)
            throws SQLException {
        Optional<MessagesTable.Message> message = tx.messages().byEventId(messageEventId);
        if (message.isEmpty()) return;
        MessagesTable.Message m = message.get();
        boolean editor = ctx.editors().isEditor(by);
        if (!editor && !by.equals(m.sender())) {
            log.info("{} may not submit {}'s message {}", by, m.sender(), messageEventId);
            return;
        }
        SubmissionText.Stripped text = ctx.submissionText().asSubmission(m.body(), m.html());
        submit(tx, m.eventId(), m.roomId(), m.sender(), m.originTs(), text.body(), text.html(), editor);
    }

    void remember(StoreTx tx, Action.Chatter c) throws SQLException {
        RoomEvent e = c.event();
        tx.messages().remember(e.eventId(), e.roomId(), e.sender(), e.originServerTs(), c.body(), c.html());
    }

    /**
     * The latest edit by the original sender replaces the stored text; an edit that adds the
     * prefix to a remembered message submits it.
     */
    void edit(StoreTx tx, Action.Edit edit) throws SQLException {
        RoomEvent e = edit.event();
        Optional<Submission> target = tx.submissions().byEventId(edit.targetEventId());
        if (target.isEmpty()) {
            Optional<MessagesTable.Message> m = tx.messages().byEventId(edit.targetEventId());
            if (m.isPresent() && m.get().sender().equals(e.sender())) {
                tx.messages().remember(m.get().eventId(), m.get().roomId(), m.get().sender(), m.get().originTs(),
                        edit.newBody(), edit.newHtml());
                Optional<SubmissionText.Stripped> now = ctx.submissionText().recognise(edit.newBody(), edit.newHtml());
                if (now.isPresent()) {
                    submit(tx, m.get().eventId(), m.get().roomId(), m.get().sender(), m.get().originTs(), now.get().body(),
                            now.get().html(), false);
                }
            }
            return;
        }
        Submission s = target.get();
        if (!e.sender().equals(s.sender())) {
            log.warn("ignoring edit {} of #{}: {} is not the author", e.eventId(), s.number(), e.sender());
            return;
        }
        if (s.editedTs() != null && s.editedTs() > e.originServerTs()) return; // an older edit arriving late
        SubmissionText.Stripped text = ctx.submissionText().asSubmission(edit.newBody(), edit.newHtml());
        tx.submissions().updateText(s.id(), text.body(), text.html(), e.originServerTs());
        log.info("submission #{} edited by {}", s.number(), e.sender());
    }

    /** Media replying to (or threaded under) the sender's own submission is attached to it. */
    void media(StoreTx tx, Action.Media m) throws SQLException {
        if (m.relatedEventId() == null) return;
        Optional<Submission> target = tx.submissions().byEventId(m.relatedEventId());
        if (target.isEmpty() || !target.get().sender().equals(m.event().sender())) return;
        if (tx.media().attach(target.get().id(), m.event().eventId(), m.kind(), m.fileName(), m.mxcUri(), m.mimeType(),
                m.event().originServerTs())) {
            log.info("attached {} {} to submission #{}", m.kind(), m.event().eventId(), target.get().number());
        }
    }

    Edition openEdition(StoreTx tx) throws SQLException {
        return tx.editions().openOrCreate(ctx.calendar().publicationDate(ctx.clock().instant()), ctx.clock().millis());
    }
}
