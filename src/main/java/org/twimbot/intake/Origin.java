package org.twimbot.intake;

import org.twimbot.matrix.RoomEvent;

/** Where an action comes from: the event's id, room, sender and the time the homeserver gave it. */
public record Origin(String eventId, String roomId, String sender, long originTs) {
    public static Origin of(RoomEvent e) {
        return new Origin(e.eventId(), e.roomId(), e.sender(), e.originServerTs());
    }
}
