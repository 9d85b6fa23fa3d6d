package org.twimbot.outbox;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.LongPredicate;
import java.util.function.ToLongFunction;
import org.twimbot.store.OutboxEntry;
import org.twimbot.store.Store;

/**
 * When a room is owed more messages than its {@link SendPacer} bucket lets through now, audit lines
 * waiting next to each other are joined into one message. After a catch-up, a hundred reactions
 * the editors made while the bot was down owe a hundred audit lines: paced one a second they would
 * hold a {@code !draft} behind them for minutes and still fill the room; joined, they are one
 * message. Nothing is dropped and the order is kept. Thank-you notices for stored news are joined the same way
 * (with each other only). Answers, drafts and single lines are never joined.
 *
 * <p>The join is written to the outbox (one transaction) before it is sent, so its transaction id
 * is fixed like any other entry's and a crash can neither lose the lines nor send them twice. An
 * entry that may already have been sent (see {@link OutboxSender}) is never joined: its lines would
 * reach the room twice, once under its own transaction id and once under the digest's.
 */
final class AuditDigest {
    /**
     * UTF-8 bytes of text in one digest: half the 64 KiB a Matrix event may have, leaving room for
     * JSON escaping and the event's envelope. About 250 audit lines.
     */
    static final int MAX_BYTES = 32_000;
    private static final ObjectMapper JSON = new ObjectMapper();

    private AuditDigest() {}

    /**
     * Joins runs of audit lines in every room owed more messages than {@code available} says it may
     * send now. Reactions, which are not paced, are passed over; any other message ends a run, as
     * does {@link #MAX_BYTES}.
     *
     * @param maybeSent entries the homeserver may already have: sent as they are, never joined
     * @return true when the outbox changed (read it again)
     */
    static boolean joinBacklogs(Store store, List<OutboxEntry> pending, ToLongFunction<String> available,
            LongPredicate maybeSent) {
        Map<String, Integer> owed = new HashMap<>();
        for (OutboxEntry e : pending) if (!Replies.REACTION.equals(e.kind())) owed.merge(e.roomId(), 1, Integer::sum);
        Set<Long> joined = new HashSet<>();
        boolean changed = false;
        for (int i = 0; i < pending.size(); i++) {
            OutboxEntry e = pending.get(i);
            if (joined.contains(e.id()) || maybeSent.test(e.id())
                    || owed.getOrDefault(e.roomId(), 0) <= available.applyAsLong(e.roomId())) {
                continue;
            }
            List<OutboxEntry> run = run(pending, i, maybeSent);
            if (run.size() < 2) continue;
            join(store, run);
            run.forEach(r -> joined.add(r.id()));
            owed.merge(e.roomId(), 1 - run.size(), Integer::sum); // join no more than needed: single lines read best
            changed = true;
        }
        return changed;
    }

    /**
     * The lines of {@code pending.get(from)}'s purpose for its room from there on that fit one digest: audit lines
     * next to each other (another message ends the run: their order matters), or thank-you notices wherever they
     * wait (they yield to every other message anyway, see {@link OutboxSender}).
     */
    private static List<OutboxEntry> run(List<OutboxEntry> pending, int from, LongPredicate maybeSent) {
        String room = pending.get(from).roomId();
        String purpose = purpose(pending.get(from));
        List<OutboxEntry> run = new ArrayList<>();
        int bytes = 0;
        for (int i = from; i < pending.size(); i++) {
            OutboxEntry e = pending.get(i);
            if (!e.roomId().equals(room) || Replies.REACTION.equals(e.kind())) continue;
            String body = purpose == null || !purpose.equals(purpose(e)) ? null : auditBody(e);
            if (body == null && Replies.ACK.equals(purpose)) continue;
            if (body == null || maybeSent.test(e.id())) break; // a message that may have gone out keeps its own id
            int size = body.getBytes(StandardCharsets.UTF_8).length + 1; // and a newline
            if (bytes + size > MAX_BYTES) break;
            run.add(e);
            bytes += size;
        }
        return run;
    }

    private static void join(Store store, List<OutboxEntry> run) {
        List<String> bodies = run.stream().map(AuditDigest::auditBody).toList();
        StringBuilder parts = new StringBuilder("digest");
        run.forEach(e -> parts.append('\n').append(e.txnId()));
        String txnId = TxnIds.of(run.get(0).txnId(), parts.toString());
        String payload = JSON.createObjectNode().put("body", String.join("\n", bodies)).put("purpose", purpose(run.get(0)))
                .toString();
        List<Long> absorbed = run.subList(1, run.size()).stream().map(OutboxEntry::id).toList();
        store.write(tx -> tx.outbox().merge(run.get(0).id(), absorbed, txnId, payload));
    }

    /** The text of a plain audit or thank-you notice, or null for anything else (answers, drafts, formatted notices). */
    private static String auditBody(OutboxEntry e) {
        JsonNode p = joinable(e);
        return p == null ? null : p.path("body").asText();
    }

    /** {@link Replies#AUDIT} or {@link Replies#ACK} for a plain notice that may be joined with others, else null. */
    static String purpose(OutboxEntry e) {
        JsonNode p = joinable(e);
        return p == null ? null : p.path("purpose").asText();
    }

    private static JsonNode joinable(OutboxEntry e) {
        if (!Replies.NOTICE.equals(e.kind())) return null;
        try {
            JsonNode p = JSON.readTree(e.payload());
            String purpose = p.path("purpose").asText();
            boolean joinable = (Replies.AUDIT.equals(purpose) || Replies.ACK.equals(purpose)) && !p.hasNonNull("html");
            return joinable ? p : null;
        } catch (IOException ex) {
            return null; // sent (or reported) on its own, where a broken payload is handled
        }
    }
}
