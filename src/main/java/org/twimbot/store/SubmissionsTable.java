package org.twimbot.store;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** Submissions, numbered per edition in arrival order. */
public final class SubmissionsTable {
    private static final String COLUMNS =
            "id, edition_id, number, event_id, room_id, sender, origin_ts, body, html, deleted, rejected, edited_ts, drafted_ts, "
                    + "withdrawn";
    private static final String REF_COLUMNS = "id, edition_id, number, event_id, room_id, sender, withdrawn";
    private final Statements st;

    SubmissionsTable(Statements st) {
        this.st = st;
    }

    /** Stores a new submission with the next free number of its edition; empty when the event is already stored. */
    public Optional<Submission> insert(long editionId, Posted posted) throws SQLException {
        return insert(editionId, posted, Via.PREFIX);
    }

    /** How a message became a submission; an edit that removes the prefix withdraws only {@link #PREFIX} ones. */
    public enum Via {
        PREFIX,
        REACTION,
        COMMAND,
        IMPORT
    }

    public Optional<Submission> insert(long editionId, Posted posted, Via via) throws SQLException {
        // one statement: the number, the insert and the new row's id (INSERT OR IGNORE returns no row for a known
        // event); orig_body stays NULL until the first edit, so the text is not written twice for every submission
        List<long[]> inserted = st.list(
                "INSERT OR IGNORE INTO submissions(edition_id, number, event_id, room_id, sender, "
                        + "origin_ts, body, html, via) VALUES (?, (SELECT coalesce(max(number), 0) + 1 FROM submissions "
                        + "WHERE edition_id = ?), ?, ?, ?, ?, ?, ?, ?) RETURNING id, number",
                rs -> new long[] {rs.getLong(1), rs.getLong(2)},
                editionId,
                editionId,
                posted.eventId(),
                posted.roomId(),
                posted.sender(),
                posted.originTs(),
                posted.body(),
                posted.html(),
                via.name().toLowerCase(Locale.ROOT));
        if (inserted.isEmpty()) return Optional.empty();
        long id = inserted.get(0)[0];
        int number = (int) inserted.get(0)[1];
        return Optional.of(new Submission(id, editionId, number, posted, false, false, null, null, false));
    }

    /** Whether a submission was made from {@code eventId} (cheaper than reading it). */
    public boolean exists(String eventId) throws SQLException {
        return st.one("SELECT 1 FROM submissions WHERE event_id = ?", rs -> true, eventId)
                .isPresent();
    }

    /** The text the submission had before any edit. */
    public record Text(String body, String html) {}

    public Text original(long id) throws SQLException {
        return st.one(
                        "SELECT coalesce(orig_body, body), CASE WHEN orig_body IS NULL THEN html ELSE orig_html END "
                                + "FROM submissions WHERE id = ?",
                        rs -> new Text(rs.getString(1), rs.getString(2)),
                        id)
                .orElseThrow();
    }

    public Via via(long id) throws SQLException {
        return st.one(
                        "SELECT via FROM submissions WHERE id = ?",
                        rs -> Via.valueOf(rs.getString(1).toUpperCase(Locale.ROOT)),
                        id)
                .orElseThrow();
    }

    public Optional<Submission> byId(long id) throws SQLException {
        return st.one("SELECT " + COLUMNS + " FROM submissions WHERE id = ?", SubmissionsTable::map, id);
    }

    public Optional<Submission> byEventId(String eventId) throws SQLException {
        return st.one("SELECT " + COLUMNS + " FROM submissions WHERE event_id = ?", SubmissionsTable::map, eventId);
    }

    /** The submission made from {@code eventId}, without its text (see {@link SubmissionRef}). */
    public Optional<SubmissionRef> refByEventId(String eventId) throws SQLException {
        return st.one(
                "SELECT " + REF_COLUMNS + " FROM submissions WHERE event_id = ?", SubmissionsTable::mapRef, eventId);
    }

    public Optional<Submission> byNumber(long editionId, int number) throws SQLException {
        return st.one(
                "SELECT " + COLUMNS + " FROM submissions WHERE edition_id = ? AND number = ?",
                SubmissionsTable::map,
                editionId,
                number);
    }

