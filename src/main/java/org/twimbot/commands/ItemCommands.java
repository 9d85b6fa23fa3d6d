package org.twimbot.commands;

import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.twimbot.curation.BotContext;
import org.twimbot.curation.Curator;
import org.twimbot.curation.MediaDesk;
import org.twimbot.curation.PlacementTarget;
import org.twimbot.curation.SubmissionDesk;
import org.twimbot.intake.Action;
import org.twimbot.store.Edition;
import org.twimbot.store.StoreTx;
import org.twimbot.store.Submission;
import org.twimbot.store.SubmissionsTable;

/** Commands on one item, by number ({@code !assign 3 Synapse}) or as a reply to it ({@code !project Synapse}). */
final class ItemCommands {
    private final BotContext ctx;
    private final Curator curator;
    private final SubmissionDesk submissions;
    private final MediaDesk media;
    private final StatusReport status;

    ItemCommands(BotContext ctx, Curator curator, SubmissionDesk submissions, MediaDesk media) {
        this.ctx = ctx;
        this.curator = curator;
        this.submissions = submissions;
        this.media = media;
        this.status = new StatusReport(ctx, submissions);
    }

    void register(Map<String, Command> commands) {
        commands.put(
                "status",
                new Command(
                        "status",
                        "the open week's items: number, sender, placement, excerpt, link",
                        (tx, c, a) -> a.say(status.render(tx, ctx.openEdition(tx)))));
        commands.put(
                "assign",
                new Command(
                        "assign N KEY",
                        "put item N in a section (emoji or key) or under a project",
                        (tx, c, a) -> place(tx, c, a, true)));
        commands.put(
                "project",
                new Command(
                        "project KEY",
                        "(as a reply) put that item under a project",
                        (tx, c, a) -> place(tx, c, a, false)));
        commands.put(
                "section",
                new Command(
                        "section KEY",
                        "(as a reply) put that item in a section",
                        (tx, c, a) -> place(tx, c, a, false)));
        commands.put(
                "unassign", new Command("unassign N", "remove item N from every section and project", (tx, c, a) -> {
                    Optional<Submission> s = target(tx, c, a);
                    if (s.isPresent()) curator.unassign(tx, s.get(), c.origin());
                }));
        commands.put("reject", new Command("reject N", "keep item N out of the post (or reply !reject)", (tx, c, a) -> {
            Optional<Submission> s = target(tx, c, a);
            if (s.isPresent()) curator.reject(tx, s.get(), c.origin());
        }));
        commands.put("restore", new Command("restore N", "undo a rejection", (tx, c, a) -> {
            Optional<Submission> s = target(tx, c, a);
            if (s.isPresent()) curator.restore(tx, s.get(), c.origin());
        }));
        commands.put("twim", new Command("twim", "(as a reply) submit that message as news", this::twim));
        commands.put(
                "attach",
                new Command(
                        "attach [N]",
                        "(as a reply to an image, video or file) attach it to item N, "
                                + "or to the sender's latest item",
                        this::attach));
    }

    private void place(StoreTx tx, Action.Command c, Command.Answer a, boolean byNumber) throws SQLException {
        List<String> args = c.args();
        String key = byNumber ? (args.size() >= 2 ? String.join(" ", args.subList(1, args.size())) : "") : c.rawArgs();
        if (key.isBlank()) {
            a.hint("Usage: " + ctx.config().commands().prefix()
                    + (byNumber ? "assign N KEY" : c.name() + " KEY (as a reply)"));
            return;
        }
        Optional<PlacementTarget> target = PlacementTarget.resolve(ctx.catalog(tx), key);
        if (target.isEmpty()
                || ("section".equals(c.name()) && !target.get().isSection())
                || ("project".equals(c.name()) && target.get().isSection())) {
            a.hint("I know no "
                    + ("section".equals(c.name())
                            ? "section"
                            : "project".equals(c.name()) ? "project" : "section or project")
                    + " called \"" + key + "\". " + ctx.config().commands().prefix() + "projects and "
                    + ctx.config().commands().prefix() + "sections list them.");
            return;
        }
        Optional<Submission> s = byNumber ? byNumber(tx, args.get(0), a) : replied(tx, c, a);
        if (s.isPresent()) curator.place(tx, s.get(), target.get(), c.origin());
    }

    private void twim(StoreTx tx, Action.Command c, Command.Answer a) throws SQLException {
        if (c.replyTo() == null) {
            a.hint("Reply " + ctx.config().commands().prefix() + "twim to the message that should be submitted.");
            return;
        }
        if (tx.submissions().byEventId(c.replyTo()).isPresent()) {
            a.hint("That message is already submitted.");
            return;
        }
        submissions.submitRemembered(tx, c.replyTo(), c.origin().sender(), SubmissionsTable.Via.COMMAND);
    }

    private void attach(StoreTx tx, Action.Command c, Command.Answer a) throws SQLException {
        if (c.replyTo() == null) {
            a.hint("Reply " + ctx.config().commands().prefix() + "attach N to the image, video or file to attach.");
            return;
        }
        Submission explicit = null;
        if (!c.args().isEmpty()) {
            Optional<Submission> s = byNumber(tx, c.args().get(0), a);
            if (s.isEmpty()) return;
            explicit = s.get();
        }
        String problem =
                media.attachByCommand(tx, c.replyTo(), explicit, c.origin().sender());
        if (problem != null) a.hint(problem);
    }

    /** The item a command is about: the replied-to submission, else the number in the first argument. */
    private Optional<Submission> target(StoreTx tx, Action.Command c, Command.Answer a) throws SQLException {
        if (c.replyTo() != null && c.args().isEmpty()) return replied(tx, c, a);
        if (c.args().isEmpty()) {
            a.hint("Which item? Give its number (" + ctx.config().commands().prefix()
                    + "status lists them) or reply to it.");
            return Optional.empty();
        }
        return byNumber(tx, c.args().get(0), a);
    }

    private Optional<Submission> replied(StoreTx tx, Action.Command c, Command.Answer a) throws SQLException {
        if (c.replyTo() == null) {
            a.hint("Reply to a submission with " + ctx.config().commands().prefix() + c.name() + ".");
            return Optional.empty();
        }
        Optional<Submission> s = tx.submissions().byEventId(c.replyTo());
        if (s.isEmpty()) a.hint("The message you replied to is not a submission.");
        return s;
    }

    private Optional<Submission> byNumber(StoreTx tx, String arg, Command.Answer a) throws SQLException {
        String digits = arg.startsWith("#") ? arg.substring(1) : arg;
        Edition edition = ctx.openEdition(tx);
        try {
            Optional<Submission> s = tx.submissions().byNumber(edition.id(), Integer.parseInt(digits));
            if (s.isEmpty() || s.get().deleted()) {
                a.hint("There is no item #" + digits + " in this week's edition.");
                return Optional.empty();
            }
            return s;
        } catch (NumberFormatException e) {
            a.hint("\"" + arg + "\" is not an item number.");
            return Optional.empty();
        }
    }
}
