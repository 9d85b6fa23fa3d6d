package org.twimbot.store;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Editions: at most one open, the rest published (archived, never deleted). */
public final class EditionsTable {
    private static final String COLUMNS = "id, date, status, live_url, opened_at, published_at";
    private final Statements st;
    /**
     * Editions read in this transaction: every submission, reaction and edit asks whether its week is
     * open. Dropped on every write to the table and when the transaction ends.
     */
    private final Map<Long, Optional<Edition>> readById = new HashMap<>();

    private Optional<Edition> readOpen;

    EditionsTable(Statements st) {
        this.st = st;
    }

    public Optional<Edition> open() throws SQLException {
        if (readOpen == null)
            readOpen = st.one("SELECT " + COLUMNS + " FROM editions WHERE status = 'open'", EditionsTable::map);
        return readOpen;
    }

    /** The transaction ended, or the table changed. */
    void forget() {
        readById.clear();
        readOpen = null;
    }

    /** The open edition, creating one dated {@code date} when there is none. */
    public Edition openOrCreate(LocalDate date, long now) throws SQLException {
        Optional<Edition> open = open();
        if (open.isPresent()) return open.get();
        forget();
        long id =
                st.insert("INSERT INTO editions(date, status, opened_at) VALUES (?, 'open', ?)", date.toString(), now);
        return byId(id).orElseThrow();
    }

    public Optional<Edition> byId(long id) throws SQLException {
        Optional<Edition> known = readById.get(id);
        if (known != null) return known;
        Optional<Edition> read = st.one("SELECT " + COLUMNS + " FROM editions WHERE id = ?", EditionsTable::map, id);
        readById.put(id, read);
        return read;
    }

    public List<Edition> all() throws SQLException {
        return st.list("SELECT " + COLUMNS + " FROM editions ORDER BY id", EditionsTable::map);
    }

    public Optional<Edition> lastPublished() throws SQLException {
        return st.one(
                "SELECT " + COLUMNS
                        + " FROM editions WHERE status = 'published' ORDER BY published_at DESC, id DESC LIMIT 1",
                EditionsTable::map);
    }

    public void publish(long id, long now) throws SQLException {
        forget();
        st.update("UPDATE editions SET status = 'published', published_at = ? WHERE id = ?", now, id);
    }

    public void reopen(long id) throws SQLException {
        forget();
        st.update("UPDATE editions SET status = 'open', published_at = NULL WHERE id = ?", id);
    }

    /** Removes an edition that never received anything (used when !reopen replaces a fresh empty week). */
    public boolean deleteIfEmpty(long id) throws SQLException {
        forget();
        return st.update(
                        "DELETE FROM editions WHERE id = ?"
                                + " AND NOT EXISTS (SELECT 1 FROM submissions WHERE edition_id = ?)"
                                + " AND NOT EXISTS (SELECT 1 FROM pongs WHERE edition_id = ?)",
                        id,
                        id,
                        id)
                == 1;
    }

    public void setLiveUrl(long id, String url) throws SQLException {
        forget();
        st.update("UPDATE editions SET live_url = ? WHERE id = ?", url, id);
    }

    private static Edition map(ResultSet rs) throws SQLException {
        long published = rs.getLong(6);
        Long publishedAt = rs.wasNull() ? null : published;
        String live = rs.getString(4);
        return new Edition(
                rs.getLong(1),
                LocalDate.parse(rs.getString(2)),
                "open".equals(rs.getString(3)),
                live == null ? "" : live,
                rs.getLong(5),
                publishedAt);
    }
}
