package org.twimbot.outbox;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.BooleanSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.twimbot.matrix.EventSize;
import org.twimbot.matrix.MatrixClient;
import org.twimbot.matrix.MatrixException;
import org.twimbot.matrix.RateLimitedException;
import org.twimbot.publish.DraftPublisher;
import org.twimbot.store.Store;

/**
 * Sends what the outbox holds, oldest first, removing each entry once the homeserver has it.
 * An IO failure stops the drain (the entry is retried after the next sync); a refusal by the
 * homeserver (kicked, muted, room gone) drops the entry with an error log so one bad message
 * cannot block every later one. A message refused as too large is replaced by a shorter one.
 *
 * <p>Messages are paced per room ({@link SendPacer}): when a room's bucket is empty its remaining
 * messages wait for a later drain, in order (audit lines waiting together are joined, see
 * {@link AuditDigest}), and {@link #pollTimeoutMs} shortens the next long-poll so that the drain
 * comes soon. A draft whose media are being fetched waits the same way (its room's later messages stay behind
 * it, so replies keep their order; reactions and other rooms go on). Nothing waits inside a drain, so the sync
 * loop keeps committing.
 *
 * <p>What goes first when much is owed: editors' answers, drafts and audit lines (in the order they were caused),
 * then reactions, then thank-you notices ({@link #byUrgency}). The homeserver's own rate limit (Synapse: 0.2
 * events a second after a burst of 10, for every room together) is obeyed, not waited out inside a send: a 429
 * ends the drain, nothing is sent until its {@code retry_after_ms} has passed ({@link #pollTimeoutMs} brings the
 * next drain then), and that drain starts again with the most urgent entry, so an editor's command that arrived
 * meanwhile is answered before the ✍️ reactions a burst of news still owes.
 *
 * <p>Once the bot is stopping, the drain ends before its next send, and a send the stop cut short
 * is not reported as a failure: what is left goes out at the next start, under the same
 * transaction ids, so nothing is lost or sent twice.
 */
public final class OutboxSender {
    private static final Logger log = LoggerFactory.getLogger(OutboxSender.class);

    private final Store store;
    private final MatrixClient client;
    private final DraftPublisher drafts;
    private final String editorsRoomId;
    private final SendPacer pacer;
    private final BooleanSupplier stopping;
    /** Rooms where the homeserver refused the last send: audited once, not once per message, until a send works again. */
    private final Set<String> forbiddenRooms = new HashSet<>();

    private boolean deferred;
    /** When the homeserver lets the bot send again (pacer time, ns); meaningful while {@link #rateLimited}. */
    private long rateLimitedUntil;

    private boolean rateLimited;
    /** Rate-limited since the outbox was last empty: the log says so once per backlog, not every five seconds. */
    private boolean rateLimitSaid;

    private long lastRateLimitWaitMs;
    /** The wait after a 429 without a hint: a second. A hint is obeyed, but one of 0 ms waits this much at least. */
    static final long DEFAULT_RATE_LIMIT_WAIT_MS = 1_000;

    static final long MIN_RATE_LIMIT_WAIT_MS = 250;
    /** Rooms whose messages waited in the last drain: the log says when pacing starts, not every second. */
    private Set<String> paced = Set.of();
    /**
     * Entries the homeserver may have although the outbox still holds them: a crash or a lost answer came
     * between the send and the delete. They go out again under their own transaction id, which the
     * homeserver drops, so {@link AuditDigest} must not join them (a new id). A room's messages leave in
     * outbox order, so only the first message a room owes can be one: at the first drain each room's first,
     * later those whose send was started here and not seen through. Null until the first drain.
     */
    private Set<Long> maybeSent;

    public OutboxSender(
            Store store,
            MatrixClient client,
            DraftPublisher drafts,
            String editorsRoomId,
            SendPacer pacer,
            BooleanSupplier stopping) {
        this.store = store;
        this.client = client;
        this.drafts = drafts;
        this.editorsRoomId = editorsRoomId;
        this.pacer = pacer;
        this.stopping = stopping;
    }

