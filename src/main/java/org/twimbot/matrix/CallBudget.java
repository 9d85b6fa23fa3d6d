package org.twimbot.matrix;

import java.time.Duration;
import java.util.function.Supplier;

/**
 * The limits of a call that must end whatever the server answers (a draft's media downloads), on top of the
 * client's {@link RetryPolicy} (which for the sync loop retries forever): at most {@code maxAttempts} attempts,
 * each cut off when {@code remaining} runs out, and no wait that would end after it. Such a call also takes the
 * homeserver's own 502 (a Matrix error body: "Failed to fetch remote media") as final, where a bare 502 from a
 * proxy is retried.
 *
 * @param remaining the time left until the deadline; zero or negative once it has passed
 */
public record CallBudget(int maxAttempts, Supplier<Duration> remaining) {
    public CallBudget {
        if (maxAttempts < 1) throw new IllegalArgumentException("maxAttempts must be >= 1");
    }

    /** {@code maxAttempts} attempts within {@code total} from now (monotonic clock). */
    public static CallBudget of(int maxAttempts, Duration total) {
        long deadline = System.nanoTime() + total.toNanos();
        return new CallBudget(maxAttempts, () -> Duration.ofNanos(deadline - System.nanoTime()));
    }

    boolean expired() {
        Duration left = remaining.get();
        return left.isZero() || left.isNegative();
    }
}
