package org.twimbot.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Prepared statements cached per SQL text (the ingest path runs the same few statements thousands
 * of times), and deferred writes: inserts whose outcome nobody waits for are queued as JDBC batches,
 * which sqlite-jdbc binds and runs in one native call instead of one call per parameter and step.
 * A queued batch runs before any statement that names its table and before the transaction
 * commits, so every read sees every write made before it, in order.
 */
final class Statements {
    /** The tables writes may be deferred to: written once per event on the catch-up path, read rarely. */
    private static final Set<String> DEFERRABLE = Set.of("messages", "outbox", "placements");

    private static final Pattern WORD = Pattern.compile("[A-Za-z_]+");

    private final Connection connection;
    private final Map<String, Prepared> cache = new HashMap<>();
    /** Rows queued per statement, statements in the order their first row was queued. */
    private final Map<String, Queue> pending = new LinkedHashMap<>();
    /**
     * Text held by queued rows (characters): a row keeps its parameters until it runs, so a catch-up of
     * thousands of 60,000-character chat lines would otherwise hold them all in the heap until the commit.
     */
    private long queuedChars;
    /** Queued text that makes the batches run at once (about 2 MiB of heap as Latin-1, 4 as UTF-16). */
    static final long MAX_QUEUED_CHARS = 1L << 20;
    /** The open savepoint's view of the queue, or null (see {@link #savepoint}). */
    private Mark mark;

    /** A prepared statement and the deferrable tables its SQL names (for flushing before it runs). */
    private record Prepared(PreparedStatement statement, Set<String> tables) {}

    /** The rows queued for one statement, in order. */
    private record Queue(Prepared prepared, List<Object[]> rows) {}

    /**
     * What a savepoint must undo in the queue: {@code sizes} are the rows each statement had queued when it was
     * set (rows after them belong to the work inside it); {@code ranEarly} are rows queued before it that ran inside
     * it, because a statement inside needed them, and that its rollback undoes with the rest.
     */
    private record Mark(Map<String, Integer> sizes, List<Row> ranEarly) {}

    private record Row(Prepared prepared, Object[] params) {}

    Statements(Connection connection) {
        this.connection = connection;
    }

    PreparedStatement prepare(String sql, Object... params) throws SQLException {
        Prepared p = prepared(sql);
        flushTouching(p.tables());
        return bind(p.statement(), params);
    }

    int update(String sql, Object... params) throws SQLException {
        return prepare(sql, params).executeUpdate();
    }

    /**
     * Queues a write to one of the {@link #DEFERRABLE} tables. It must be one whose outcome the caller
     * does not need to know (no row id, no count) and that cannot fail on data the caller checked
     * (INSERT OR IGNORE, an insert with valid references, an UPDATE): errors surface when the batch runs.
     */
    void defer(String sql, Object... params) throws SQLException {
        Prepared p = prepared(sql);
        if (p.tables().isEmpty()) throw new IllegalArgumentException("not a deferrable table: " + sql);
        if (!pending.containsKey(sql)) flushTouching(p.tables()); // keeps the order of writes to one table
        pending.computeIfAbsent(sql, k -> new Queue(p, new ArrayList<>()))
                .rows()
                .add(params);
        for (Object param : params) if (param instanceof String s) queuedChars += s.length();
        if (queuedChars > MAX_QUEUED_CHARS) flush(); // all of them, in the order queued: reads still see every write
    }

    long queuedChars() {
        return queuedChars;
    }

    /** Runs every queued write; called before commit. */
    void flush() throws SQLException {
        List<String> all = new ArrayList<>(pending.keySet());
        for (String sql : all) run(sql);
        queuedChars = 0;
    }

    /** Drops queued writes; called on rollback, so nothing of a failed transaction leaks into the next. */
    void discard() {
        pending.clear();
        queuedChars = 0;
        mark = null;
    }

    /**
     * Sets a savepoint: {@link #rollbackToSavepoint} undoes the writes made after it, queued or run, and keeps those
     * made before. One at a time (an event's work; they do not nest).
     */
    void savepoint() throws SQLException {
        if (mark != null) throw new IllegalStateException("a savepoint is already open");
        Map<String, Integer> sizes = new HashMap<>();
        pending.forEach((sql, q) -> sizes.put(sql, q.rows().size()));
        update("SAVEPOINT event"); // a cached statement: JDBC's setSavepoint parses new SQL each time, per event
        mark = new Mark(sizes, new ArrayList<>());
    }

