package org.twimbot.store;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;

/** Media attached to submissions; detaching is a flag. */
public final class MediaTable {
    private static final String COLUMNS = "id, submission_id, event_id, kind, file_name, mxc_uri, mime_type, origin_ts";
    private final Statements st;

    MediaTable(Statements st) {
        this.st = st;
    }

    /** Attaches a media event; false when that event is already attached somewhere. */
    public boolean attach(long submissionId, MediaEventsTable.MediaEvent media) throws SQLException {
        return st.update(
                        "INSERT OR IGNORE INTO media(submission_id, event_id, kind, file_name, mxc_uri, mime_type, origin_ts) "
                                + "VALUES (?, ?, ?, ?, ?, ?, ?)",
                        submissionId,
                        media.eventId(),
                        media.kind(),
                        media.fileName(),
                        media.mxcUri(),
                        media.mimeType(),
                        media.originTs())
                == 1;
    }

    public List<MediaAttachment> ofSubmission(long submissionId) throws SQLException {
        return st.list(
                "SELECT " + COLUMNS
                        + " FROM media WHERE submission_id = ? AND detached = 0 ORDER BY origin_ts, event_id",
                MediaTable::map,
                submissionId);
    }

    /** Detaches a media event (it was redacted); true when it was attached. */
    public boolean detach(String eventId) throws SQLException {
        return st.update("UPDATE media SET detached = 1 WHERE event_id = ? AND detached = 0", eventId) == 1;
    }

    private static MediaAttachment map(ResultSet rs) throws SQLException {
        return new MediaAttachment(
                rs.getLong(1),
                rs.getLong(2),
                rs.getString(3),
                rs.getString(4),
                rs.getString(5),
                rs.getString(6),
                rs.getString(7),
                rs.getLong(8));
    }
}
