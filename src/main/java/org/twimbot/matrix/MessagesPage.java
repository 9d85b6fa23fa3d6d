package org.twimbot.matrix;

import java.util.List;

/** One page of {@code /rooms/{roomId}/messages}; {@code end} is null when there is no more. */
public record MessagesPage(String start, String end, List<RoomEvent> chunk) {
    public MessagesPage {
        chunk = List.copyOf(chunk);
    }
}
