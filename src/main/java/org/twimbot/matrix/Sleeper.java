package org.twimbot.matrix;

import java.time.Duration;

/**
 * Waits between retry attempts. Injectable so that tests can record the requested delays
 * (for example that {@code retry_after_ms: 1234} led to a 1234 ms wait) without waiting.
 */
@FunctionalInterface
public interface Sleeper {
    void sleep(Duration delay) throws InterruptedException;

    /** The real thing: {@link Thread#sleep(long)}. */
    static Sleeper system() {
        return delay -> Thread.sleep(delay.toMillis());
    }
}
