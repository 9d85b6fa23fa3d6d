package org.twimbot.curation;

import java.sql.SQLException;
import java.time.Duration;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.twimbot.intake.Action;
import org.twimbot.store.MediaEventsTable.MediaEvent;
import org.twimbot.store.StoreTx;
import org.twimbot.store.Submission;
import org.twimbot.store.SubmissionRef;

/**
 * Attaches images, videos and files to submissions: by reply or thread under the sender's own
 * submission, automatically when the sender posts media shortly after their submission with
 * nothing in between, by an editor's submit reaction on the media, or by {@code !attach}.
 */
public final class MediaDesk {
    private static final Logger log = LoggerFactory.getLogger(MediaDesk.class);
    private final BotContext ctx;

    public MediaDesk(BotContext ctx) {
        this.ctx = ctx;
    }

    public void media(StoreTx tx, Action.Media m) throws SQLException {
        var e = m.origin();
        MediaEvent media = new MediaEvent(
                e.eventId(),
                e.roomId(),
                e.sender(),
                e.originTs(),
                m.kind(),
                m.fileName(),
                m.mxcUri(),
                m.mimeType(),
                m.relatedEventId());
        tx.mediaEvents().remember(media);
        if (!e.roomId().equals(ctx.submissionsRoomId())) return;
        Optional<SubmissionRef> target =
                m.relatedEventId() != null ? underOwnSubmission(tx, media) : withinWindow(tx, media);
        if (target.isPresent())
            attach(tx, target.get(), media, "by " + (m.relatedEventId() != null ? "reply" : "time window"));
    }

    /** The media replies to (or is in the thread of) a submission by the same sender. */
    private Optional<SubmissionRef> underOwnSubmission(StoreTx tx, MediaEvent media) throws SQLException {
        return tx.submissions()
                .refByEventId(media.relatedEventId())
                .filter(s -> s.sender().equals(media.sender()));
    }

    /** The sender's latest submission, at most {@code media.attach_window} earlier, with no other text from them between. */
    private Optional<SubmissionRef> withinWindow(StoreTx tx, MediaEvent media) throws SQLException {
        Duration window = ctx.config().media().attachWindow();
        Optional<Submission> latest =
                tx.submissions().latestBy(ctx.openEdition(tx).id(), media.sender(), media.originTs());
        if (latest.isEmpty() || !latest.get().live()) return Optional.empty();
        Submission s = latest.get();
        if (media.originTs() - s.originTs() > window.toMillis()) return Optional.empty();
        if (tx.messages().anyBetween(media.sender(), s.originTs(), media.originTs())) return Optional.empty();
        return Optional.of(s);
    }

    /** An editor's submit reaction on a media message: it goes to the same sender's closest earlier submission this week. */
    boolean attachByReaction(StoreTx tx, String mediaEventId, String editor) throws SQLException {
        Optional<MediaEvent> media = tx.mediaEvents().byEventId(mediaEventId);
        if (media.isEmpty()) return false;
        if (!ctx.editors().isEditor(tx, editor)) return true; // handled: only editors attach other people's media
        Optional<Submission> target = tx.submissions()
                .latestBy(
                        ctx.openEdition(tx).id(),
                        media.get().sender(),
                        media.get().originTs());
        if (target.isPresent()) attach(tx, target.get(), media.get(), "by " + editor);
        return true;
    }

    /** {@code !attach N} (or bare {@code !attach}) as a reply to a media message. */
    public String attachByCommand(StoreTx tx, String mediaEventId, Submission explicit, String editor)
            throws SQLException {
        Optional<MediaEvent> media = tx.mediaEvents().byEventId(mediaEventId);
        if (media.isEmpty()) return "The message you replied to is not an image, video or file I know.";
        Submission target = explicit;
        if (target == null) {
            Optional<Submission> latest = tx.submissions()
                    .latestBy(
                            ctx.openEdition(tx).id(),
                            media.get().sender(),
                            media.get().originTs());
            if (latest.isEmpty())
                return "There is no earlier submission by " + media.get().sender() + " this week; give a number.";
            target = latest.get();
        }
        attach(tx, target, media.get(), "by " + editor);
        return null;
    }

    private void attach(StoreTx tx, SubmissionRef s, MediaEvent media, String how) throws SQLException {
        if (Curator.archived(tx, s)) return; // the published post is history
        if (overCap(tx, s, media)) return;
        if (!tx.media().attach(s.id(), media)) return;
        log.info("attached {} {} to #{} {}", media.kind(), media.eventId(), s.number(), how);
        ctx.audit(
                tx,
                media.eventId(),
                media.kind() + " attached to #" + s.number() + " (" + how + ") "
                        + BotContext.link(s.roomId(), s.eventId()));
    }

    /**
     * At most {@code media.max_per_item} attachments per submission, each downloaded for every draft: one more is
     * refused with an audit line naming it, so the editors can detach another and attach this one.
     */
    private boolean overCap(StoreTx tx, SubmissionRef s, MediaEvent media) throws SQLException {
        int cap = ctx.config().media().maxPerItem();
        var attached = tx.media().ofSubmission(s.id());
        if (attached.size() < cap || attached.stream().anyMatch(a -> a.eventId().equals(media.eventId()))) return false;
        log.info(
                "{} {} not attached to #{}: it has {} attachments already (media.max_per_item)",
                media.kind(),
                media.eventId(),
                s.number(),
                attached.size());
        ctx.audit(
                tx,
                media.eventId(),
                media.kind() + " not attached to #"
                        + s.number() + ": it has " + cap + " attachments already (media.max_per_item). "
                        + BotContext.link(media.roomId(), media.eventId()));
        return true;
    }
}
