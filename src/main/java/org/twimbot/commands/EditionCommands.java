package org.twimbot.commands;

import java.net.URI;
import java.net.URISyntaxException;
import java.sql.SQLException;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.twimbot.curation.BotContext;
import org.twimbot.intake.Action;
import org.twimbot.outbox.Replies;
import org.twimbot.store.Edition;
import org.twimbot.store.MessagesTable;
import org.twimbot.store.StoreTx;

/** The week: {@code !draft}, {@code !publish}, {@code !reopen}, {@code !live}. Nothing here deletes news. */
final class EditionCommands {
    private static final Logger log = LoggerFactory.getLogger(EditionCommands.class);
    private final BotContext ctx;

    EditionCommands(BotContext ctx) {
        this.ctx = ctx;
    }

    void register(Map<String, Command> commands) {
        commands.put(
                "draft",
                new Command(
                        "draft",
                        "render the open week as a Markdown post and upload it here",
                        (tx, c, a) -> new Replies(tx)
                                .draft(
                                        a.roomId(),
                                        c.origin().eventId(),
                                        open(tx).id(),
                                        c.origin().sender())));
        commands.put(
                "bundle",
                new Command(
                        "bundle",
                        "a zip of the draft and every picture and video, named as the post references them",
                        (tx, c, a) -> new Replies(tx)
                                .bundle(
                                        a.roomId(),
                                        c.origin().eventId(),
                                        open(tx).id(),
                                        c.origin().sender())));
        commands.put(
                "live",
                new Command(
                        "live URL",
                        "set the week's Matrix Live video (\""
                                + ctx.config().commands().prefix() + "live off\" clears it)",
                        this::live));
        commands.put(
                "publish", new Command("publish", "close the open week (archived) and open the next", this::publish));
        commands.put("reopen", new Command("reopen", "undo the last publish", this::reopen));
    }

    private void live(StoreTx tx, Action.Command c, Command.Answer a) throws SQLException {
        Edition edition = open(tx);
        String arg = c.rawArgs();
        if (arg.isEmpty()) {
            a.say(
                    edition.liveUrl().isEmpty()
                            ? "No Matrix Live video is set for " + edition.date() + "."
                            : "Matrix Live for " + edition.date() + ": " + edition.liveUrl());
            return;
        }
        String url = "off".equalsIgnoreCase(arg) ? "" : arg;
        if (!url.isEmpty() && !isWebUrl(url)) {
            a.hint("\"" + arg + "\" is not an http(s) link.");
            return;
        }
        tx.editions().setLiveUrl(edition.id(), url);
        ctx.audit(
                tx,
                c.origin().eventId(),
                url.isEmpty()
                        ? "Matrix Live video cleared by " + a.name(c.origin().sender())
                        : "Matrix Live video set to " + url + " by "
                                + a.name(c.origin().sender()));
    }

    private void publish(StoreTx tx, Action.Command c, Command.Answer a) throws SQLException {
        Edition edition = open(tx);
        long items = tx.submissions().ofEdition(edition.id()).stream()
                .filter(s -> s.live())
                .count();
        long now = ctx.clock().millis();
        tx.editions().publish(edition.id(), now);
        // chat is remembered only so it can still be submitted (with ⭕ or !twim, or by an edit) for as long as the
        // room's
        // chat memory keeps it anyway; weekly is often enough to forget the old
        tx.messages().forgetBefore(now - MessagesTable.MAX_AGE.toMillis());
        Edition next = tx.editions()
                .openOrCreate(
                        ctx.calendar().nextAfter(edition.date(), ctx.clock().instant()), now);
        log.info(
                "edition {} published by {}; next is {}",
                edition.date(),
                c.origin().sender(),
                next.date());
        ctx.audit(
                tx,
                c.origin().eventId(),
                "Edition " + edition.date() + " published by "
                        + a.name(c.origin().sender()) + " with " + items
                        + " items (archived). News now goes to the edition of " + next.date() + ". "
                        + ctx.config().commands().prefix() + "reopen undoes this.");
    }

    private void reopen(StoreTx tx, Action.Command c, Command.Answer a) throws SQLException {
        Optional<Edition> last = tx.editions().lastPublished();
        if (last.isEmpty()) {
            a.hint("No edition has been published yet.");
            return;
        }
        Edition current = open(tx);
        int moved = tx.submissions().moveToEdition(current.id(), last.get().id());
        tx.pongs().moveToEdition(current.id(), last.get().id());
        tx.editions().deleteIfEmpty(current.id());
        tx.editions().reopen(last.get().id());
        log.info(
                "edition {} reopened by {} ({} newer items moved into it)",
                last.get().date(),
                c.origin().sender(),
                moved);
        ctx.audit(
                tx,
                c.origin().eventId(),
                "Edition " + last.get().date() + " reopened by "
                        + a.name(c.origin().sender())
                        + (moved > 0 ? "; the " + moved + " items posted since moved into it" : "") + ".");
    }

    private Edition open(StoreTx tx) throws SQLException {
        return ctx.openEdition(tx);
    }

    static boolean isWebUrl(String url) {
        try {
            URI uri = new URI(url);
            return ("https".equalsIgnoreCase(uri.getScheme()) || "http".equalsIgnoreCase(uri.getScheme()))
                    && uri.getHost() != null;
        } catch (URISyntaxException e) {
            return false;
        }
    }
}
