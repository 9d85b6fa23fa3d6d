package org.twimbot.curation;

import java.sql.SQLException;
import java.util.LinkedHashSet;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.twimbot.catalog.Catalog;
import org.twimbot.catalog.Project;
import org.twimbot.catalog.Section;
import org.twimbot.config.BotConfig;
import org.twimbot.intake.Action;
import org.twimbot.intake.Origin;
import org.twimbot.intake.SubmissionText;
import org.twimbot.outbox.Payload;
import org.twimbot.outbox.Replies;
import org.twimbot.placement.Decision;
import org.twimbot.publish.DraftSource;
import org.twimbot.store.Edition;
import org.twimbot.store.EditsTable;
import org.twimbot.store.MessagesTable;
import org.twimbot.store.Placement;
import org.twimbot.store.Posted;
import org.twimbot.store.StoreTx;
import org.twimbot.store.Submission;
import org.twimbot.store.SubmissionRef;
import org.twimbot.store.SubmissionsTable.Via;

/**
 * Submissions through their life: stored (length rules, acknowledgement, suggestions), edited in
 * any arrival order, withdrawn and restored by edits of the prefix. Chatter is remembered so it
 * can become news later.
 */
public final class SubmissionDesk {
    private static final Logger log = LoggerFactory.getLogger(SubmissionDesk.class);
    /** More suggestion reactions than this is noise, not help. */
    private static final int MAX_SUGGESTIONS = 5;
    /** Markup is verbose: the HTML body may be this many times {@code submissions.max_length}. */
    private static final int HTML_OVERHEAD = 4;

    private final BotContext ctx;
    /** The reaction that proposes a new project: "🆕 Name ?"; an editor's same reaction creates it. */
    public static final String NEW_PROJECT = "🆕 ";

    private final HintBudget hints;
    private final PlacementModel model;

    public SubmissionDesk(BotContext ctx, HintBudget hints) {
        this.ctx = ctx;
        this.hints = hints;
        this.model = new PlacementModel(ctx);
    }

    /** Why news was not stored, within the sender's {@link HintBudget}: posting 200 short lines must not get 200 answers. */
    private void lengthHint(Replies replies, String roomId, String eventId, String sender, String purpose, String text)
            throws SQLException {
        hints.tell(
                sender,
                eventId,
                () -> replies.noticeTo(roomId, eventId, purpose, sender, text),
                () -> replies.noticeTo(
                        roomId,
                        eventId,
                        purpose,
                        sender,
                        "Slowing down: {user}, I will not comment "
                                + "on your messages that cannot be stored for a minute."));
    }

    /** A message that starts like news. */
    public void submit(StoreTx tx, Action.Submit s) throws SQLException {
        Origin e = s.origin();
        if (submit(tx, posted(e, s.body(), s.html()), false, Via.PREFIX).isEmpty()) {
            // refused (too short, too long) or known: remembered so that an editor can still submit it as it is
            tx.messages().remember(line(e, s.sentBody(), s.sentHtml(), null));
        }
    }

    /** Why a text breaks the length rules ({@code purpose} names the notice), as told to its sender. */
    private record LengthRefusal(String purpose, String text) {}

    /** The length rule {@code body}/{@code html} break, or null; the minimum only when {@code checkMin}. */
    private LengthRefusal lengthRefusal(String sender, String body, String html, boolean checkMin) {
        BotConfig.Submissions rules = ctx.config().submissions();
        int length = length(body);
        // the HTML is what gets converted: a short body with a megabyte of markup must not pass
        if (tooLong(length, html)) return new LengthRefusal("too long", tooLongText(sender, length));
        if (checkMin && length < rules.minLength()) {
            return new LengthRefusal(
                    "too short",
                    "Thanks {user}! That news is only " + length + " characters; "
                            + "submissions need at least " + rules.minLength()
                            + ". Add some details by editing it, or ask an editor "
                            + "to submit it as it is.");
        }
        return null;
    }

    private static int length(String body) {
        String stripped = body.strip();
        return stripped.codePointCount(0, stripped.length());
    }

