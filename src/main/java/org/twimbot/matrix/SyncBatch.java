package org.twimbot.matrix;

import java.util.List;

/**
 * One {@code /sync} response reduced to what the bot uses: joined rooms' timelines, the ids of
 * rooms the bot is invited to, and the token for the next sync.
 */
public record SyncBatch(String nextBatch, List<RoomTimeline> rooms, List<String> invitedRoomIds) {
    public SyncBatch {
        rooms = List.copyOf(rooms);
        invitedRoomIds = List.copyOf(invitedRoomIds);
    }

    public int eventCount() {
        return rooms.stream().mapToInt(r -> r.events().size()).sum();
    }
}
