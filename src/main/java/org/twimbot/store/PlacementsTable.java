package org.twimbot.store;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Locale;

/** Placements of submissions into sections and projects; removal is a flag, so history stays readable. */
public final class PlacementsTable {
    private static final String COLUMNS =
            "id, submission_id, kind, key, source_event_id, editor, provisional, created_ts";
    private final Statements st;

    PlacementsTable(Statements st) {
        this.st = st;
    }

    /** Deferred (see {@link Statements#defer}): the next statement that reads placements sees it. */
    public void add(
            long submissionId,
            Placement.Kind kind,
            String key,
            String sourceEventId,
            String editor,
            boolean provisional,
            long ts)
            throws SQLException {
        st.defer(
                "INSERT INTO placements(submission_id, kind, key, source_event_id, editor, provisional, created_ts) "
                        + "VALUES (?, ?, ?, ?, ?, ?, ?)",
                submissionId,
                kind.name().toLowerCase(Locale.ROOT),
                key,
                sourceEventId,
                editor,
                provisional ? 1 : 0,
                ts);
    }

    /** Active placements of a submission, oldest first. */
    public List<Placement> active(long submissionId) throws SQLException {
        return st.list(
                "SELECT " + COLUMNS + " FROM placements WHERE submission_id = ? AND removed = 0 ORDER BY id",
                PlacementsTable::map,
                submissionId);
    }

    /** Undoes the placement made by {@code sourceEventId}; returns what was undone. */
    public List<Placement> removeBySource(String sourceEventId) throws SQLException {
        List<Placement> found = st.list(
                "SELECT " + COLUMNS + " FROM placements WHERE source_event_id = ? AND removed = 0",
                PlacementsTable::map,
                sourceEventId);
        st.update("UPDATE placements SET removed = 1 WHERE source_event_id = ?", sourceEventId);
        return found;
    }

    /** Undoes a removal. */
    public void restore(long placementId) throws SQLException {
        st.update("UPDATE placements SET removed = 0 WHERE id = ?", placementId);
    }

    /** Removes the bot's provisional placements of a submission (an editor decided). Deferred like {@link #add}. */
    public void removeProvisional(long submissionId) throws SQLException {
        st.defer(
                "UPDATE placements SET removed = 1 WHERE submission_id = ? AND provisional = 1 AND removed = 0",
                submissionId);
    }

    /** Removes every active placement of a submission (!unassign). */
    public int removeAll(long submissionId) throws SQLException {
        return st.update("UPDATE placements SET removed = 1 WHERE submission_id = ? AND removed = 0", submissionId);
    }

    /** An editor's placement of a published item: who sent the news, where it went, and its text. */
    public record Confirmed(String sender, Placement.Kind kind, String key, String body) {}

    /**
     * The editors' placements in published editions, newest first, at most {@code limit}: what placement learns
     * about senders and sections. The bot's own placements count once an editor left them standing at publication.
     */
    public List<Confirmed> confirmed(int limit) throws SQLException {
        return st.list(
                "SELECT s.sender, p.kind, p.key, s.body FROM placements p JOIN submissions s ON s.id = p.submission_id "
                        + "JOIN editions e ON e.id = s.edition_id WHERE e.status = 'published' AND p.removed = 0 AND s.deleted = 0 "
                        + "AND s.rejected = 0 ORDER BY p.id DESC LIMIT ?",
                rs -> new Confirmed(
                        rs.getString(1),
                        Placement.Kind.valueOf(rs.getString(2).toUpperCase(Locale.ROOT)),
                        rs.getString(3),
                        rs.getString(4)),
                limit);
    }

    private static Placement map(ResultSet rs) throws SQLException {
        return new Placement(
                rs.getLong(1),
                rs.getLong(2),
                Placement.Kind.valueOf(rs.getString(3).toUpperCase(Locale.ROOT)),
                rs.getString(4),
                rs.getString(5),
                rs.getString(6),
                rs.getInt(7) != 0,
                rs.getLong(8));
    }
}
