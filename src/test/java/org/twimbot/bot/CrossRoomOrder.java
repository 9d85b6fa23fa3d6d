package org.twimbot.bot;

/**
 * The bot merges its rooms' timelines by origin_server_ts, and two events of two rooms in the same millisecond have
 * no order it could know. A test that asks in one room about what it just sent in the other sends its question in
 * the next millisecond, after everything sent before it.
 */
final class CrossRoomOrder {
    private CrossRoomOrder() {}

    static void nextMillisecond() {
        long now = System.currentTimeMillis();
        while (System.currentTimeMillis() <= now) Thread.onSpinWait();
    }
}
