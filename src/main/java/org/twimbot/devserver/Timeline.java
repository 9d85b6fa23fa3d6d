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
        List<Long> positions = room.positions();
        int low = room.indexAfter(after);
        int i = room.indexAfter(upTo) - 1;
        List<StoredEvent> out = new ArrayList<>();
        boolean more = false;
        for (; i >= low; i--) {
            StoredEvent e = store.at(positions.get(i));
            if (!filter.matches(e)) {
                continue;
            }
            if (out.size() == limit) {
                more = true;
                break;
            }
            out.add(e);
        }
        Collections.reverse(out);
        return new Timeline(out, more);
    }

    /** The first {@code limit} matching events with after &lt; pos &lt;= upTo (forward paging). */
    static Timeline earliest(Room room, EventStore store, long after, long upTo, EventFilter filter, int limit) {
        List<Long> positions = room.positions();
        int high = room.indexAfter(upTo);
        List<StoredEvent> out = new ArrayList<>();
        boolean more = false;
        for (int i = room.indexAfter(after); i < high; i++) {
            StoredEvent e = store.at(positions.get(i));
            if (!filter.matches(e)) {
                continue;
            }
            if (out.size() == limit) {
                more = true;
                break;
            }
            out.add(e);
        }
        return new Timeline(out, more);
    }

    long firstPos() { return events.get(0).pos(); }

    long lastPos() { return events.get(events.size() - 1).pos(); }

    boolean isEmpty() { return events.isEmpty(); }
}
