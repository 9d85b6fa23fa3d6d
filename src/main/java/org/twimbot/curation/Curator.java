package org.twimbot.curation;

import java.sql.SQLException;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.twimbot.catalog.Catalog;
import org.twimbot.catalog.Project;
import org.twimbot.intake.Action;
import org.twimbot.intake.Origin;
import org.twimbot.outbox.Replies;
import org.twimbot.placement.NewProject;
import org.twimbot.publish.DraftSource;
import org.twimbot.store.Placement;
import org.twimbot.store.StoreTx;
import org.twimbot.store.Submission;
import org.twimbot.store.SubmissionRef;
import org.twimbot.store.SubmissionsTable;

/**
 * Editors' decisions on submissions — place, reject, restore, unassign — whether made by reaction
 * or by command, and the redactions that undo them. Every change posts one audit line.
 */
public final class Curator {
    private static final Logger log = LoggerFactory.getLogger(Curator.class);
    private final BotContext ctx;
    private final Refusals refusals;
    private final SubmissionDesk submissions;
    private final MediaDesk media;

    public Curator(BotContext ctx, Refusals refusals, SubmissionDesk submissions, MediaDesk media) {
        this.ctx = ctx;
        this.refusals = refusals;
        this.submissions = submissions;
        this.media = media;
    }

    public void react(StoreTx tx, Action.React r) throws SQLException {
        String key = Catalog.normalizeKey(r.key());
        String sender = r.origin().sender();
        if (key.equals(Catalog.normalizeKey(ctx.config().submissions().submitEmoji()))) {
            if (!media.attachByReaction(tx, r.targetEventId(), sender)) {
                submissions.submitRemembered(tx, r.targetEventId(), sender, SubmissionsTable.Via.REACTION);
            }
            return;
        }
        if (key.startsWith(SubmissionDesk.NEW_PROJECT.strip())) {
            createProposed(
                    tx,
                    r,
                    key.substring(SubmissionDesk.NEW_PROJECT.strip().length()).strip());
            return;
        }
        boolean reject = key.equals(Catalog.normalizeKey(ctx.config().curation().rejectEmoji()));
        Optional<PlacementTarget> placement = reject ? Optional.empty() : PlacementTarget.resolve(ctx.catalog(tx), key);
        if (!reject && placement.isEmpty())
            return; // an ordinary reaction (🎉), not curation: no need to look anything up
        Optional<SubmissionRef> target = tx.submissions().refByEventId(r.targetEventId());
        if (target.isEmpty() || archived(tx, target.get())) return;
        if (!ctx.editors().isEditor(tx, sender)) {
            refuse(tx, r.origin().roomId(), r.origin().eventId(), sender);
            return;
        }
        if (reject) {
            reject(tx, target.get(), r.origin());
        } else {
            place(tx, target.get(), placement.get(), r.origin());
        }
    }

    /**
     * An editor's "🆕 Name" reaction on news: the project the bot proposed for it is created (title, website
     * and section as the model found them) and the news filed under it. A name the bot did not propose for
     * this news creates nothing: a reaction is no place to type a project.
     */
    private void createProposed(StoreTx tx, Action.React r, String title) throws SQLException {
        Optional<Submission> target = tx.submissions().byEventId(r.targetEventId());
        if (target.isEmpty() || archived(tx, target.get()) || title.isEmpty()) return;
        String sender = r.origin().sender();
        if (!ctx.editors().isEditor(tx, sender)) {
            refuse(tx, r.origin().roomId(), r.origin().eventId(), sender);
            return;
        }
        Optional<NewProject> proposal = submissions
                .decide(tx, target.get())
                .proposal()
                .filter(p -> p.title().equals(title));
        Catalog catalog = ctx.catalog(tx);
        Optional<Project> known = catalog.projectByKey(title);
        if (proposal.isEmpty() && known.isEmpty()) {
            log.info(
                    "{} reacted {} on #{}, which the bot did not propose",
                    sender,
                    title,
                    target.get().number());
            return;
        }
        Project project = known.orElseGet(() -> new Project(
                title,
                title,
                "",
                proposal.get().website(),
                proposal.get().section(),
                List.of(),
                List.of(target.get().sender())));
        if (known.isEmpty()) {
            tx.catalogProjects().put(project, sender, ctx.clock().millis());
            ctx.catalog().set(tx, catalog.withProjects(List.of(project)));
            log.info("project {} added from the bot's proposal by {}", project.key(), sender);
            ctx.audit(
                    tx,
                    r.origin().eventId(),
                    "Project " + project.key() + " (" + project.title()
                            + (project.website().isEmpty() ? "" : ", " + project.website())
                            + (project.section().isEmpty() ? ", no section yet" : ", " + project.section())
                            + ") added by " + sender
                            + " from the bot's proposal");
        }
        Optional<PlacementTarget> placement = PlacementTarget.resolve(ctx.catalog(tx), project.key());
        if (placement.isPresent()) {
            place(tx, target.get(), placement.get(), r.origin());
        }
    }

