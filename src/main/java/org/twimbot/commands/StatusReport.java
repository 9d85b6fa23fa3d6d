package org.twimbot.commands;

import java.sql.SQLException;
import java.util.List;
import java.util.stream.Collectors;
import org.twimbot.curation.BotContext;
import org.twimbot.curation.Excerpt;
import org.twimbot.curation.SubmissionDesk;
import org.twimbot.publish.DraftSource;
import org.twimbot.store.Edition;
import org.twimbot.store.FailedEventsTable;
import org.twimbot.store.MessagesTable;
import org.twimbot.store.Placement;
import org.twimbot.store.Posted;
import org.twimbot.store.StoreTx;
import org.twimbot.store.Submission;

/** The {@code !status} listing: one line per item of the open week. */
public final class StatusReport {
    private final BotContext ctx;
    private final SubmissionDesk submissions;

    StatusReport(BotContext ctx, SubmissionDesk submissions) {
        this.ctx = ctx;
        this.submissions = submissions;
    }

    String render(StoreTx tx, Edition edition) throws SQLException {
        List<Submission> all = tx.submissions().ofEdition(edition.id());
        StringBuilder sb = new StringBuilder("Edition " + edition.date() + ": ");
        long live = all.stream().filter(Submission::live).count();
        sb.append(live).append(live == 1 ? " item" : " items");
        for (Submission s : all) {
            if (s.deleted() || s.withdrawn()) continue;
            sb.append("\n#")
                    .append(s.number())
                    .append(' ')
                    .append(DraftSource.displayName(tx, s.roomId(), s.sender()))
                    .append(" — ")
                    .append(
                            s.rejected()
                                    ? "rejected"
                                    : placement(tx.placements().active(s.id())))
                    .append(" — ")
                    .append(Excerpt.of(s.body()))
                    .append(' ')
                    .append(BotContext.link(s.roomId(), s.eventId()));
            if (!s.rejected() && tx.placements().active(s.id()).stream().allMatch(Placement::provisional)) {
                // not yet decided by an editor: the new project the bot proposes, created by reacting with it
                submissions
                        .decide(tx, s)
                        .proposal()
                        .ifPresent(p -> sb.append(" — proposed new project: ")
                                .append(p.title())
                                .append(" (react ")
                                .append(SubmissionDesk.NEW_PROJECT)
                                .append(p.title())
                                .append(" ?)"));
            }
            int media = tx.media().ofSubmission(s.id()).size();
            if (media > 0) sb.append(" (").append(media).append(media == 1 ? " attachment)" : " attachments)");
            // replies in the thread are offered, never merged: the author may be answering a question
            for (MessagesTable.Message m : tx.messages().followUps(s.eventId(), s.sender())) {
                Posted f = m.posted();
                sb.append("\n    ↳ follow-up: ")
                        .append(Excerpt.of(f.body()))
                        .append(' ')
                        .append(BotContext.link(f.roomId(), f.eventId()));
            }
        }
        failures(tx, edition, sb);
        return sb.toString();
    }

    /** Events of this week that failed and were skipped: the editors should know what the bot did not take in. */
    private static void failures(StoreTx tx, Edition edition, StringBuilder sb) throws SQLException {
        List<FailedEventsTable.Failure> failed = tx.failedEvents().since(edition.openedAt());
        if (failed.isEmpty()) return;
        sb.append("\n")
                .append(failed.size())
                .append(
                        failed.size() == 1
                                ? " event could not be applied and was skipped"
                                : " events could not be applied and were skipped")
                .append(" (the log has the details):");
        for (FailedEventsTable.Failure f : failed.subList(Math.max(0, failed.size() - 5), failed.size())) {
            sb.append("\n    ")
                    .append(BotContext.link(f.roomId(), f.eventId()))
                    .append(" — ")
                    .append(Excerpt.of(f.reason()));
        }
    }

    private static String placement(List<Placement> placements) {
        if (placements.isEmpty()) return "unassigned";
        return placements.stream()
                .map(p -> (p.provisional() ? "suggested " : "") + p.key())
                .collect(Collectors.joining(", "));
    }
}
