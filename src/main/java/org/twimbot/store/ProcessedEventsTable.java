package org.twimbot.store;

import java.sql.SQLException;

/** Every event id the bot has acted on, so a replayed batch or an overlapping back-fill acts at most once. */
public final class ProcessedEventsTable {
    private final Statements st;

    ProcessedEventsTable(Statements st) {
        this.st = st;
    }

    /** Records {@code eventId}; false when it was already recorded (the event must be skipped). */
    public boolean markProcessed(String eventId) throws SQLException {
        return st.update("INSERT OR IGNORE INTO processed_events(event_id) VALUES (?)", eventId) == 1;
    }

    public boolean isProcessed(String eventId) throws SQLException {
        return st.one("SELECT 1 FROM processed_events WHERE event_id = ?", rs -> true, eventId).isPresent();
    }

    public long count() throws SQLException {
        return st.one("SELECT count(*) FROM processed_events", rs -> rs.getLong(1)).orElse(0L);
    }
}
