package org.twimbot.matrix;

import java.util.List;

/**
 * One page of {@code /rooms/{roomId}/messages}; {@code end} is null when there is no more. {@code bytes}: the size of
 * the response body, so that a caller can keep what it holds bounded by bytes, not only by events.
 */
public record MessagesPage(String start, String end, List<RoomEvent> chunk, long bytes) {
    public MessagesPage {
        chunk = List.copyOf(chunk);
    }
}
