package org.twimbot.matrix;

import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Delay before the next attempt: exponential from {@code initialDelay}, doubling per failure up to
 * {@code maxDelay}, with full jitter (uniform between {@code initialDelay} and that ceiling) so that
 * many clients failing together do not come back in lock-step. A server's own hint
 * ({@code retry_after_ms}, {@code Retry-After}) wins over this when it is longer, capped at
 * {@link #MAX_SERVER_HINT}; a hint shorter than our own backoff (even 0, repeated) never makes the
 * client hammer the server.
 */
public final class Backoff {
    /**
     * The longest wait a server's hint can impose: one minute. The bot's sync loop also sends its
     * answers, so a 429 asking for two minutes (or a day) would otherwise freeze the bot that long;
     * trying again after a minute costs the server one request per minute, and if it is still
     * limiting us it says so again and we wait again.
     */
    static final Duration MAX_SERVER_HINT = Duration.ofMinutes(1);

    private final RetryPolicy policy;

    public Backoff(RetryPolicy policy) {
        this.policy = policy;
    }

    /** The ceiling for the {@code failures}-th consecutive failure (1-based), without jitter. */
    public Duration ceiling(int failures) {
        long initial = Math.max(0, policy.initialDelay().toMillis());
        long max = Math.max(initial, policy.maxDelay().toMillis());
        int shift = Math.min(Math.max(failures - 1, 0), 30); // no overflow, 2^30 x initial is plenty
        long ceiling = initial << shift;
        if (ceiling < 0 || (initial != 0 && ceiling >> shift != initial) || ceiling > max) ceiling = max;
        return Duration.ofMillis(ceiling);
    }

    /** A jittered delay in [initialDelay, ceiling(failures)]. */
    public Duration delay(int failures) {
        long low = Math.max(0, policy.initialDelay().toMillis());
        long high = ceiling(failures).toMillis();
        long ms = high <= low ? low : ThreadLocalRandom.current().nextLong(low, high + 1);
        return Duration.ofMillis(ms);
    }

    static Duration max(Duration a, Duration b) {
        return a.compareTo(b) >= 0 ? a : b;
    }

    static Duration capServerHint(Duration hint) {
        if (hint.isNegative()) return Duration.ZERO;
        return hint.compareTo(MAX_SERVER_HINT) > 0 ? MAX_SERVER_HINT : hint;
    }
}
