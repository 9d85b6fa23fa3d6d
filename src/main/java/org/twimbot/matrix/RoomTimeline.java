package org.twimbot.matrix;

import java.util.List;

/** A joined room's part of a sync response: its state delta and its timeline slice. */
public record RoomTimeline(
        String roomId, List<RoomEvent> state, List<RoomEvent> events, boolean limited, String prevBatch) {
    public RoomTimeline {
        state = List.copyOf(state);
        events = List.copyOf(events);
    }
}