    /**
     * @return false when sending stopped (network error, homeserver busy, access token refused, the bot
     *     stopping) and entries remain
     */
    public boolean drain() {
        if (rateLimited) {
            if (pacer.now() - rateLimitedUntil < 0) {
                deferred = true; // nothing is sent before the homeserver's retry_after_ms has passed
                return false;
            }
            rateLimited = false;
        }
        List<Queued> pending = Queued.pending(store);
        if (maybeSent == null) maybeSent = firstMessagePerRoom(pending);
        if (AuditDigest.joinBacklogs(store, pending, pacer::available, maybeSent::contains)) {
            pending = Queued.pending(store);
        }
        pending = byUrgency(pending);
        Set<String> waiting = new HashSet<>(); // rooms out of tokens: their later messages keep their order
        deferred = false;
        Set<String> pacedBefore = paced;
        paced = waiting;
        for (int i = 0; i < pending.size(); i++) {
            Queued entry = pending.get(i);
            if (stopping.getAsBoolean()) {
                log.info("stopping: {} outbox entries are sent at the next start", pending.size() - i);
                return false;
            }
            if (entry.isMessage() && waiting.contains(entry.roomId())) continue;
            try {
                if (!mediaReady(entry)) {
                    // a draft whose pictures are being fetched: the room's later messages wait behind it, in order
                    waiting.add(entry.roomId());
                    deferred = true;
                    continue;
                }
                if (entry.isMessage() && !pacer.tryAcquire(entry.roomId())) {
                    waiting.add(entry.roomId());
                    deferred = true;
                    if (!pacedBefore.contains(entry.roomId())) {
                        log.info(
                                "pacing messages to {}: past a burst of {}, one every {} ms",
                                entry.roomId(),
                                SendPacer.BURST,
                                SendPacer.INTERVAL_MS);
                    }
                    continue;
                }
                maybeSent.add(entry.id());
                client.reportingRateLimits(() -> {
                    send(entry);
                    return null;
                });
                forbiddenRooms.remove(entry.roomId());
                if (rateLimitSaid) paceAfterRateLimit();
            } catch (RateLimitedException e) {
                waitForRateLimit(e, pending.size() - i);
                return false;
            } catch (MatrixException e) {
                if (e.httpStatus() == 429 || e.httpStatus() >= 500) {
                    log.warn("homeserver busy sending {} ({}); will retry", entry.kind(), e.getMessage());
                    return false;
                }
                if (e.isUnknownToken()) {
                    // revoked between a sync and this send: the sync loop logs in again (or stops with the
                    // configured token); the entry stays and goes out with the new token
                    log.warn(
                            "access token rejected while sending {}; it will be sent after logging in again",
                            entry.kind());
                    return false;
                }
                log.error(
                        "homeserver refused {} to {}: {} {}; dropping it",
                        entry.kind(),
                        entry.roomId(),
                        e.errcode(),
                        e.getMessage());
                if (e.isForbidden()) auditForbidden(entry, e);
            } catch (IOException e) {
                if (stopping.getAsBoolean()) {
                    log.info(
                            "stopping: the {} to {} was cut short; it is sent at the next start",
                            entry.kind(),
                            entry.roomId());
                } else {
                    log.warn("could not send {} to {} ({}); will retry", entry.kind(), entry.roomId(), e.toString());
                }
                return false;
            } catch (RuntimeException e) {
                // rendering or reading failed (a defect, not the network): retrying would fail the same way
                log.error("could not prepare {} for {}; dropping it", entry.kind(), entry.roomId(), e);
                tell(
                        editorsRoomId,
                        entry.txnId() + ".failed",
                        "twimbot could not produce the " + entry.kind() + " ("
                                + e.getClass().getSimpleName() + "); the log has the details.");
            }
            store.write(tx -> tx.outbox().remove(entry.id()));
            maybeSent.remove(entry.id());
            if (rateLimited) return false; // paced to the homeserver's rate until the backlog is gone
        }
        if (!deferred) rateLimitSaid = false;
        return true;
    }

    /** The homeserver refused a send with 429: nothing more until its hint has passed (the entry stays, first). */
    private void waitForRateLimit(RateLimitedException e, int owed) {
        long ms = Math.max(
                MIN_RATE_LIMIT_WAIT_MS, e.retryAfter().map(Duration::toMillis).orElse(DEFAULT_RATE_LIMIT_WAIT_MS));
        if (!rateLimitSaid) {
            rateLimitSaid = true;
            log.info(
                    "the homeserver rate-limits the bot's messages: {} outbox entries owed; next send in {} ms, "
                            + "the most urgent first",
                    owed,
                    ms);
        } else {
            log.debug("rate-limited again: {} outbox entries owed; next send in {} ms", owed, ms);
        }
        rateLimited = true;
        lastRateLimitWaitMs = ms;
        rateLimitedUntil = pacer.now() + ms * 1_000_000;
        deferred = true;
    }

    /**
     * Once the homeserver has rate-limited a backlog, the rest goes at its pace: one send, then the wait it last
     * asked for (its time per event), instead of a send refused after every send let through.
     */
    private void paceAfterRateLimit() {
        rateLimited = true;
        rateLimitedUntil = pacer.now() + lastRateLimitWaitMs * 1_000_000;
        deferred = true;
    }

    private static Set<Long> firstMessagePerRoom(List<Queued> pending) {
        Set<String> rooms = new HashSet<>();
        Set<Long> first = new HashSet<>();
        for (Queued e : pending) if (e.isMessage() && rooms.add(e.roomId())) first.add(e.id());
        return first;
    }

