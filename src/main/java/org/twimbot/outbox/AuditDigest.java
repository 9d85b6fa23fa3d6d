package org.twimbot.outbox;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.LongPredicate;
import java.util.function.ToLongFunction;
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

    private AuditDigest() {}

    /**
     * Joins runs of audit lines in every room owed more messages than {@code available} says it may
     * send now. Reactions, which are not paced, are passed over; any other message ends a run, as
     * does {@link #MAX_BYTES}.
     *
     * @param maybeSent entries the homeserver may already have: sent as they are, never joined
     * @return true when the outbox changed (read it again)
     */
    static boolean joinBacklogs(
            Store store, List<Queued> pending, ToLongFunction<String> available, LongPredicate maybeSent) {
        Map<String, Integer> owed = new HashMap<>();
        for (Queued e : pending) if (e.isMessage()) owed.merge(e.roomId(), 1, Integer::sum);
        Set<Long> joined = new HashSet<>();
        boolean changed = false;
        for (int i = 0; i < pending.size(); i++) {
            Queued e = pending.get(i);
            if (joined.contains(e.id())
                    || maybeSent.test(e.id())
                    || owed.getOrDefault(e.roomId(), 0) <= available.applyAsLong(e.roomId())) {
                continue;
            }
            List<Queued> run = run(pending, i, maybeSent);
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
    private static List<Queued> run(List<Queued> pending, int from, LongPredicate maybeSent) {
        String room = pending.get(from).roomId();
        Payload.Notice first = pending.get(from).joinable();
        List<Queued> run = new ArrayList<>();
        int bytes = 0;
        for (int i = from; i < pending.size(); i++) {
            Queued e = pending.get(i);
            if (!e.roomId().equals(room) || !e.isMessage()) continue;
            Payload.Notice line = e.joinable();
            boolean samePurpose =
                    first != null && line != null && first.purpose().equals(line.purpose());
            if (!samePurpose && first != null && first.isThankYou()) continue;
            if (!samePurpose || maybeSent.test(e.id())) break; // a message that may have gone out keeps its own id
            int size = line.body().getBytes(StandardCharsets.UTF_8).length + 1; // and a newline
            if (bytes + size > MAX_BYTES) break;
            run.add(e);
            bytes += size;
        }
        return run;
    }

    private static void join(Store store, List<Queued> run) {
        List<String> bodies = run.stream().map(e -> e.joinable().body()).toList();
        StringBuilder parts = new StringBuilder("digest");
        run.forEach(e -> parts.append('\n').append(e.txnId()));
        String txnId = TxnIds.of(run.get(0).txnId(), parts.toString());
        String payload = OutboxCodec.json(Payload.Notice.plain(
                String.join("\n", bodies), run.get(0).joinable().purpose()));
        List<Long> absorbed =
                run.subList(1, run.size()).stream().map(Queued::id).toList();
        store.write(tx -> tx.outbox().merge(run.get(0).id(), absorbed, txnId, payload));
    }
}
