package org.twimbot.devserver;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * GET /rooms/{roomId}/context/{eventId}: the event with up to limit/2 events either side
 * (filtered like /messages); start/end are ordinary stream tokens for further paging.
 * "state" is the room's current state rather than the state at the event.
 */
final class ContextHandler {
    private final Homeserver hs;
    private final EventFormat format;

    ContextHandler(Homeserver hs, EventFormat format) {
        this.hs = hs;
        this.format = format;
    }

    Route route() {
        return Route.of("GET", "client/rooms/{}/context/{}", true, this::context);
    }

    private Reply context(Call c) {
        int limit = parseLimit(c.query("limit"));
        EventFilter filter =
                c.query("filter") == null ? EventFilter.NONE : EventFilter.parse(Json.parseObject(c.query("filter")));
        synchronized (hs.lock) {
            Room room = hs.roomAsMember(c.param(0), c.userId());
            long visibleUpTo = MessagesHandler.visibleUpTo(room, c.userId(), hs.events.position());
            StoredEvent event = hs.events.byId(c.param(1));
            if (event == null || !event.roomId().equals(room.roomId()) || event.pos() > visibleUpTo) {
                throw MatrixError.notFound("Event not found.");
            }
            int beforeCount = limit / 2;
            Timeline before = Timeline.latest(room, hs.events, 0, event.pos() - 1, filter, beforeCount);
            Timeline after = Timeline.earliest(room, hs.events, event.pos(), visibleUpTo, filter, limit - beforeCount);
            Map<String, Object> out = new LinkedHashMap<>();
            out.put("event", format.client(event, c.session(), true));
            List<Object> eventsBefore = new ArrayList<>();
            for (int i = before.events().size() - 1; i >= 0; i--) {
                eventsBefore.add(format.client(before.events().get(i), c.session(), true));
            }
            List<Object> eventsAfter = new ArrayList<>();
            after.events().forEach(e -> eventsAfter.add(format.client(e, c.session(), true)));
            out.put("events_before", eventsBefore);
            out.put("events_after", eventsAfter);
            out.put("start", StreamToken.format(before.isEmpty() ? event.pos() - 1 : before.firstPos() - 1));
            out.put("end", StreamToken.format(after.isEmpty() ? event.pos() : after.lastPos()));
            List<Object> state = new ArrayList<>();
            room.currentState().forEach(e -> state.add(format.client(e, c.session(), true)));
            out.put("state", state);
            return Reply.ok(out);
        }
    }

    private static int parseLimit(String value) {
        try {
            return value == null ? 10 : Math.max(0, Math.min(100, Integer.parseInt(value)));
        } catch (NumberFormatException e) {
            throw MatrixError.invalidParam("limit must be an integer");
        }
    }
}
