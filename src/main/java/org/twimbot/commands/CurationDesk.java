package org.twimbot.commands;

import java.sql.SQLException;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.twimbot.catalog.Catalog;
import org.twimbot.catalog.Project;
import org.twimbot.catalog.Section;
import org.twimbot.intake.Action;
import org.twimbot.store.Placement;
import org.twimbot.store.StoreTx;
import org.twimbot.store.Submission;

/** Editors' reactions on submissions (sections, projects) and the redactions that undo them. */
final class CurationDesk {
    private static final Logger log = LoggerFactory.getLogger(CurationDesk.class);
    private final BotContext ctx;
    private final Refusals refusals;

    CurationDesk(BotContext ctx, Refusals refusals) {
        this.ctx = ctx;
        this.refusals = refusals;
    }

    void react(StoreTx tx, Action.React r) throws SQLException {
        Optional<Submission> target = tx.submissions().byEventId(r.targetEventId());
        if (target.isEmpty()) return;
        Catalog catalog = ctx.currentCatalog();
        Optional<Section> section = catalog.sectionByReaction(r.key());
        Optional<Project> project = section.isPresent() ? Optional.empty() : catalog.projectByReaction(r.key());
        if (section.isEmpty() && project.isEmpty()) return; // an ordinary reaction (🎉), not curation
        String editor = r.event().sender();
        if (!ctx.editors().isEditor(editor)) {
            refuse(tx, r);
            return;
        }
        Submission s = target.get();
        tx.placements().removeProvisional(s.id());
        String what;
        if (section.isPresent()) {
            tx.placements().add(s.id(), Placement.Kind.SECTION, section.get().key(), r.event().eventId(), editor, false,
                    r.event().originServerTs());
            what = "section " + section.get().title();
        } else {
            tx.placements().add(s.id(), Placement.Kind.PROJECT, project.get().key(), r.event().eventId(), editor, false,
                    r.event().originServerTs());
            what = "project " + project.get().title();
        }
        log.info("#{} placed in {} by {}", s.number(), what, editor);
        audit(tx, r.event().eventId(), "#" + s.number() + " → " + what + " (by " + editor + ") "
                + BotContext.link(s.roomId(), s.eventId()));
    }

    /** Redacting a submission withdraws it; redacting a curation reaction undoes exactly that reaction. */
    void redact(StoreTx tx, Action.Redact r) throws SQLException {
        Optional<Submission> submission = tx.submissions().byEventId(r.targetEventId());
        if (submission.isPresent()) {
            Submission s = submission.get();
            if (!r.event().sender().equals(s.sender()) && !ctx.editors().isEditor(r.event().sender())) {
                log.info("redaction {} of #{} by {} is by neither author nor editor; kept", r.event().eventId(), s.number(),
                        r.event().sender());
            }
            // the homeserver already removed the message; the post must not keep what the room no longer shows
            tx.submissions().markDeleted(s.id(), true);
            log.info("submission #{} redacted", s.number());
            audit(tx, r.event().eventId(), "#" + s.number() + " was deleted by " + r.event().sender()
                    + " and leaves the draft");
            return;
        }
        List<Placement> undone = tx.placements().removeBySource(r.targetEventId());
        for (Placement p : undone) {
            Submission s = tx.submissions().byId(p.submissionId()).orElseThrow();
            log.info("#{} no longer in {} {}", s.number(), p.kind().name().toLowerCase(java.util.Locale.ROOT), p.key());
            audit(tx, r.event().eventId(), "#" + s.number() + " removed from " + p.key() + " (reaction withdrawn by "
                    + r.event().sender() + ")");
        }
        if (tx.media().detach(r.targetEventId())) log.info("media {} detached (redacted)", r.targetEventId());
    }

    private void refuse(StoreTx tx, Action.React r) throws SQLException {
        log.info("ignoring curation reaction {} by non-editor {}", r.event().eventId(), r.event().sender());
        if (refusals.mayRefuse(r.event().sender())) {
            new Replies(tx).notice(r.event().roomId(), r.event().eventId(), "refusal", "Sorry " + r.event().sender()
                    + ", only editors can sort news into sections and projects.");
        }
    }

    private void audit(StoreTx tx, String causeEventId, String line) throws SQLException {
        new Replies(tx).notice(ctx.editorsRoomId(), causeEventId, "audit", line);
    }
}
