package org.twimbot.commands;

import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.twimbot.intake.Action;
import org.twimbot.store.Edition;
import org.twimbot.store.StoreTx;

/** Runs editors' {@code !commands}; answers go to the room the command came from. */
final class CommandRunner {
    private static final Logger log = LoggerFactory.getLogger(CommandRunner.class);

    /** One line of {@code !help} per command, in the order editors use them. */
    private final Map<String, String> help = new LinkedHashMap<>();
    private final BotContext ctx;
    private final Refusals refusals;
    private final StatusReport status;

    CommandRunner(BotContext ctx, Refusals refusals) {
        this.ctx = ctx;
        this.refusals = refusals;
        this.status = new StatusReport(ctx);
        help.put("help", "the commands, one line each");
        help.put("status", "the open week's items: number, sender, placement, excerpt");
        help.put("draft", "render the open week as a Markdown post and upload it here");
    }

    void run(StoreTx tx, Action.Command c) throws SQLException {
        String sender = c.event().sender();
        Replies replies = new Replies(tx);
        if (!ctx.editors().isEditor(sender)) {
            log.info("refusing !{} from non-editor {}", c.name(), sender);
            if (refusals.mayRefuse(sender)) {
                replies.notice(c.event().roomId(), c.event().eventId(), "refusal",
                        "Sorry " + sender + ", only editors can use bot commands. Post your news starting with \"TWIM:\".");
            }
            return;
        }
        log.info("command !{} from {}", c.name(), sender);
        String prefix = ctx.config().commands().prefix();
        switch (c.name()) {
            case "help" -> replies.notice(c.event().roomId(), c.event().eventId(), "help", helpText(prefix));
            case "status" -> replies.notice(c.event().roomId(), c.event().eventId(), "status",
                    status.render(tx, openEdition(tx)));
            case "draft" -> replies.draft(c.event().roomId(), c.event().eventId(), openEdition(tx).id(), sender);
            default -> replies.notice(c.event().roomId(), c.event().eventId(), "unknown",
                    "Unknown command " + prefix + c.name() + ". Try " + prefix + "help.");
        }
    }

    private String helpText(String prefix) {
        StringBuilder sb = new StringBuilder("twimbot commands:");
        help.forEach((name, what) -> sb.append('\n').append(prefix).append(name).append(" — ").append(what));
        return sb.toString();
    }

    private Edition openEdition(StoreTx tx) throws SQLException {
        return tx.editions().openOrCreate(ctx.calendar().publicationDate(ctx.clock().instant()), ctx.clock().millis());
    }

    List<String> commandNames() {
        return List.copyOf(help.keySet());
    }
}