    /** Places a submission; an editor's decision replaces the bot's provisional suggestion. */
    public void place(StoreTx tx, SubmissionRef s, PlacementTarget target, Origin by) throws SQLException {
        String sourceEventId = by.eventId();
        String editor = by.sender();
        long ts = by.originTs();
        tx.placements().removeProvisional(s.id());
        Placement.Kind kind = target.isSection() ? Placement.Kind.SECTION : Placement.Kind.PROJECT;
        tx.placements().add(s.id(), kind, target.key(), sourceEventId, editor, false, ts);
        log.info("#{} placed in {} by {}", s.number(), target.describe(), editor);
        ctx.audit(
                tx,
                sourceEventId,
                "#" + s.number() + " → " + target.describe() + " (by " + name(tx, editor) + ") " + link(s));
    }

    public void reject(StoreTx tx, SubmissionRef s, Origin by) throws SQLException {
        String sourceEventId = by.eventId();
        String editor = by.sender();
        long ts = by.originTs();
        tx.rejections().add(s.id(), sourceEventId, editor, ts);
        tx.submissions().setRejected(s.id(), true);
        log.info("#{} rejected by {}", s.number(), editor);
        ctx.audit(
                tx,
                sourceEventId,
                "#" + s.number() + " rejected by " + name(tx, editor) + "; it stays out of the draft " + link(s));
    }

    public void restore(StoreTx tx, SubmissionRef s, Origin by) throws SQLException {
        String sourceEventId = by.eventId();
        String editor = by.sender();
        tx.rejections().removeAll(s.id());
        tx.submissions().setRejected(s.id(), false);
        log.info("#{} restored by {}", s.number(), editor);
        ctx.audit(tx, sourceEventId, "#" + s.number() + " restored by " + name(tx, editor) + " " + link(s));
    }

    public void unassign(StoreTx tx, SubmissionRef s, Origin by) throws SQLException {
        String sourceEventId = by.eventId();
        String editor = by.sender();
        int removed = tx.placements().removeAll(s.id());
        log.info("#{} unassigned by {} ({} placements removed)", s.number(), editor, removed);
        ctx.audit(tx, sourceEventId, "#" + s.number() + " unassigned by " + name(tx, editor) + " " + link(s));
    }

    /** Redacting a submission withdraws it; redacting a curation reaction undoes exactly that reaction. */
    public void redact(StoreTx tx, Action.Redact r) throws SQLException {
        String by = r.origin().sender();
        Optional<SubmissionRef> submission = tx.submissions().refByEventId(r.targetEventId());
        if (submission.isPresent()) {
            SubmissionRef s = submission.get();
            if (archived(tx, s)) return;
            // the homeserver already removed the message; the post must not keep what the room no longer shows
            tx.submissions().markDeleted(s.id(), true);
            log.info("submission #{} redacted by {}", s.number(), by);
            ctx.audit(
                    tx,
                    r.origin().eventId(),
                    "#" + s.number() + " was deleted by " + name(tx, by) + " and leaves the draft");
            return;
        }
        submissions.redactEdit(tx, r.targetEventId());
        tx.messages().forget(r.targetEventId()); // a deleted chat line can no longer be submitted
        List<Placement> undone = tx.placements().removeBySource(r.targetEventId());
        for (Placement p : undone) {
            Submission s = tx.submissions().byId(p.submissionId()).orElseThrow();
            if (archived(tx, s)) {
                tx.placements()
                        .restore(p.id()); // a published week is history: withdrawing a reaction now changes nothing
                continue;
            }
            log.info("#{} no longer in {}", s.number(), p.key());
            ctx.audit(
                    tx,
                    r.origin().eventId(),
                    "#" + s.number() + " removed from " + p.key() + " (reaction withdrawn by " + name(tx, by) + ")");
        }
        for (long id : tx.rejections().removeBySource(r.targetEventId())) {
            Submission s = tx.submissions().byId(id).orElseThrow();
            if (archived(tx, s)) continue;
            if (!tx.rejections().isRejected(id)) tx.submissions().setRejected(id, false);
            ctx.audit(
                    tx,
                    r.origin().eventId(),
                    "#" + s.number() + " no longer rejected (reaction withdrawn by " + name(tx, by) + ")");
        }
        if (tx.media().detach(r.targetEventId())) log.info("media {} detached (redacted)", r.targetEventId());
    }

    /** Submissions of published editions are history; room events no longer change them ({@code !reopen} first). */
    static boolean archived(StoreTx tx, SubmissionRef s) throws SQLException {
        return tx.editions().byId(s.editionId()).map(e -> !e.open()).orElse(false);
    }

    void refuse(StoreTx tx, String roomId, String causeEventId, String sender) throws SQLException {
        log.info("ignoring curation by non-editor {} ({})", sender, causeEventId);
        if (refusals.mayRefuse(sender)) {
            new Replies(tx)
                    .noticeTo(
                            roomId,
                            causeEventId,
                            "refusal",
                            sender,
                            "Sorry {user}, only editors can sort, reject or submit other people's news.");
        }
    }

    private String link(SubmissionRef s) {
        return BotContext.link(s.roomId(), s.eventId());
    }

    /** Audit lines name people without notifying them: display name, not id. */
    private String name(StoreTx tx, String userId) throws SQLException {
        return DraftSource.displayName(tx, ctx.editorsRoomId(), userId);
    }
}
