package org.twimbot.devserver;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * GET /rooms/{roomId}/messages. Tokens are the same stream positions as /sync's, so a
 * limited timeline's prev_batch pages backwards from just before its first event.
 * Users who left can page up to their leave event; others need to be joined.
 */
final class MessagesHandler {
    private static final int DEFAULT_LIMIT = 10;
    private static final int MAX_LIMIT = 1000;

    private final Homeserver hs;
    private final EventFormat format;

    MessagesHandler(Homeserver hs, EventFormat format) {
        this.hs = hs;
        this.format = format;
    }

    Route route() {
        return Route.of("GET", "client/rooms/{}/messages", true, this::messages);
    }

    private Reply messages(Call c) {
        String dir = c.query("dir") == null ? "f" : c.query("dir"); // Synapse's default
        if (!dir.equals("b") && !dir.equals("f")) {
            throw MatrixError.invalidParam("dir must be 'b' or 'f'");
        }
        int limit = limit(c.query("limit"));
        EventFilter filter =
                c.query("filter") == null ? EventFilter.NONE : EventFilter.parse(Json.parseObject(c.query("filter")));
        synchronized (hs.lock) {
            Room room = hs.roomAsMember(c.param(0), c.userId());
            long current = hs.events.position();
            long visibleUpTo = visibleUpTo(room, c.userId(), current);
            long from = c.query("from") == null
                    ? (dir.equals("b") ? current : 0)
                    : StreamToken.parse(c.query("from"), current);
            Long to = c.query("to") == null ? null : StreamToken.parse(c.query("to"), current);
            Map<String, Object> out = new LinkedHashMap<>();
            out.put("start", StreamToken.format(from));
            List<StoredEvent> events;
            if (dir.equals("b")) {
                Timeline t = Timeline.latest(
                        room, hs.events, to == null ? 0 : to, Math.min(from, visibleUpTo), filter, limit);
                events = new ArrayList<>(t.events());
                Collections.reverse(events);
                if (t.more()) {
                    out.put("end", StreamToken.format(t.firstPos() - 1));
                }
            } else {
                long upTo = Math.min(to == null ? current : to, visibleUpTo);
                Timeline t = Timeline.earliest(room, hs.events, from, upTo, filter, limit);
                events = t.events();
                if (t.more()) {
                    out.put("end", StreamToken.format(t.lastPos()));
                }
            }
            List<Object> chunk = new ArrayList<>();
            events.forEach(e -> chunk.add(format.client(e, c.session(), true)));
            out.put("chunk", chunk);
            out.put("state", List.of());
            return Reply.ok(out);
        }
    }

    private static int limit(String value) {
        if (value == null || value.isEmpty()) {
            return DEFAULT_LIMIT;
        }
        try {
            int limit = Integer.parseInt(value);
            return limit <= 0 ? DEFAULT_LIMIT : Math.min(limit, MAX_LIMIT);
        } catch (NumberFormatException e) {
            throw MatrixError.invalidParam("limit must be an integer");
        }
    }

    static long visibleUpTo(Room room, String user, long current) {
        if (room.isJoined(user)) {
            return current;
        }
        StoredEvent member = room.memberEventAt(user, current);
        if (member != null
                && !"join".equals(member.membership())
                && "join".equals(room.membershipAt(user, member.pos() - 1))) {
            return member.pos(); // a former member keeps the history up to their departure
        }
        throw MatrixError.forbidden("User " + user + " not in room " + room.roomId());
    }
}
