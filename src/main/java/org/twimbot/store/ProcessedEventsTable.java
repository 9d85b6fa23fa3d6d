package org.twimbot.store;

import java.sql.SQLException;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Every event id the bot has acted on, so a replayed batch or an overlapping back-fill acts at most once.
 * Plain chat lines are not entered: remembering one ({@link MessagesTable}) is its whole effect, and doing
 * it again changes nothing, so {@link #isProcessed} and {@link #count} count them from there.
 * A page of events can be looked up in one query first ({@link #prefetch}); marking them is then
 * decided in memory and written as one deferred batch, instead of one statement per event.
 */
public final class ProcessedEventsTable {
    private static final String MARK = "INSERT OR IGNORE INTO processed_events(event_id) VALUES (?)";

    private final Statements st;
    /** For this transaction: event id → already processed, for ids prefetched or marked since. */
    private final Map<String, Boolean> known = new HashMap<>();

    ProcessedEventsTable(Statements st) {
        this.st = st;
    }

    /** Looks up which of {@code eventIds} are processed, so that marking them needs no query each. */
    public void prefetch(Collection<String> eventIds) throws SQLException {
        List<String> ids = eventIds.stream()
                .filter(id -> !known.containsKey(id))
                .distinct()
                .toList();
        for (String id : ids) known.put(id, false);
        for (String done :
                st.listIn("SELECT event_id FROM processed_events WHERE event_id IN ", ids, rs -> rs.getString(1))) {
            known.put(done, true);
        }
    }

    /** Records {@code eventId}; false when it was already recorded (the event must be skipped). */
    public boolean markProcessed(String eventId) throws SQLException {
        Boolean processed = known.get(eventId);
        if (processed == null) return st.update(MARK, eventId) == 1;
        if (processed) return false;
        known.put(eventId, true);
        st.defer(MARK, eventId);
        return true;
    }

    /** Whether the bot has seen {@code eventId}: acted on it, or remembered it as a chat line. */
    public boolean isProcessed(String eventId) throws SQLException {
        if (Boolean.TRUE.equals(known.get(eventId))) return true;
        return st.one(
                        "SELECT 1 FROM processed_events WHERE event_id = ? UNION ALL SELECT 1 FROM messages WHERE event_id = ?",
                        rs -> true,
                        eventId,
                        eventId)
                .isPresent();
    }

    /** Events seen: those acted on and the chat lines remembered (until they are forgotten after four weeks). */
    public long count() throws SQLException {
        return st.one(
                        "SELECT (SELECT count(*) FROM processed_events) + (SELECT count(*) FROM messages m WHERE NOT EXISTS "
                                + "(SELECT 1 FROM processed_events p WHERE p.event_id = m.event_id))",
                        rs -> rs.getLong(1))
                .orElse(0L);
    }

    /** The transaction ended: what was looked up may change from now on. */
    void forgetPrefetched() {
        known.clear();
    }
}
