package org.twimbot.commands;

import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.twimbot.config.BuildInfo;
import org.twimbot.curation.BotContext;
import org.twimbot.intake.Action;
import org.twimbot.store.StoreTx;

/** {@code !about}: version, uptime, homeserver and counts — never a secret. */
final class AboutCommand {
    private final BotContext ctx;
    private final Instant started;

    AboutCommand(BotContext ctx) {
        this.ctx = ctx;
        this.started = ctx.clock().instant();
    }

    void register(Map<String, Command> commands) {
        commands.put("about", new Command("about", "version, uptime, homeserver, counts", this::about));
    }

    private void about(StoreTx tx, Action.Command c, Command.Answer a) throws SQLException {
        Duration up = Duration.between(started, ctx.clock().instant());
        long editions = tx.editions().all().size();
        a.say("twimbot " + BuildInfo.version() + " — up " + up.toDays() + "d " + up.toHoursPart() + "h "
                + up.toMinutesPart() + "m"
                + "\nhomeserver: " + ctx.config().homeserver().url() + " as " + ctx.botUserId()
                + "\nsubmissions: " + tx.submissions().count() + " in " + editions
                + (editions == 1 ? " edition" : " editions")
                + "; catalog: " + ctx.catalog(tx).sections().size() + " sections, "
                + ctx.catalog(tx).projects().size() + " projects");
    }
}
