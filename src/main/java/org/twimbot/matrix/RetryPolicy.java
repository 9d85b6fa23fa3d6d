package org.twimbot.matrix;

import java.time.Duration;

/**
 * How the client retries transient failures (429, 5xx, IO errors): exponential backoff from
 * {@code initialDelay} doubling up to {@code maxDelay}, with full jitter, at most
 * {@code maxAttempts} attempts in all ({@code 0} = retry forever, for the sync loop).
 */
public record RetryPolicy(int maxAttempts, Duration initialDelay, Duration maxDelay) {
    public static RetryPolicy defaults() {
        return new RetryPolicy(8, Duration.ofMillis(250), Duration.ofSeconds(30));
    }

    /** Fast retries for tests against a local server. */
    public static RetryPolicy fast() {
        return new RetryPolicy(6, Duration.ofMillis(5), Duration.ofMillis(50));
    }
}
