package org.twimbot.commands;

import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.twimbot.curation.BotContext;
import org.twimbot.curation.Curator;
import org.twimbot.curation.HintBudget;
import org.twimbot.curation.MediaDesk;
import org.twimbot.curation.Refusals;
import org.twimbot.curation.SubmissionDesk;
import org.twimbot.intake.Action;
import org.twimbot.outbox.Replies;
import org.twimbot.store.StoreTx;

/**
 * Runs editors' {@code !commands}: checks where and who asks, finds the command, answers in the editors room (a
 * non-editor's own {@code !twim} is answered where it was typed).
 */
public final class CommandRunner {
    private static final Logger log = LoggerFactory.getLogger(CommandRunner.class);
    /**
     * Commands that act on the submission they reply to: curation, which editors may do where the news is, as with
     * reactions (and {@code !twim}, which authors may use on their own message). With a separate editors room, these
     * are the only commands in the submissions room.
     */
    private static final Set<String> REPLY_COMMANDS =
            Set.of("twim", "project", "section", "reject", "restore", "unassign", "attach");

    private final Map<String, Command> commands = new LinkedHashMap<>();
    private final BotContext ctx;
    private final Refusals refusals;
    private final HintBudget hints;

    public CommandRunner(
            BotContext ctx,
            Refusals refusals,
            HintBudget hints,
            Curator curator,
            SubmissionDesk submissions,
            MediaDesk media) {
        this.ctx = ctx;
        this.refusals = refusals;
        this.hints = hints;
        commands.put("help", new Command("help", "the commands, one line each", (tx, c, a) -> a.say(helpText())));
        new ItemCommands(ctx, curator, submissions, media).register(commands);
        new EditionCommands(ctx).register(commands);
        new CatalogCommands(ctx).register(commands);
        new AboutCommand(ctx).register(commands);
    }

    public void run(StoreTx tx, Action.Command c) throws SQLException {
        String sender = c.origin().sender();
        boolean editor = ctx.editors().isEditor(tx, sender);
        boolean projectAdd = "project".equals(c.name())
                && !c.args().isEmpty()
                && "add".equalsIgnoreCase(c.args().get(0));
        boolean replyCommand = c.replyTo() != null && REPLY_COMMANDS.contains(c.name()) && !projectAdd;
        // the editors' answers (status, draft, audit) go to their room: the public room must never see them
        String answerRoom = editor ? ctx.editorsRoomId() : c.origin().roomId();
        Command.Answer answer = new Command.Answer(new Replies(tx), c, hints, answerRoom);
        if (inPublicRoom(c) && !replyCommand) {
            log.info(
                    "not running !{} from {} in the submissions room: commands belong in the editors room",
                    c.name(),
                    sender);
            if (refusals.mayRefuse(sender)) {
                answer.sayTo(
                        sender,
                        editor
                                ? "Sorry {user}, bot commands work in the editors room, not here (only replies to a "
                                        + "submission, like "
                                        + ctx.config().commands().prefix() + "project KEY, work here)."
                                : REFUSAL);
            }
            return;
        }
        boolean authorsOwnTwim = "twim".equals(c.name()) && c.replyTo() != null;
        if (!editor && !authorsOwnTwim) {
            log.info("refusing !{} from non-editor {}", c.name(), sender);
            if (refusals.mayRefuse(sender)) {
                answer.sayTo(sender, REFUSAL);
            }
            return;
        }
        Command command = commands.get(projectAdd ? "project-add" : c.name());
        String prefix = ctx.config().commands().prefix();
        if (command == null) {
            answer.hint("Unknown command " + prefix + c.name() + ". " + prefix + "help lists the commands.");
            return;
        }
        log.info("command !{} from {}", c.name(), sender);
        command.handler().run(tx, c, answer);
    }

    /** With a separate editors room, the submissions room is public: commands typed there are not run. */
    private boolean inPublicRoom(Action.Command c) {
        return !ctx.editorsRoomId().equals(ctx.submissionsRoomId())
                && c.origin().roomId().equals(ctx.submissionsRoomId());
    }

    private static final String REFUSAL =
            "Sorry {user}, only editors can use bot commands. To submit news, start your message with \"TWIM:\".";

    private String helpText() {
        String prefix = ctx.config().commands().prefix();
        StringBuilder sb = new StringBuilder("twimbot commands (N is an item number from " + prefix + "status; "
                + "reply-commands act on the message they reply to):");
        commands.values()
                .forEach(c -> sb.append('\n')
                        .append(prefix)
                        .append(c.usage())
                        .append(" — ")
                        .append(c.help()));
        return sb.toString();
    }
}
