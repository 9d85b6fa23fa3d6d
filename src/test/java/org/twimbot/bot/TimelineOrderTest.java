package org.twimbot.bot;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.twimbot.matrix.RoomEvent;
import org.twimbot.matrix.RoomTimeline;

/** How one sync batch's rooms are applied: as one timeline by time sent, each room's own order kept. */
class TimelineOrderTest {
    @Test
    void roomsInterleaveByTimeAndEachKeepsItsStreamOrderWhenItsClockDisagrees() {
        RoomTimeline editors = room("!editors", e("$demote", 20), e("$later", 40));
        // the submissions room's second event has an earlier timestamp than its first (a skewed server): it stays
        // second
        RoomTimeline submissions = room("!subs", e("$news", 10), e("$skewed", 5), e("$react", 30), e("$last", 50));
        List<String> order = Bot.inTimeOrder(List.of(submissions, editors)).stream()
                .map(RoomEvent::eventId)
                .toList();
        assertEquals(List.of("$news", "$skewed", "$demote", "$react", "$later", "$last"), order);
    }

    @Test
    void oneRoomOrNoneIsLeftAsItIs() {
        RoomTimeline only = room("!subs", e("$b", 9), e("$a", 1));
        assertEquals(
                List.of("$b", "$a"),
                Bot.inTimeOrder(List.of(only)).stream().map(RoomEvent::eventId).toList());
        assertEquals(List.of(), Bot.inTimeOrder(List.of()));
    }

    private static RoomTimeline room(String id, RoomEvent... events) {
        return new RoomTimeline(id, List.of(), List.of(events), false, null);
    }

    private static RoomEvent e(String id, long ts) {
        return new RoomEvent(id, "!r", "@u:x", "m.room.message", ts, null, null, null, null);
    }
}
