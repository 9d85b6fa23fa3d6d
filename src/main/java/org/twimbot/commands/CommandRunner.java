package org.twimbot.commands;

import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.twimbot.intake.Action;
import org.twimbot.store.StoreTx;

/** Runs editors' {@code !commands}: checks who asks, finds the command, answers in the same room. */
final class CommandRunner {
    private static final Logger log = LoggerFactory.getLogger(CommandRunner.class);

    private final Map<String, Command> commands = new LinkedHashMap<>();
    private final BotContext ctx;
    private final Refusals refusals;
    private final HintBudget hints;

    CommandRunner(BotContext ctx, Refusals refusals, HintBudget hints, Curator curator, SubmissionDesk submissions, MediaDesk media) {
        this.ctx = ctx;
        this.refusals = refusals;
        this.hints = hints;
        commands.put("help", new Command("help", "the commands, one line each", (tx, c, a) -> a.say(helpText())));
        new ItemCommands(ctx, curator, submissions, media).register(commands);
        new EditionCommands(ctx).register(commands);
        new CatalogCommands(ctx).register(commands);
        new AboutCommand(ctx).register(commands);
    }

    void run(StoreTx tx, Action.Command c) throws SQLException {
        String sender = c.event().sender();
        Command.Answer answer = new Command.Answer(new Replies(tx), c, hints);
        boolean authorsOwnTwim = "twim".equals(c.name()) && c.replyTo() != null;
        if (!ctx.editors().isEditor(sender) && !authorsOwnTwim) {
            log.info("refusing !{} from non-editor {}", c.name(), sender);
            if (refusals.mayRefuse(sender)) {
                answer.sayTo(sender, "Sorry {user}, only editors can use bot commands. To submit news, start your "
                        + "message with \"TWIM:\".");
            }
            return;
        }
        boolean projectAdd = "project".equals(c.name()) && !c.args().isEmpty() && "add".equalsIgnoreCase(c.args().get(0));
        Command command = commands.get(projectAdd ? "project-add" : c.name());
        String prefix = ctx.config().commands().prefix();
        if (command == null) {
            answer.hint("Unknown command " + prefix + c.name() + ". " + prefix + "help lists the commands.");
            return;
        }
        log.info("command !{} from {}", c.name(), sender);
        command.handler().run(tx, c, answer);
    }

    private String helpText() {
        String prefix = ctx.config().commands().prefix();
        StringBuilder sb = new StringBuilder("twimbot commands (N is an item number from " + prefix + "status; "
                + "reply-commands act on the message they reply to):");
        commands.values().forEach(c -> sb.append('\n').append(prefix).append(c.usage()).append(" — ").append(c.help()));
        return sb.toString();
    }
}
