package org.twimbot.commands;

import java.sql.SQLException;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.twimbot.config.BotConfig;
import org.twimbot.intake.Action;
import org.twimbot.matrix.RoomEvent;
import org.twimbot.store.Edition;
import org.twimbot.store.StoreTx;
import org.twimbot.store.Submission;

/** Stores submissions (with the length rules and the acknowledgement), edits and media attachments. */
final class SubmissionDesk {
    private static final Logger log = LoggerFactory.getLogger(SubmissionDesk.class);
    private final BotContext ctx;

    SubmissionDesk(BotContext ctx) {
        this.ctx = ctx;
    }

    /** Stores {@code event} as a submission unless it is already stored or breaks a length rule (then explains why). */
    Optional<Submission> submit(StoreTx tx, RoomEvent event, String body, String html, boolean bypassMinLength)
            throws SQLException {
        if (tx.submissions().byEventId(event.eventId()).isPresent()) return Optional.empty();
        BotConfig.Submissions rules = ctx.config().submissions();
        Replies replies = new Replies(tx);
        int length = body.strip().codePointCount(0, body.strip().length());
        if (length > rules.maxLength()) {
            replies.notice(event.roomId(), event.eventId(), "too long", "Sorry " + event.sender() + ", that news is "
                    + length + " characters long; the limit is " + rules.maxLength() + ". Please shorten it and post again.");
            return Optional.empty();
        }
        if (length < rules.minLength() && !bypassMinLength) {
            replies.notice(event.roomId(), event.eventId(), "too short", "Thanks " + event.sender() + "! That news is only "
                    + length + " characters; submissions need at least " + rules.minLength()
                    + ". Add some details and post it again (or edit it).");
            return Optional.empty();
        }
        Edition edition = openEdition(tx);
        Submission s = tx.submissions().insert(edition.id(), event.eventId(), event.roomId(), event.sender(),
                event.originServerTs(), body, html).orElseThrow();
        log.info("stored submission #{} from {} ({})", s.number(), event.sender(), event.eventId());
        if (!rules.ackReaction().isEmpty()) replies.react(event.roomId(), event.eventId(), rules.ackReaction());
        if (!rules.ackText().isEmpty()) {
            replies.notice(event.roomId(), event.eventId(), "ack", rules.ackText().replace("{user}", event.sender()));
        }
        return Optional.of(s);
    }

    /** The latest edit by the original sender replaces the stored text. */
    void edit(StoreTx tx, Action.Edit edit) throws SQLException {
        Optional<Submission> target = tx.submissions().byEventId(edit.targetEventId());
        if (target.isEmpty()) return;
        Submission s = target.get();
        RoomEvent e = edit.event();
        if (!e.sender().equals(s.sender())) {
            log.warn("ignoring edit {} of #{}: {} is not the author", e.eventId(), s.number(), e.sender());
            return;
        }
        if (s.editedTs() != null && s.editedTs() > e.originServerTs()) return; // an older edit arriving late
        var text = ctx.submissionText().asSubmission(edit.newBody(), edit.newHtml());
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
