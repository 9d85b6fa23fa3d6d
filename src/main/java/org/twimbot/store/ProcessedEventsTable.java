package org.twimbot.store;

import java.sql.SQLException;

/**
 * Every event id the bot has acted on, so a replayed batch or an overlapping back-fill acts at most once.
 * Plain chat lines are not entered: remembering one ({@link MessagesTable}) is its whole effect, and doing
 * it again changes nothing, so {@link #isProcessed} and {@link #count} count them from there.
 */
public final class ProcessedEventsTable {
    private static final String MARK = "INSERT OR IGNORE INTO processed_events(event_id) VALUES (?)";

    private final Statements st;

    ProcessedEventsTable(Statements st) {
        this.st = st;
    }

    /** Records {@code eventId}; false when it was already recorded (the event must be skipped). */
    public boolean markProcessed(String eventId) throws SQLException {
        return st.update(MARK, eventId) == 1;
    }

    /** Whether the bot has seen {@code eventId}: acted on it, or remembered it as a chat line. */
    public boolean isProcessed(String eventId) throws SQLException {
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
}
