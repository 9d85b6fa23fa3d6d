package org.twimbot.commands;

import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** At most one polite refusal per user per minute, so a curious non-editor cannot make the bot spam the room. */
public final class Refusals {
    private static final Duration QUIET = Duration.ofMinutes(1);
    private final Map<String, Long> lastRefusal = new ConcurrentHashMap<>();
    private final Clock clock;

    public Refusals(Clock clock) {
        this.clock = clock;
    }

    /** True when {@code userId} may be told no now (and records that they were). */
    public boolean mayRefuse(String userId) {
        long now = clock.millis();
        Long last = lastRefusal.get(userId);
        if (last != null && now - last < QUIET.toMillis()) return false;
        lastRefusal.put(userId, now);
        return true;
    }
}
