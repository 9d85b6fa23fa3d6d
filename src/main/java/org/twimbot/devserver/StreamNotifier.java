package org.twimbot.devserver;

/**
 * Wakes long-polling /sync requests when the stream advances. It has its own monitor so that
 * waiting never holds the server's state lock.
 */
final class StreamNotifier {
    private long position;

    synchronized void advance(long newPosition) {
        if (newPosition > position) {
            position = newPosition;
            notifyAll();
        }
    }

    /** Blocks until the stream is beyond {@code pos} or the deadline (System.nanoTime) passes. */
    synchronized boolean awaitBeyond(long pos, long deadlineNanos) throws InterruptedException {
        while (position <= pos) {
            long left = deadlineNanos - System.nanoTime();
            if (left <= 0) {
                return false;
            }
            long millis = Math.max(1, left / 1_000_000);
            wait(millis);
        }
        return true;
    }
}
