package org.twimbot.curation;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * At most one polite refusal per user per minute, and at most {@link #PER_MINUTE} in all, so
 * neither a curious non-editor nor a crowd of throwaway accounts can make the bot flood the room.
 */
public final class Refusals {
    private static final Duration QUIET = Duration.ofMinutes(1);
    static final int PER_MINUTE = 10;
    private final ArrayDeque<Long> recent = new ArrayDeque<>();
    private final Map<String, Long> lastRefusal = new ConcurrentHashMap<>();
    private final Clock clock;

    public Refusals(Clock clock) {
        this.clock = clock;
    }

    /** True when {@code userId} may be told no now (and records that they were). */
    public synchronized boolean mayRefuse(String userId) {
        long now = clock.millis();
        Long last = lastRefusal.get(userId);
        if (last != null && now - last < QUIET.toMillis()) return false;
        while (!recent.isEmpty() && now - recent.peekFirst() >= QUIET.toMillis()) recent.pollFirst();
        if (recent.size() >= PER_MINUTE) return false;
        recent.addLast(now);
        lastRefusal.put(userId, now);
        return true;
    }
}