    /** Keeps the work done since {@link #savepoint}. */
    void releaseSavepoint() throws SQLException {
        mark = null;
        update("RELEASE event");
    }

    /** Undoes the work done since {@link #savepoint}: its queued rows are dropped, the earlier rows it ran run again. */
    void rollbackToSavepoint() throws SQLException {
        Mark m = mark;
        mark = null;
        update("ROLLBACK TO event");
        update("RELEASE event");
        for (var it = pending.entrySet().iterator(); it.hasNext(); ) {
            var e = it.next();
            List<Object[]> rows = e.getValue().rows();
            int keep = m.sizes().getOrDefault(e.getKey(), 0);
            rows.subList(keep, rows.size()).clear();
            if (rows.isEmpty()) it.remove();
        }
        for (Row r : m.ranEarly()) bind(r.prepared().statement(), r.params()).executeUpdate();
    }

    /** Runs an INSERT and returns the new row id. */
    long insert(String sql, Object... params) throws SQLException {
        PreparedStatement ps = prepare(sql, params);
        ps.executeUpdate();
        // a cached statement: preparing (and leaking) a new one per insert showed up on the ingest path
        try (ResultSet rs = prepare("SELECT last_insert_rowid()").executeQuery()) {
            rs.next();
            return rs.getLong(1);
        }
    }

    <T> List<T> list(String sql, RowMapper<T> mapper, Object... params) throws SQLException {
        try (ResultSet rs = prepare(sql, params).executeQuery()) {
            List<T> out = new ArrayList<>();
            while (rs.next()) out.add(mapper.map(rs));
            return out;
        }
    }

    <T> Optional<T> one(String sql, RowMapper<T> mapper, Object... params) throws SQLException {
        List<T> all = list(sql, mapper, params);
        return all.isEmpty() ? Optional.empty() : Optional.of(all.get(0));
    }

    private Prepared prepared(String sql) throws SQLException {
        Prepared p = cache.get(sql);
        if (p == null) {
            p = new Prepared(connection.prepareStatement(sql), deferrableTablesNamed(sql));
            cache.put(sql, p);
        }
        return p;
    }

    private void flushTouching(Set<String> tables) throws SQLException {
        if (pending.isEmpty() || tables.isEmpty()) return;
        // runs before nearly every statement of a catch-up: plain loops, no streams (their garbage showed in JFR)
        List<String> due = null;
        for (var e : pending.entrySet()) {
            if (!namesAny(e.getValue().prepared().tables(), tables)) continue;
            if (due == null) due = new ArrayList<>(2);
            due.add(e.getKey());
        }
        if (due != null) for (String sql : due) run(sql);
    }

    /** Runs the rows queued for {@code sql} as one batch; those queued before an open savepoint are noted for it. */
    private void run(String sql) throws SQLException {
        Queue q = pending.remove(sql);
        if (q == null) return;
        PreparedStatement ps = q.prepared().statement();
        for (Object[] row : q.rows()) bind(ps, row).addBatch();
        if (mark != null) {
            int before = mark.sizes().getOrDefault(sql, 0);
            for (Object[] row : q.rows().subList(0, Math.min(before, q.rows().size()))) {
                mark.ranEarly().add(new Row(q.prepared(), row));
            }
            mark.sizes().remove(sql);
        }
        try {
            ps.executeBatch();
        } finally {
            ps.clearBatch();
        }
    }

    private static boolean namesAny(Set<String> named, Set<String> tables) {
        for (String t : named) if (tables.contains(t)) return true;
        return false;
    }

    private static PreparedStatement bind(PreparedStatement ps, Object... params) throws SQLException {
        ps.clearParameters();
        for (int i = 0; i < params.length; i++) ps.setObject(i + 1, params[i]);
        return ps;
    }

    private static Set<String> deferrableTablesNamed(String sql) {
        Set<String> named = new HashSet<>();
        var words = WORD.matcher(sql);
        while (words.find()) {
            String w = words.group().toLowerCase(Locale.ROOT);
            if (DEFERRABLE.contains(w)) named.add(w);
        }
        return Set.copyOf(named);
    }

    @FunctionalInterface
    interface RowMapper<T> {
        T map(ResultSet rs) throws SQLException;
    }
}
