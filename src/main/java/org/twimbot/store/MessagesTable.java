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

    /** {@code relatedEventId}: the message this one replies to or is threaded under, or null. */
    public record Message(String eventId, String roomId, String sender, long originTs, String body, String html,
            String relatedEventId) {}

    private static final String COLUMNS = "event_id, room_id, sender, origin_ts, body, html, related_event_id";

    /** Deferred (see {@link Statements#defer}): most chat is never read again. */
    public void remember(Message m) throws SQLException {
        st.defer("INSERT OR REPLACE INTO messages(" + COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?)", m.eventId(), m.roomId(),
                m.sender(), m.originTs(), m.body(), m.html(), m.relatedEventId());
    }

    public Optional<Message> byEventId(String eventId) throws SQLException {
        return st.one("SELECT " + COLUMNS + " FROM messages WHERE event_id = ?", MessagesTable::map, eventId);
    }

    /** Text replies or thread messages by {@code sender} under {@code eventId}, oldest first. */
    public java.util.List<Message> followUps(String eventId, String sender) throws SQLException {
        return st.list("SELECT " + COLUMNS + " FROM messages WHERE related_event_id = ? AND sender = ? ORDER BY origin_ts, event_id",
                MessagesTable::map, eventId, sender);
    }

    /** Whether {@code sender} posted any text between two moments (exclusive), for the media attach window. */
    public boolean anyBetween(String sender, long afterTs, long beforeTs) throws SQLException {
        return st.one("SELECT 1 FROM messages WHERE sender = ? AND origin_ts > ? AND origin_ts < ? LIMIT 1", rs -> true,
                sender, afterTs, beforeTs).isPresent();
    }

    private static Message map(java.sql.ResultSet rs) throws SQLException {
        return new Message(rs.getString(1), rs.getString(2), rs.getString(3), rs.getLong(4), rs.getString(5), rs.getString(6),
                rs.getString(7));
    }

    /** Forgets a message (it was redacted). */
    public void forget(String eventId) throws SQLException {
        st.update("DELETE FROM messages WHERE event_id = ?", eventId);
    }

    /** Forgets messages older than {@code cutoffTs}: nobody submits a month-old chat line. */
    public int forgetBefore(long cutoffTs) throws SQLException {
        return st.update("DELETE FROM messages WHERE origin_ts < ?", cutoffTs);
    }
}