    /** Stores a submission unless already stored or breaking a length rule (then the sender is told why). */
    public Optional<Submission> submit(StoreTx tx, Posted posted, boolean bypassMinLength, Via via)
            throws SQLException {
        String eventId = posted.eventId();
        String roomId = posted.roomId();
        String sender = posted.sender();
        BotConfig.Submissions rules = ctx.config().submissions();
        Replies replies = new Replies(tx);
        LengthRefusal refusal = lengthRefusal(sender, posted.body(), posted.html(), !bypassMinLength);
        if (refusal != null) {
            if (tx.submissions().exists(eventId)) return Optional.empty(); // stored under older rules: nothing to say
            lengthHint(replies, roomId, eventId, sender, refusal.purpose(), refusal.text());
            return Optional.empty();
        }
        // a known event inserts nothing (INSERT OR IGNORE): no separate existence check on the way of every news item,
        // only before opening a new week, which news already stored must not do
        if (tx.editions().open().isEmpty() && tx.submissions().exists(eventId)) return Optional.empty();
        Edition edition = ctx.openEdition(tx);
        Optional<Submission> inserted = tx.submissions().insert(edition.id(), posted, via);
        if (inserted.isEmpty()) return Optional.empty();
        Submission s = inserted.get();
        log.info("stored submission #{} from {} ({})", s.number(), sender, eventId);
        if (!rules.ackReaction().isEmpty()) replies.react(roomId, eventId, rules.ackReaction());
        if (!rules.ackText().isEmpty())
            replies.notice(
                    roomId, eventId, Payload.ACK, rules.ackText().replace("{user}", replies.nameOf(roomId, sender)));
        suggest(tx, s, replies);
        if (tx.edits().any(eventId, sender)) refresh(tx, eventId, eventId); // edits that arrived before it
        return Optional.of(s);
    }

    /** Over {@code submissions.max_length}, or markup {@link #HTML_OVERHEAD} times that: never stored, even by an editor. */
    private boolean tooLong(int length, String html) {
        int max = ctx.config().submissions().maxLength();
        return length > max || (html != null && html.length() > HTML_OVERHEAD * (long) max);
    }

    private void tooLongHint(Replies replies, String roomId, String eventId, String sender, int length)
            throws SQLException {
        lengthHint(replies, roomId, eventId, sender, "too long", tooLongText(sender, length));
    }

    private String tooLongText(String sender, int length) {
        return "Sorry {user}, that news is " + length + " characters long; the limit is "
                + ctx.config().submissions().maxLength() + ". Please shorten it and post again.";
    }

    /**
     * A chat line as remembered: whole when it could become news; when it is too long ever to be submitted (the
     * limit holds for editors too), an excerpt and its length only, so a flood of long lines costs little.
     */
    private MessagesTable.Message line(Origin e, String body, String html, String relatedEventId) {
        // stripping only shortens: a line within the limits as it is needs no second look (the common case)
        if (!tooLong(body.codePointCount(0, body.length()), html)) {
            return new MessagesTable.Message(posted(e, body, html), relatedEventId, 0);
        }
        SubmissionText.Stripped text = ctx.submissionText().asSubmission(body, html);
        String stripped = text.body().strip();
        int length = stripped.codePointCount(0, stripped.length());
        if (!tooLong(length, text.html())) return new MessagesTable.Message(posted(e, body, html), relatedEventId, 0);
        return new MessagesTable.Message(posted(e, Excerpt.of(stripped), null), relatedEventId, Math.max(1, length));
    }

    private static Posted posted(Origin e, String body, String html) {
        return new Posted(e.eventId(), e.roomId(), e.sender(), e.originTs(), body, html);
    }

