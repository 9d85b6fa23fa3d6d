package org.twimbot.bot;

import java.sql.SQLException;
import org.twimbot.commands.CommandRunner;
import org.twimbot.curation.BotContext;
import org.twimbot.curation.Curator;
import org.twimbot.curation.HintBudget;
import org.twimbot.curation.MediaDesk;
import org.twimbot.curation.Refusals;
import org.twimbot.curation.SubmissionDesk;
import org.twimbot.intake.Action;
import org.twimbot.ping.Pong;
import org.twimbot.store.StoreTx;

/**
 * Applies one action to the store inside the batch transaction, queueing any reply in the
 * outbox. The one place where the meaning of each action kind is decided.
 */
public final class ActionApplier {
    private final SubmissionDesk submissions;
    private final MediaDesk media;
    private final Curator curation;
    private final CommandRunner commands;
    private final BotContext ctx;

    public ActionApplier(BotContext ctx) {
        Refusals refusals = new Refusals(ctx.clock());
        HintBudget hints = new HintBudget(ctx.clock());
        this.submissions = new SubmissionDesk(ctx, hints);
        this.media = new MediaDesk(ctx);
        this.curation = new Curator(ctx, refusals, submissions, media);
        this.commands = new CommandRunner(ctx, refusals, hints, curation, submissions, media);
        this.ctx = ctx;
    }

    public void apply(StoreTx tx, Action action) throws SQLException {
        if (action instanceof Action.Submit s) {
            submissions.submit(tx, s);
        } else if (action instanceof Action.React r) {
            curation.react(tx, r);
        } else if (action instanceof Action.Redact r) {
            curation.redact(tx, r);
        } else if (action instanceof Action.Command c) {
            commands.run(tx, c);
        } else if (action instanceof Action.Media m) {
            media.media(tx, m);
        } else if (action instanceof Action.Edit e) {
            submissions.edit(tx, e);
        } else if (action instanceof Action.Chatter c) {
            submissions.remember(tx, c);
        } else if (action instanceof Action.Pong p) {
            // filed under the week open now, as news is: the Dept of Ping of a draft is the week's answers
            long edition = ctx.openEdition(tx).id();
            tx.pongs()
                    .add(
                            p.origin().eventId(),
                            edition,
                            p.origin().roomId(),
                            new Pong(p.server(), p.ms()),
                            p.origin().originTs());
        } else if (action instanceof Action.Member m) {
            if (m.origin().sender().equals(m.userId())) {
                tx.members().upsert(m.origin().roomId(), m.userId(), m.displayName(), m.membership());
            } else {
                // an invite or kick is written by someone else: its displayname is theirs to choose, not the user's
                // name
                tx.members().setMembership(m.origin().roomId(), m.userId(), m.membership());
            }
        }
    }
}
