package org.twimbot.store;

import java.sql.SQLException;
import java.util.List;

/** Who rejected which submission with which event, so redacting the ❌ restores exactly that. */
public final class RejectionsTable {
    private final Statements st;

    RejectionsTable(Statements st) {
        this.st = st;
    }

    public void add(long submissionId, String sourceEventId, String editor, long ts) throws SQLException {
        st.update(
                "INSERT INTO rejections(submission_id, source_event_id, editor, created_ts) VALUES (?, ?, ?, ?)",
                submissionId,
                sourceEventId,
                editor,
                ts);
    }

    /** Withdraws the rejection made by {@code sourceEventId}; returns the submission ids it rejected. */
    public List<Long> removeBySource(String sourceEventId) throws SQLException {
        List<Long> ids = st.list(
                "SELECT submission_id FROM rejections WHERE source_event_id = ? AND removed = 0",
                rs -> rs.getLong(1),
                sourceEventId);
        st.update("UPDATE rejections SET removed = 1 WHERE source_event_id = ?", sourceEventId);
        return ids;
    }

    /** Withdraws every rejection of a submission (!restore). */
    public void removeAll(long submissionId) throws SQLException {
        st.update("UPDATE rejections SET removed = 1 WHERE submission_id = ? AND removed = 0", submissionId);
    }

    public boolean isRejected(long submissionId) throws SQLException {
        return st.one(
                        "SELECT 1 FROM rejections WHERE submission_id = ? AND removed = 0 LIMIT 1",
                        rs -> true,
                        submissionId)
                .isPresent();
    }
}