    /** All submissions of an edition, deleted and rejected included, by number. */
    public List<Submission> ofEdition(long editionId) throws SQLException {
        return st.list(
                "SELECT " + COLUMNS + " FROM submissions WHERE edition_id = ? ORDER BY number",
                SubmissionsTable::map,
                editionId);
    }

    /** The sender's latest live submission in the edition at or before {@code ts}. */
    public Optional<Submission> latestBy(long editionId, String sender, long ts) throws SQLException {
        return st.one(
                "SELECT " + COLUMNS + " FROM submissions WHERE edition_id = ? AND sender = ? AND origin_ts <= ? "
                        + "AND deleted = 0 ORDER BY origin_ts DESC, event_id DESC LIMIT 1",
                SubmissionsTable::map,
                editionId,
                sender,
                ts);
    }

    public void markDeleted(long id, boolean deleted) throws SQLException {
        st.update("UPDATE submissions SET deleted = ? WHERE id = ?", deleted ? 1 : 0, id);
    }

    public void setWithdrawn(long id, boolean withdrawn) throws SQLException {
        st.update("UPDATE submissions SET withdrawn = ? WHERE id = ?", withdrawn ? 1 : 0, id);
    }

    public void setRejected(long id, boolean rejected) throws SQLException {
        st.update("UPDATE submissions SET rejected = ? WHERE id = ?", rejected ? 1 : 0, id);
    }

    /**
     * Sets the current text; {@code editedTs} null when it went back to the original. The first change keeps the
     * original in orig_body/orig_html (SQLite evaluates every SET expression on the row as it was).
     */
    public void updateText(long id, String body, String html, Long editedTs) throws SQLException {
        st.update(
                "UPDATE submissions SET orig_html = CASE WHEN orig_body IS NULL THEN html ELSE orig_html END, "
                        + "orig_body = coalesce(orig_body, body), body = ?, html = ?, edited_ts = ? WHERE id = ?",
                body,
                html,
                editedTs,
                id);
    }

    /** Remembers when the edition was last drafted, so later edits can be flagged. */
    public void markDrafted(long editionId, long ts) throws SQLException {
        st.update("UPDATE submissions SET drafted_ts = ? WHERE edition_id = ?", ts, editionId);
    }

    /** Moves every submission of one edition to the end of another, renumbering them there. */
    public int moveToEdition(long fromEditionId, long toEditionId) throws SQLException {
        List<Submission> moving = ofEdition(fromEditionId);
        int next = st.one(
                        "SELECT coalesce(max(number), 0) FROM submissions WHERE edition_id = ?",
                        rs -> rs.getInt(1),
                        toEditionId)
                .orElse(0);
        for (Submission s : moving) {
            st.update("UPDATE submissions SET edition_id = ?, number = ? WHERE id = ?", toEditionId, ++next, s.id());
        }
        return moving.size();
    }

    public long count() throws SQLException {
        return st.one("SELECT count(*) FROM submissions", rs -> rs.getLong(1)).orElse(0L);
    }

    private static SubmissionRef mapRef(ResultSet rs) throws SQLException {
        return new SubmissionRef.Header(
                rs.getLong(1),
                rs.getLong(2),
                rs.getInt(3),
                rs.getString(4),
                rs.getString(5),
                rs.getString(6),
                rs.getInt(7) != 0);
    }

    private static Submission map(ResultSet rs) throws SQLException {
        long edited = rs.getLong(12);
        Long editedTs = rs.wasNull() ? null : edited;
        long drafted = rs.getLong(13);
        Long draftedTs = rs.wasNull() ? null : drafted;
        Posted posted = new Posted(
                rs.getString(4), rs.getString(5), rs.getString(6), rs.getLong(7), rs.getString(8), rs.getString(9));
        return new Submission(
                rs.getLong(1),
                rs.getLong(2),
                rs.getInt(3),
                posted,
                rs.getInt(10) != 0,
                rs.getInt(11) != 0,
                editedTs,
                draftedTs,
                rs.getInt(14) != 0);
    }
}
