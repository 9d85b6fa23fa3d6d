package org.twimbot.store;

import java.sql.SQLException;
import java.util.Optional;

/**
 * Recent text messages of the submissions room that were not submitted, so an editor's submit
 * reaction, a {@code !twim} reply or an edit adding the prefix can still turn them into news.
 */
public final class MessagesTable {
    private final Statements st;

    MessagesTable(Statements st) {
        this.st = st;
    }

    public record Message(String eventId, String roomId, String sender, long originTs, String body, String html) {}

    public void remember(String eventId, String roomId, String sender, long originTs, String body, String html)
            throws SQLException {
        st.update("INSERT OR REPLACE INTO messages(event_id, room_id, sender, origin_ts, body, html) VALUES (?, ?, ?, ?, ?, ?)",
                eventId, roomId, sender, originTs, body, html);
    }

    public Optional<Message> byEventId(String eventId) throws SQLException {
        return st.one("SELECT event_id, room_id, sender, origin_ts, body, html FROM messages WHERE event_id = ?",
                rs -> new Message(rs.getString(1), rs.getString(2), rs.getString(3), rs.getLong(4), rs.getString(5),
                        rs.getString(6)), eventId);
    }

    /** Forgets messages older than {@code cutoffTs}: nobody submits a month-old chat line. */
    public int forgetBefore(long cutoffTs) throws SQLException {
        return st.update("DELETE FROM messages WHERE origin_ts < ?", cutoffTs);
    }
}
