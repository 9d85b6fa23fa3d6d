package org.twimbot.it;

import java.io.IOException;
import java.time.Duration;

/** Polls for a condition with a generous deadline: the suite asserts outcomes, never speed. */
final class Eventually {
    private Eventually() {}

    /** The first non-null value {@code probe} gives within {@code timeout}; fails the test naming {@code what}. */
    static <T> T await(String what, Duration timeout, ThrowingSupplier<T> probe) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        Exception last = null;
        while (true) {
            try {
                T value = probe.get();
                if (value != null && !Boolean.FALSE.equals(value)) return value;
            } catch (IOException e) {
                last = e; // the homeserver may be busy; the deadline decides
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError(
                        "not within " + timeout + ": " + what + (last == null ? "" : " (last error: " + last + ")"));
            }
            Thread.sleep(300);
        }
    }

    /** Waits for a condition. */
    static void until(String what, Duration timeout, ThrowingSupplier<Boolean> condition) throws Exception {
        await(what, timeout, condition);
    }

    /** A probe that may fail with a checked exception. */
    @FunctionalInterface
    interface ThrowingSupplier<T> {
        T get() throws Exception;
    }
}
