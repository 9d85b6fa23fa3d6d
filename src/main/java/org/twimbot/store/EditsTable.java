package org.twimbot.store;

import java.sql.SQLException;
import java.util.Optional;

/**
 * Every edit ({@code m.replace}) of a message, kept so that the latest one wins whatever order
 * they arrive in, an edit that arrives before its original is applied when the original comes,
 * and redacting an edit brings the previous version back.
 */
public final class EditsTable {
    private final Statements st;

    EditsTable(Statements st) {
        this.st = st;
    }

    public record Edit(String eventId, String targetEventId, String sender, long originTs, String body, String html) {}

    /** Records an edit; false when it was already recorded. */
    public boolean add(String eventId, String targetEventId, String sender, long originTs, String body, String html)
            throws SQLException {
        return st.update(
                        "INSERT OR IGNORE INTO edits(event_id, target_event_id, sender, origin_ts, body, html) "
                                + "VALUES (?, ?, ?, ?, ?, ?)",
                        eventId,
                        targetEventId,
                        sender,
                        originTs,
                        body,
                        html)
                == 1;
    }

    /** The latest live edit of {@code targetEventId} by {@code sender}: by timestamp, then event id. */
    public Optional<Edit> latest(String targetEventId, String sender) throws SQLException {
        return st.one(
                "SELECT event_id, target_event_id, sender, origin_ts, body, html FROM edits "
                        + "WHERE target_event_id = ? AND sender = ? AND redacted = 0 ORDER BY origin_ts DESC, event_id DESC LIMIT 1",
                rs -> new Edit(
                        rs.getString(1),
                        rs.getString(2),
                        rs.getString(3),
                        rs.getLong(4),
                        rs.getString(5),
                        rs.getString(6)),
                targetEventId,
                sender);
    }

    /** Whether {@code sender} has a live edit of {@code targetEventId} (an index lookup; most messages have none). */
    public boolean any(String targetEventId, String sender) throws SQLException {
        return st.one(
                        "SELECT 1 FROM edits WHERE target_event_id = ? AND sender = ? AND redacted = 0 LIMIT 1",
                        rs -> true,
                        targetEventId,
                        sender)
                .isPresent();
    }

    /** An edit that broke the length rules: it no longer counts, like a redacted one, and its text is not kept. */
    public void refuse(String eventId) throws SQLException {
        st.update("UPDATE edits SET redacted = 1, body = '', html = NULL WHERE event_id = ?", eventId);
    }

    /** Marks an edit redacted; returns its target when it was a known edit. */
    public Optional<String> redact(String eventId) throws SQLException {
        Optional<String> target = st.one(
                "SELECT target_event_id FROM edits WHERE event_id = ? AND redacted = 0",
                rs -> rs.getString(1),
                eventId);
        if (target.isPresent()) st.update("UPDATE edits SET redacted = 1 WHERE event_id = ?", eventId);
        return target;
    }
}
