package org.twimbot.devserver;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;

/** The part of a sync filter the dev server honours: room.rooms/not_rooms, room.timeline, room.state, include_leave. */
record SyncRoomFilter(
        List<String> rooms, List<String> notRooms, EventFilter timeline, EventFilter state, boolean includeLeave) {

    static final int DEFAULT_TIMELINE_LIMIT = 10;

    static SyncRoomFilter parse(JsonNode filter) {
        JsonNode room = filter == null ? null : filter.get("room");
        if (room == null || !room.isObject()) {
            return new SyncRoomFilter(null, null, EventFilter.NONE, EventFilter.NONE, false);
        }
        JsonNode leave = room.get("include_leave");
        return new SyncRoomFilter(
                Json.optStrings(room, "rooms"),
                Json.optStrings(room, "not_rooms"),
                EventFilter.parse(room.get("timeline")),
                EventFilter.parse(room.get("state")),
                leave != null && leave.asBoolean(false));
    }

    boolean includesRoom(String roomId) {
        if (notRooms != null && notRooms.contains(roomId)) {
            return false;
        }
        return rooms == null || rooms.contains(roomId);
    }

    int timelineLimit() {
        return timeline.limitOr(DEFAULT_TIMELINE_LIMIT);
    }
}
