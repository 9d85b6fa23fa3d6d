package org.twimbot.store;

import java.sql.SQLException;
import java.util.Optional;

/** Media messages of the submissions room, attached or not, so a later reaction or {@code !attach} can attach them. */
public final class MediaEventsTable {
    private final Statements st;

    MediaEventsTable(Statements st) {
        this.st = st;
    }

    public record MediaEvent(
            String eventId,
            String roomId,
            String sender,
            long originTs,
            String kind,
            String fileName,
            String mxcUri,
            String mimeType,
            String relatedEventId) {}

    public void remember(MediaEvent m) throws SQLException {
        st.update(
                "INSERT OR IGNORE INTO media_events(event_id, room_id, sender, origin_ts, kind, file_name, mxc_uri, "
                        + "mime_type, related_event_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                m.eventId(),
                m.roomId(),
                m.sender(),
                m.originTs(),
                m.kind(),
                m.fileName(),
                m.mxcUri(),
                m.mimeType(),
                m.relatedEventId());
    }

    public Optional<MediaEvent> byEventId(String eventId) throws SQLException {
        return st.one(
                "SELECT event_id, room_id, sender, origin_ts, kind, file_name, mxc_uri, mime_type, related_event_id "
                        + "FROM media_events WHERE event_id = ?",
                rs -> new MediaEvent(
                        rs.getString(1),
                        rs.getString(2),
                        rs.getString(3),
                        rs.getLong(4),
                        rs.getString(5),
                        rs.getString(6),
                        rs.getString(7),
                        rs.getString(8),
                        rs.getString(9)),
                eventId);
    }
}
