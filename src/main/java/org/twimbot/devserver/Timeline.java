package org.twimbot.devserver;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Scans a room's events between two stream positions, newest first, keeping those that pass
 * a filter. Shared by /sync (last N events since a token) and /messages (backwards paging).
 *
 * @param events matching events in chronological order
 * @param more whether matching events exist before the first returned one (within the range)
 */
record Timeline(List<StoredEvent> events, boolean more) {

    /** The last {@code limit} matching events with after &lt; pos &lt;= upTo. */
    static Timeline latest(Room room, EventStore store, long after, long upTo, EventFilter filter, int limit) {
        Timeline newestFirst =
                walk(room, store, room.indexAfter(upTo) - 1, room.indexAfter(after) - 1, -1, filter, limit);
        List<StoredEvent> out = new ArrayList<>(newestFirst.events());
        Collections.reverse(out);
        return new Timeline(out, newestFirst.more());
    }

    /** The first {@code limit} matching events with after &lt; pos &lt;= upTo (forward paging). */
    static Timeline earliest(Room room, EventStore store, long after, long upTo, EventFilter filter, int limit) {
        return walk(room, store, room.indexAfter(after), room.indexAfter(upTo), 1, filter, limit);
    }

    /** Up to {@code limit} matching events at room indexes {@code from}, {@code from + step}, … before {@code end}. */
    private static Timeline walk(
            Room room, EventStore store, int from, int end, int step, EventFilter filter, int limit) {
        List<Long> positions = room.positions();
        List<StoredEvent> out = new ArrayList<>();
        for (int i = from; step > 0 ? i < end : i > end; i += step) {
            StoredEvent e = store.at(positions.get(i));
            if (!filter.matches(e)) {
                continue;
            }
            if (out.size() == limit) {
                return new Timeline(out, true);
            }
            out.add(e);
        }
        return new Timeline(out, false);
    }

    long firstPos() {
        return events.get(0).pos();
    }

    long lastPos() {
        return events.get(events.size() - 1).pos();
    }

    boolean isEmpty() {
        return events.isEmpty();
    }
}
