package org.twimbot.devserver;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** All room events in global stream order. Not thread-safe: guarded by the server lock. */
final class EventStore {
    private final List<StoredEvent> byPos = new ArrayList<>(); // index = pos - 1
    private final Map<String, Long> posById = new HashMap<>();

    long position() {
        return byPos.size();
    }

    long nextPosition() {
        return byPos.size() + 1L;
    }

    void append(StoredEvent event) {
        if (event.pos() != nextPosition()) {
            throw new IllegalStateException("out of order append");
        }
        byPos.add(event);
        posById.put(event.eventId(), event.pos());
    }

    StoredEvent at(long pos) {
        return byPos.get((int) (pos - 1));
    }

    StoredEvent byId(String eventId) {
        Long pos = posById.get(eventId);
        return pos == null ? null : at(pos);
    }

    /** Swaps in a new version of an event (same position), used by redaction. */
    void replace(StoredEvent event) {
        byPos.set((int) (event.pos() - 1), event);
    }
}
