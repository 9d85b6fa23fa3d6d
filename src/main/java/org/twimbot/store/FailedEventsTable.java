package org.twimbot.store;

import java.sql.SQLException;
import java.util.List;

/** Events whose work failed and was rolled back, with the reason: the bot went on, and editors can see what it skipped. */
public final class FailedEventsTable {
    private final Statements st;

    FailedEventsTable(Statements st) {
        this.st = st;
    }

    public record Failure(String eventId, String roomId, String reason, long failedAt) {}

    public void record(String eventId, String roomId, String reason, long failedAt) throws SQLException {
        st.update(
                "INSERT OR REPLACE INTO failed_events(event_id, room_id, reason, failed_at) VALUES (?, ?, ?, ?)",
                eventId,
                roomId,
                reason,
                failedAt);
    }

    /** Failures since {@code sinceMillis}, oldest first. */
    public List<Failure> since(long sinceMillis) throws SQLException {
        return st.list(
                "SELECT event_id, room_id, reason, failed_at FROM failed_events WHERE failed_at >= ? ORDER BY failed_at",
                rs -> new Failure(rs.getString(1), rs.getString(2), rs.getString(3), rs.getLong(4)),
                sinceMillis);
    }
}
