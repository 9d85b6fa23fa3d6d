package org.twimbot.curation;

import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * How many error, hint and usage replies (unknown command, bad arguments, not found, news too long
 * or too short) the bot posts: {@link #PER_SENDER} per sender per minute, then one "slowing down"
 * notice, then nothing for that sender until the minute has passed; and {@link #TOTAL} per minute
 * from everyone together. So 200 mistyped commands, from an editor's runaway script or a stuck
 * client, cost the room six notices instead of 200.
 *
 * <p>Only replies that tell someone they got something wrong are counted. Answers to valid commands
 * and audit lines are never dropped; the outbox paces them instead. Non-editors' refusals have their
 * own, stricter limit ({@link Refusals}).
 *
 * <p>The decision for a cause event is remembered: a batch that rolls back and is applied again
 * (one transaction per batch) gets the same replies instead of using up the budget twice.
 */
public final class HintBudget {
    private static final Logger log = LoggerFactory.getLogger(HintBudget.class);
    static final Duration WINDOW = Duration.ofMinutes(1);
    /** Enough for an editor fumbling a command a few times in a row. */
    public static final int PER_SENDER = 5;
    /** A crowd of accounts (anyone can post news that is too long) cannot add up to a flood either. */
    static final int TOTAL = 30;
    /** Remembered decisions: far more than one batch holds, little memory. */
    private static final int REMEMBERED = 2048;
    /** Above this many tracked senders, those quiet for a minute are forgotten. */
    private static final int TRACKED = 10_000;

    /** What to do with one hint. */
    public enum Decision {
        /** post it */
        ANSWER,
        /** the sender's first hint over budget: post one "slowing down" notice instead */
        SLOW_DOWN,
        /** post nothing */
        SILENT
    }

    private static final class Sender {
        final ArrayDeque<Long> recent = new ArrayDeque<>();
        boolean warned;
    }

    private final Clock clock;
    private final Map<String, Sender> senders = new HashMap<>();
    private final ArrayDeque<Long> everyone = new ArrayDeque<>();
    private final Map<String, Decision> decided = new LinkedHashMap<>(64, 0.75f, false) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Decision> eldest) {
            return size() > REMEMBERED;
        }
    };

    public HintBudget(Clock clock) {
        this.clock = clock;
    }

    /** A notice to send, if the budget allows. */
    @FunctionalInterface
    public interface Notice {
        void send() throws SQLException;
    }

    /**
     * Tells {@code sender} about a mistake (caused by {@code causeEventId}) within the budget: {@code hint} while it
     * lasts, {@code slowDown} once when it runs out, then nothing.
     */
    public void tell(String sender, String causeEventId, Notice hint, Notice slowDown) throws SQLException {
        switch (decide(sender, causeEventId)) {
            case ANSWER -> hint.send();
            case SLOW_DOWN -> slowDown.send();
            case SILENT -> log.debug("not answering {} from {}: over the hint budget", causeEventId, sender);
        }
    }

    /** Decides (once per {@code causeEventId}) whether {@code sender} is told about a mistake now. */
    public synchronized Decision decide(String sender, String causeEventId) {
        Decision known = decided.get(causeEventId);
        if (known != null) return known;
        long now = clock.millis();
        Decision d = fresh(sender, now);
        decided.put(causeEventId, d);
        return d;
    }

    private Decision fresh(String sender, long now) {
        forgetOlderThan(everyone, now);
        if (senders.size() > TRACKED)
            senders.values().removeIf(s -> s.recent.isEmpty() || now - s.recent.peekLast() >= WINDOW.toMillis());
        Sender s = senders.computeIfAbsent(sender, k -> new Sender());
        forgetOlderThan(s.recent, now);
        if (everyone.size() >= TOTAL) return Decision.SILENT; // a notice about slowing down would add to the flood
        if (s.recent.size() < PER_SENDER) {
            s.warned = false;
            s.recent.addLast(now);
            everyone.addLast(now);
            return Decision.ANSWER;
        }
        if (s.warned) return Decision.SILENT;
        s.warned = true;
        everyone.addLast(now);
        return Decision.SLOW_DOWN;
    }

    private static void forgetOlderThan(ArrayDeque<Long> times, long now) {
        while (!times.isEmpty() && now - times.peekFirst() >= WINDOW.toMillis()) times.pollFirst();
    }
}
