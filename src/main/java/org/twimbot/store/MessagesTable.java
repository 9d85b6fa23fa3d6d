package org.twimbot.store;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Recent text messages of the submissions room that were not submitted, so an editor's submit
 * reaction, a {@code !twim} reply or an edit adding the prefix can still turn them into news.
 *
 * <p>Bounded per room, the oldest lines going first: at most {@link #MAX_ROWS} lines and
 * {@link #MAX_BYTES} of text, none more than {@link #MAX_AGE} older than the room's newest. A flood
 * of chat once grew the database to hundreds of megabytes; a line too long ever to be news keeps only
 * an excerpt (the caller decides, see {@link Message#overLength}). {@link #prune} runs after each page
 * and deletes at most {@link #PRUNE_BATCH} lines, so it never makes a transaction long.
 */
public final class MessagesTable {
    /** Nobody submits a chat line four weeks older than the room's latest. */
    public static final Duration MAX_AGE = Duration.ofDays(28);
    /** Lines per room: a busy week of the TWIM room is a few hundred. */
    public static final int MAX_ROWS = 10_000;
    /** UTF-8 bytes of text (body and HTML) per room: about 800 lines at the default submission limit. */
    public static final long MAX_BYTES = 16L * 1024 * 1024;
    /** Lines deleted by one {@link #prune} at most: twice a sync page, so pruning keeps up with any flood. */
    static final int PRUNE_BATCH = 1_000;

    private final Statements st;
    /** Per room, what it holds as far as known: measured by the last prune, plus what was remembered since. */
    private final Map<String, Usage> usage = new HashMap<>();
    /** Rooms remembered into (or left over budget) since the last prune. */
    private final Set<String> toCheck = new HashSet<>();

    MessagesTable(Statements st) {
        this.st = st;
    }

    /**
     * {@code relatedEventId}: the message this one replies to or is threaded under, or null.
     * {@code overLength}: 0 for a line kept whole; for a line too long ever to become a submission, its length
     * (then the posted {@code body} is an excerpt and {@code html} null), so that the author can be told why.
     */
    public record Message(Posted posted, String relatedEventId, int overLength) {}

    private static final String COLUMNS =
            "event_id, room_id, sender, origin_ts, body, html, related_event_id, over_length";

    /** Deferred (see {@link Statements#defer}): most chat is never read again. */
    public void remember(Message m) throws SQLException {
        Posted p = m.posted();
        long size = utf8Length(p.body()) + utf8Length(p.html());
        st.defer(
                "INSERT OR REPLACE INTO messages(" + COLUMNS + ", size) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                p.eventId(),
                p.roomId(),
                p.sender(),
                p.originTs(),
                p.body(),
                p.html(),
                m.relatedEventId(),
                m.overLength(),
                size);
        usage.computeIfPresent(p.roomId(), (room, u) -> u.plus(size, p.originTs()));
        toCheck.add(p.roomId());
    }

    public Optional<Message> byEventId(String eventId) throws SQLException {
        return st.one("SELECT " + COLUMNS + " FROM messages WHERE event_id = ?", MessagesTable::map, eventId);
    }

    /** Text replies or thread messages by {@code sender} under {@code eventId}, oldest first. */
    public List<Message> followUps(String eventId, String sender) throws SQLException {
        return st.list(
                "SELECT " + COLUMNS
                        + " FROM messages WHERE related_event_id = ? AND sender = ? ORDER BY origin_ts, event_id",
                MessagesTable::map,
                eventId,
                sender);
    }

    /** Whether {@code sender} posted any text between two moments (exclusive), for the media attach window. */
    public boolean anyBetween(String sender, long afterTs, long beforeTs) throws SQLException {
        return st.one(
                        "SELECT 1 FROM messages WHERE sender = ? AND origin_ts > ? AND origin_ts < ? LIMIT 1",
                        rs -> true,
                        sender,
                        afterTs,
                        beforeTs)
                .isPresent();
    }

    private static Message map(ResultSet rs) throws SQLException {
        Posted posted = new Posted(
                rs.getString(1), rs.getString(2), rs.getString(3), rs.getLong(4), rs.getString(5), rs.getString(6));
        return new Message(posted, rs.getString(7), rs.getInt(8));
    }

    /** Forgets a message (it was redacted). */
    public void forget(String eventId) throws SQLException {
        st.update("DELETE FROM messages WHERE event_id = ?", eventId);
    }

    /** Forgets messages older than {@code cutoffTs}: nobody submits a month-old chat line. */
    public int forgetBefore(long cutoffTs) throws SQLException {
        usage.clear();
        return st.update("DELETE FROM messages WHERE origin_ts < ?", cutoffTs);
    }

    /**
     * Brings every room remembered into since the last call back within its budget, oldest lines first,
     * deleting at most {@link #PRUNE_BATCH} lines per room (a room still over budget is pruned further next
     * time). Cheap when nothing is due: the rooms' sizes are estimated in memory and measured (from an index,
     * not the text) only when the estimate is over budget or unknown.
     *
     * @return lines deleted
     */
    public int prune() throws SQLException {
        int deleted = 0;
        for (String room : List.copyOf(toCheck)) {
            Usage known = usage.get(room);
            if (known != null && !known.over()) {
                toCheck.remove(room);
                continue;
            }
            Usage measured = measure(room);
            if (measured.over()) {
                deleted += deleteOldest(room, measured);
                measured = measure(room);
            }
            usage.put(room, measured);
            if (!measured.over()) toCheck.remove(room);
        }
        return deleted;
    }

    /** The transaction rolled back: what was estimated may not have happened. */
    void forgetUsage() {
        usage.clear();
    }

    private Usage measure(String room) throws SQLException {
        return st.one(
                        "SELECT count(*), total(size), min(origin_ts), max(origin_ts) FROM messages WHERE room_id = ?",
                        rs -> new Usage(rs.getLong(1), rs.getLong(2), rs.getLong(3), rs.getLong(4)),
                        room)
                .orElseThrow();
    }

    /** Deletes the oldest lines until {@code u} is within budget, at most {@link #PRUNE_BATCH} of them. */
    private int deleteOldest(String room, Usage u) throws SQLException {
        String oldest = " FROM messages WHERE room_id = ? ORDER BY origin_ts, size, rowid LIMIT ?"; // the index's order
        List<long[]> lines = st.list(
                "SELECT origin_ts, size" + oldest, rs -> new long[] {rs.getLong(1), rs.getLong(2)}, room, PRUNE_BATCH);
        long cutoff = u.newestTs() - MAX_AGE.toMillis();
        long rows = u.rows();
        long bytes = u.bytes();
        int n = 0;
        for (long[] line : lines) {
            if (rows <= MAX_ROWS && bytes <= MAX_BYTES && line[0] >= cutoff) break;
            rows--;
            bytes -= line[1];
            n++;
        }
        return n == 0 ? 0 : st.update("DELETE FROM messages WHERE rowid IN (SELECT rowid" + oldest + ")", room, n);
    }

    /** A room's lines: how many, their text's bytes, the oldest and newest timestamps. */
    private record Usage(long rows, long bytes, long oldestTs, long newestTs) {
        boolean over() {
            return rows > MAX_ROWS || bytes > MAX_BYTES || newestTs - oldestTs > MAX_AGE.toMillis();
        }

        Usage plus(long size, long ts) {
            if (rows == 0) return new Usage(1, size, ts, ts);
            return new Usage(rows + 1, bytes + size, Math.min(oldestTs, ts), Math.max(newestTs, ts));
        }
    }

    private static long utf8Length(String s) {
        if (s == null) return 0;
        long n = 0;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < 0x80) n++;
            else if (c < 0x800) n += 2;
            else if (Character.isHighSurrogate(c)) {
                n += 4;
                i++;
            } else n += 3;
        }
        return n;
    }
}