    /**
     * The order of a drain: messages other than thank-yous first, in outbox order, so an audit line caused before
     * an answer is still sent before it; then reactions (a ✍️ tells a reporter their news is stored, which can wait
     * a few seconds; an editor's answer or draft must not wait behind a burst of them, when the homeserver lets
     * through one event every five seconds); then thank-you notices, which yield to everything (150 of them paced
     * one a second once held a {@code !draft} for minutes). Each group keeps its order.
     */
    static List<Queued> byUrgency(List<Queued> pending) {
        List<Queued> ordered = new ArrayList<>(pending.size());
        List<Queued> reactions = new ArrayList<>();
        List<Queued> thanks = new ArrayList<>();
        for (Queued e : pending) {
            if (!e.isMessage()) reactions.add(e);
            else if (e.isThankYou()) thanks.add(e);
            else ordered.add(e);
        }
        ordered.addAll(reactions);
        ordered.addAll(thanks);
        return ordered;
    }

    /**
     * The long-poll timeout for the next sync: short while paced entries wait, so they go out about
     * one per {@link SendPacer#INTERVAL_MS}, and when the homeserver's rate limit ends (the sync returns early
     * anyway when events arrive).
     */
    public int pollTimeoutMs(int timeoutMs) {
        if (rateLimited) {
            long left = (rateLimitedUntil - pacer.now()) / 1_000_000;
            return (int) Math.max(1, Math.min(timeoutMs, left));
        }
        return deferred ? (int) Math.min(timeoutMs, SendPacer.INTERVAL_MS) : timeoutMs;
    }

    /** Kicked or muted in one room: say so where the editors can still read it. */
    private void auditForbidden(Queued entry, MatrixException e) {
        if (!entry.roomId().equals(editorsRoomId) && forbiddenRooms.add(entry.roomId())) {
            tell(
                    editorsRoomId,
                    entry.txnId() + ".forbidden",
                    "twimbot may not post in " + entry.roomId() + " (" + e.errcode()
                            + "): check its membership and power level there.");
        }
    }

    /** A best-effort notice outside the outbox; failing to send it only logs. */
    private void tell(String roomId, String txnId, String text) {
        try {
            client.sendNotice(roomId, txnId, text, null);
        } catch (IOException e) {
            log.warn("could not tell {}: {}", roomId, e.toString());
        }
    }

    /** False while a draft's or bundle's media are still being fetched (in the background, bounded in time). */
    private boolean mediaReady(Queued entry) {
        if (entry.payload() instanceof Payload.Draft d) return drafts.ready(entry.txnId(), d.edition(), d.requester());
        if (entry.payload() instanceof Payload.Bundle b) return drafts.ready(entry.txnId(), b.edition(), b.requester());
        return true;
    }

    /** Nothing the bot owes is dropped for its size: when the homeserver refuses it as too large, a shorter message goes. */
    private void send(Queued entry) throws IOException {
        try {
            sendAsIs(entry);
        } catch (MatrixException e) {
            if (!e.isTooLarge()) throw e;
            String shorter = shorter(entry);
            if (shorter == null) throw e;
            log.warn(
                    "homeserver refused the {} to {} as too large ({}); sending a shorter message instead",
                    entry.kind(),
                    entry.roomId(),
                    e.errcode());
            client.sendNotice(entry.roomId(), entry.txnId() + ".short", shorter, null);
        }
    }

    /** What goes instead of an entry the homeserver found too large; null for reactions (a key is never that large). */
    private static String shorter(Queued entry) {
        Payload p = entry.payload();
        if (p instanceof Payload.Notice n) {
            return EventSize.cutNoticeBody(
                    n.body(),
                    "\n… (cut: the message was too long for the homeserver)",
                    EventSize.MAX_CONTENT_BYTES / 4);
        }
        if (p instanceof Payload.Draft) {
            return "twimbot could not upload the draft: the homeserver refused the file as too large. "
                    + "On the bot's machine, twimbot draft -c CONFIG -o FILE writes it.";
        }
        if (p instanceof Payload.Bundle) {
            return "twimbot could not upload the bundle: the homeserver refused the zip as too large "
                    + "(its upload limit). !draft uploads the post alone; on the bot's machine, twimbot draft -c CONFIG "
                    + "--media-dir DIR copies the pictures and videos.";
        }
        return null;
    }

    private void sendAsIs(Queued entry) throws IOException {
        String room = entry.roomId();
        String txnId = entry.txnId();
        Payload p = entry.payload();
        if (p instanceof Payload.Notice n) {
            client.sendNotice(room, txnId, n.body(), n.html(), n.mentions());
        } else if (p instanceof Payload.Reaction r) {
            client.react(room, txnId, r.target(), r.key());
        } else if (p instanceof Payload.Draft d) {
            drafts.publish(room, txnId, d.edition(), d.requester());
        } else if (p instanceof Payload.Bundle b) {
            drafts.publishBundle(room, txnId, b.edition(), b.requester());
        }
    }
}
