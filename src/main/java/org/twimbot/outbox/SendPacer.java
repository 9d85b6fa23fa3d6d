package org.twimbot.outbox;

import java.util.HashMap;
import java.util.Map;
import java.util.function.LongSupplier;

/**
 * A token bucket per room for the bot's own messages: {@link #BURST} at once, then one every
 * {@link #INTERVAL_MS}. The outbox asks before each message; a message without a token waits for a
 * later drain (it is never dropped), so a flood of answers owed reaches the room as a trickle.
 *
 * <p>Time is a monotonic nanosecond source, not the bot's {@link java.time.Clock}: that clock dates
 * editions and may be fixed (tests) or jump (NTP), and a bucket that never refills would stop the
 * outbox for good. Used by the sync loop's thread only.
 */
public final class SendPacer {
    /**
     * A command's answer plus its audit lines, or a handful of acknowledgements, go out at once; the
     * end-to-end tests never wait for the bucket. Synapse's default message rate limit also allows a
     * burst of 10.
     */
    static final int BURST = 10;
    /**
     * Past the burst, one message a second: readable as it scrolls by, slow enough that a flood does
     * not bury the room's conversation, and fast enough that a backlog of 60 answers clears in a minute.
     */
    static final long INTERVAL_MS = 1_000;

    private static final long INTERVAL_NANOS = INTERVAL_MS * 1_000_000;

    private final LongSupplier nanoTime;
    private final Map<String, Bucket> buckets = new HashMap<>();

    private static final class Bucket {
        long tokens;
        long refilledAt;
    }

    /** @param nanoTime {@link System#nanoTime()} in production; tests pass a hand-driven one */
    public SendPacer(LongSupplier nanoTime) {
        this.nanoTime = nanoTime;
    }

    /** The pacer's monotonic time in nanoseconds (the outbox times the homeserver's rate limits with it too). */
    long now() {
        return nanoTime.getAsLong();
    }

    /** Takes a token for one message to {@code roomId}; false when the room's bucket is empty. */
    boolean tryAcquire(String roomId) {
        Bucket b = refilled(roomId);
        if (b.tokens == 0) return false;
        b.tokens--;
        return true;
    }

    /** How many messages {@code roomId} may have now. */
    long available(String roomId) {
        return refilled(roomId).tokens;
    }

    private Bucket refilled(String roomId) {
        long now = nanoTime.getAsLong();
        Bucket b = buckets.computeIfAbsent(roomId, r -> {
            Bucket fresh = new Bucket();
            fresh.tokens = BURST;
            fresh.refilledAt = now;
            return fresh;
        });
        long earned = (now - b.refilledAt) / INTERVAL_NANOS;
        if (earned > 0) {
            b.tokens = Math.min(BURST, b.tokens + earned);
            // keep the fraction of an interval already waited; a full bucket earns nothing meanwhile
            b.refilledAt = b.tokens == BURST ? now : b.refilledAt + earned * INTERVAL_NANOS;
        }
        return b;
    }
}