    /**
     * Reacts "<project key> ?" for the projects the placement model suggests, "🆕 <name> ?" for a new project it
     * proposes, and the section emoji of the section it chose or the sender usually reports to. With
     * {@code curation.auto_assign}, the model's placement (a project, else a section) is made provisionally:
     * an editor's reaction replaces it.
     */
    private void suggest(StoreTx tx, Submission s, Replies replies) throws SQLException {
        Catalog catalog = ctx.catalog(tx);
        Decision d = model.decide(tx, s.sender(), s.body(), s.html());
        Set<String> reactions = new LinkedHashSet<>();
        for (Project p : d.suggestions()) reactions.add(Catalog.normalizeKey(p.key()) + " ?");
        d.proposal().ifPresent(p -> reactions.add(NEW_PROJECT + p.title() + " ?"));
        d.section().ifPresent(sec -> {
            if (!sec.emoji().isBlank()) reactions.add(sec.emoji());
        });
        for (Section sec : catalog.sectionsForReporter(s.sender())) {
            if (!sec.emoji().isBlank()) reactions.add(sec.emoji());
        }
        int sent = 0;
        for (String key : reactions) {
            if (sent++ == MAX_SUGGESTIONS) break;
            replies.react(s.roomId(), s.eventId(), key);
        }
        if (!ctx.config().curation().autoAssign()) return;
        if (d.project().isPresent()) {
            tx.placements()
                    .add(
                            s.id(),
                            Placement.Kind.PROJECT,
                            d.project().get().key(),
                            null,
                            ctx.botUserId(),
                            true,
                            s.originTs());
            log.info(
                    "#{} provisionally under project {}",
                    s.number(),
                    d.project().get().key());
        } else if (d.section().isPresent()) {
            tx.placements()
                    .add(
                            s.id(),
                            Placement.Kind.SECTION,
                            d.section().get().key(),
                            null,
                            ctx.botUserId(),
                            true,
                            s.originTs());
            log.info(
                    "#{} provisionally in section {}",
                    s.number(),
                    d.section().get().key());
        }
    }

    /** What the model makes of a stored submission now (for a proposal's reaction). */
    public Decision decide(StoreTx tx, Submission s) throws SQLException {
        return model.decide(tx, s.sender(), s.body(), s.html());
    }

    /** Submits a remembered message on behalf of {@code by} (the author or an editor; editors bypass the minimum length). */
    public void submitRemembered(StoreTx tx, String messageEventId, String by, Via via) throws SQLException {
        Optional<MessagesTable.Message> message = tx.messages().byEventId(messageEventId);
        if (message.isEmpty()) return;
        Posted m = message.get().posted();
        int overLength = message.get().overLength();
        boolean editor = ctx.editors().isEditor(tx, by);
        if (!editor && !by.equals(m.sender())) {
            log.info("{} may not submit {}'s message {}", by, m.sender(), messageEventId);
            return;
        }
        if (overLength > 0) { // only an excerpt was kept: it could not be stored anyway
            if (!tx.submissions().exists(m.eventId()))
                tooLongHint(new Replies(tx), m.roomId(), m.eventId(), m.sender(), overLength);
            return;
        }
        SubmissionText.Stripped text = ctx.submissionText().asSubmission(m.body(), m.html());
        submit(tx, m.withText(text.body(), text.html()), editor, via);
    }

    public void remember(StoreTx tx, Action.Chatter c) throws SQLException {
        Origin e = c.origin();
        tx.messages().remember(line(e, c.body(), c.html(), c.relatedEventId()));
        if (tx.edits().any(e.eventId(), e.sender())) refresh(tx, e.eventId(), e.eventId()); // an edit came first
    }

    /** Records an edit and brings its target up to date; an edit of an unknown event waits for it. */
    public void edit(StoreTx tx, Action.Edit edit) throws SQLException {
        Origin e = edit.origin();
        tx.edits().add(e.eventId(), edit.targetEventId(), e.sender(), e.originTs(), edit.newBody(), edit.newHtml());
        refresh(tx, edit.targetEventId(), e.eventId());
    }

    /** A redacted edit no longer counts: the previous version comes back. */
    void redactEdit(StoreTx tx, String editEventId) throws SQLException {
        Optional<String> target = tx.edits().redact(editEventId);
        if (target.isPresent()) refresh(tx, target.get(), editEventId);
    }

    /**
     * Sets the text of a message or submission from its latest edit by its author (others' edits
     * never count). An edit removing the prefix withdraws a prefix submission; restoring it brings
     * it back; an edit adding the prefix to a remembered message submits it. {@code causeEventId}
     * (the edit, or the redacted edit) names the audit line, so a replay cannot post it twice.
     */
    void refresh(StoreTx tx, String targetEventId, String causeEventId) throws SQLException {
        Optional<SubmissionRef> submission = tx.submissions().refByEventId(targetEventId);
        if (submission.isPresent()) {
            refreshSubmission(tx, submission.get(), causeEventId);
            return;
        }
        Optional<MessagesTable.Message> message = tx.messages().byEventId(targetEventId);
        if (message.isEmpty()) return;
        Posted m = message.get().posted();
        Optional<EditsTable.Edit> latest = tx.edits().latest(m.eventId(), m.sender());
        if (latest.isEmpty()) return;
        Optional<SubmissionText.Stripped> news =
                ctx.submissionText().recognise(latest.get().body(), latest.get().html());
        if (news.isPresent() && m.roomId().equals(ctx.submissionsRoomId())) {
            log.info("message {} became news by an edit", m.eventId());
            submit(tx, m.withText(news.get().body(), news.get().html()), false, Via.PREFIX);
        }
    }

    private void refreshSubmission(StoreTx tx, SubmissionRef s, String causeEventId) throws SQLException {
        if (Curator.archived(tx, s)) return; // the published post is history
        Optional<ReadEdit> latest = latestWithinLimits(tx, s);
        if (latest.isEmpty()) {
            var original = tx.submissions().original(s.id());
            tx.submissions().updateText(s.id(), original.body(), original.html(), null);
            if (s.withdrawn()) restore(tx, s, causeEventId, "its edit was deleted");
            return;
        }
        EditsTable.Edit edit = latest.get().edit();
        Optional<SubmissionText.Stripped> news = latest.get().news();
        SubmissionText.Stripped text = latest.get().text();
        tx.submissions().updateText(s.id(), text.body(), text.html(), edit.originTs());
        log.info("submission #{} edited by {}", s.number(), edit.sender());
        if (news.isEmpty() && !s.withdrawn() && tx.submissions().via(s.id()) == Via.PREFIX) {
            tx.submissions().setWithdrawn(s.id(), true);
            log.info("submission #{} withdrawn: an edit removed the prefix", s.number());
            ctx.audit(
                    tx,
                    causeEventId,
                    "#" + s.number() + " withdrawn by " + DraftSource.displayName(tx, s.roomId(), s.sender())
                            + " (an edit removed \"TWIM:\") "
                            + BotContext.link(s.roomId(), s.eventId()));
        } else if (s.withdrawn() && news.isPresent()) {
            restore(tx, s, causeEventId, "an edit put \"TWIM:\" back");
        }
    }

    /** An edit with its text read once (converting HTML is the costly part): as news (empty if not), and as the text. */
    private record ReadEdit(
            EditsTable.Edit edit, Optional<SubmissionText.Stripped> news, SubmissionText.Stripped text) {}

    /**
     * The author's latest edit that keeps to the length rules. One that breaks them is refused as an over-long or too
     * short message would be (its author is told) and no longer counts, so the text it would have replaced stays, in
     * whatever order edits arrive. The minimum applies to an edit that keeps the item news (removing the prefix is a
     * withdrawal, not short news), unless the item is already shorter (an editor accepted it so). Each round refuses
     * one edit, so the loop ends after at most as many rounds as the item has edits.
     */
    private Optional<ReadEdit> latestWithinLimits(StoreTx tx, SubmissionRef s) throws SQLException {
        int minLength = ctx.config().submissions().minLength();
        while (true) {
            Optional<EditsTable.Edit> latest = tx.edits().latest(s.eventId(), s.sender());
            if (latest.isEmpty()) return Optional.empty();
            EditsTable.Edit edit = latest.get();
            Optional<SubmissionText.Stripped> news = ctx.submissionText().recognise(edit.body(), edit.html());
            SubmissionText.Stripped text =
                    news.orElseGet(() -> ctx.submissionText().asSubmission(edit.body(), edit.html()));
            boolean checkMin = news.isPresent()
                    && minLength > 0
                    && length(tx.submissions().byId(s.id()).orElseThrow().body()) >= minLength;
            LengthRefusal refusal = lengthRefusal(s.sender(), text.body(), text.html(), checkMin);
            if (refusal == null) return Optional.of(new ReadEdit(edit, news, text));
            log.info("edit {} of submission #{} refused: {}", edit.eventId(), s.number(), refusal.purpose());
            tx.edits().refuse(edit.eventId());
            lengthHint(
                    new Replies(tx),
                    s.roomId(),
                    edit.eventId(),
                    s.sender(),
                    refusal.purpose(),
                    refusal.text() + " The previous text stays.");
        }
    }

    private void restore(StoreTx tx, SubmissionRef s, String causeEventId, String why) throws SQLException {
        tx.submissions().setWithdrawn(s.id(), false);
        log.info("submission #{} back: {}", s.number(), why);
        ctx.audit(
                tx,
                causeEventId,
                "#" + s.number() + " is back in the week (" + why + ") " + BotContext.link(s.roomId(), s.eventId()));
    }
}
