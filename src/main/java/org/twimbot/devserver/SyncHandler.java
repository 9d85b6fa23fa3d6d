package org.twimbot.devserver;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * GET /sync. Tokens are global stream positions ({@link StreamToken}).
 *
 * <p>What goes in {@code state}: on an initial sync, with full_state, or for a room the user
 * joined since the token, the room's current state minus the events already in the timeline.
 * On an incremental sync, the current state events that changed after {@code since} but are
 * not in the timeline (i.e. those skipped by a limited timeline or excluded by the timeline
 * filter). Left rooms carry the timeline up to the leave event and no state. Left rooms are
 * only in an initial sync when the filter sets include_leave.
 */
final class SyncHandler {
    private static final long MAX_TIMEOUT_MS = 10 * 60_000L;
    private static final Set<String> INVITE_STATE_TYPES = Set.of(
            "m.room.create",
            "m.room.join_rules",
            "m.room.name",
            "m.room.canonical_alias",
            "m.room.avatar",
            "m.room.encryption",
            "m.room.topic");

    private final Homeserver hs;
    private final EventFormat format;

    SyncHandler(Homeserver hs, EventFormat format) {
        this.hs = hs;
        this.format = format;
    }

    Route route() {
        return Route.of("GET", "client/sync", true, this::sync);
    }

    /** One sync request's parameters. since is -1 for an initial sync. */
    private record Request(LoggedInDevice session, long since, SyncRoomFilter filter, boolean fullState) {
        String user() {
            return session.userId();
        }
    }

    private Reply sync(Call c) throws InterruptedException {
        long timeout = Math.min(MAX_TIMEOUT_MS, parseTimeout(c.query("timeout")));
        Request req;
        synchronized (hs.lock) {
            SyncRoomFilter filter = hs.filters.resolve(c.userId(), c.query("filter"));
            // A token we did not issue (garbage, or from before a restart: state is in memory)
            // is a 400 M_UNKNOWN; a client must then fall back to an initial sync.
            long since = c.query("since") == null ? -1 : StreamToken.parse(c.query("since"), hs.events.position());
            req = new Request(c.session(), since, filter, "true".equals(c.query("full_state")));
        }
        long deadline = System.nanoTime() + timeout * 1_000_000L;
        while (true) {
            long current;
            Map<String, Object> rooms;
            synchronized (hs.lock) {
                current = hs.events.position();
                rooms = rooms(req, current);
            }
            boolean wait = req.since() >= 0 && !req.fullState() && isEmpty(rooms);
            // the lock is released here: waiting only holds the notifier's monitor
            if (!wait || !hs.notifier.awaitBeyond(current, deadline)) {
                return Reply.ok(response(current, rooms));
            }
        }
    }

    private static long parseTimeout(String value) {
        if (value == null || value.isEmpty()) {
            return 0;
        }
        try {
            return Math.max(0, Long.parseLong(value));
        } catch (NumberFormatException e) {
            throw MatrixError.invalidParam("timeout must be an integer");
        }
    }

    @SuppressWarnings("unchecked")
    private static boolean isEmpty(Map<String, Object> rooms) {
        return rooms.values().stream().allMatch(section -> ((Map<String, Object>) section).isEmpty());
    }

    private static Map<String, Object> response(long current, Map<String, Object> rooms) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("next_batch", StreamToken.format(current));
        out.put("rooms", rooms);
        out.put("account_data", Map.of("events", List.of()));
        out.put("presence", Map.of("events", List.of()));
        out.put("to_device", Map.of("events", List.of()));
        out.put("device_lists", Map.of("changed", List.of(), "left", List.of()));
        out.put("device_one_time_keys_count", Map.of());
        return out;
    }

    private Map<String, Object> rooms(Request req, long current) {
        Map<String, Object> join = new LinkedHashMap<>();
        Map<String, Object> invite = new LinkedHashMap<>();
        Map<String, Object> leave = new LinkedHashMap<>();
        for (Room room : hs.rooms()) {
            if (!req.filter().includesRoom(room.roomId())) {
                continue;
            }
            StoredEvent member = room.memberEventAt(req.user(), current);
            if (member == null) {
                continue;
            }
            String before = req.since() < 0 ? null : room.membershipAt(req.user(), req.since());
            switch (member.membership()) {
                case "join" -> putIfPresent(join, room, joinEntry(req, room, current, before));
                case "invite" -> putIfPresent(invite, room, inviteEntry(req, room, member));
                default -> putIfPresent(leave, room, leaveEntry(req, room, member, before)); // leave or ban
            }
        }
        Map<String, Object> rooms = new LinkedHashMap<>();
        rooms.put("join", join);
        rooms.put("invite", invite);
        rooms.put("leave", leave);
        return rooms;
    }

    private static void putIfPresent(Map<String, Object> section, Room room, Map<String, Object> entry) {
        if (entry != null) {
            section.put(room.roomId(), entry);
        }
    }

    /** A joined room is reported when new, newly joined, or when something happened in it. */
    private Map<String, Object> joinEntry(Request req, Room room, long current, String before) {
        boolean full = req.since() < 0 || req.fullState() || !"join".equals(before);
        if (!full && room.latestPosition() <= req.since()) {
            return null;
        }
        return joined(req, room, current, full);
    }

    private Map<String, Object> inviteEntry(Request req, Room room, StoredEvent invite) {
        if (req.since() >= 0 && invite.pos() <= req.since()) {
            return null; // already reported
        }
        return Map.of("invite_state", Map.of("events", inviteState(room, invite)));
    }

    /** Reported once, right after leaving (or rejecting); in initial syncs only with include_leave. */
    private Map<String, Object> leaveEntry(Request req, Room room, StoredEvent leaveEvent, String before) {
        boolean report = req.since() < 0
                ? req.filter().includeLeave()
                : leaveEvent.pos() > req.since() && ("join".equals(before) || "invite".equals(before));
        return report ? left(req, room, leaveEvent) : null;
    }

    private Map<String, Object> joined(Request req, Room room, long current, boolean full) {
        long after = Math.max(0, req.since());
        Timeline timeline = Timeline.latest(
                room,
                hs.events,
                after,
                current,
                req.filter().timeline(),
                req.filter().timelineLimit());
        Set<String> inTimeline = new HashSet<>();
        timeline.events().forEach(e -> inTimeline.add(e.eventId()));
        List<Object> state = new ArrayList<>();
        for (StoredEvent e : room.currentState()) {
            boolean relevant = full || e.pos() > req.since();
            if (relevant
                    && !inTimeline.contains(e.eventId())
                    && req.filter().state().matches(e)) {
                state.add(format.client(e, req.session(), false));
            }
        }
        if (!full && timeline.isEmpty() && state.isEmpty()) {
            return null; // only filtered-out events happened: nothing to report, keep waiting
        }
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("timeline", timelineJson(req, timeline, current));
        out.put("state", Map.of("events", state));
        out.put("account_data", Map.of("events", List.of()));
        out.put("ephemeral", Map.of("events", List.of()));
        out.put("unread_notifications", Map.of("highlight_count", 0, "notification_count", 0));
        out.put(
                "summary",
                Map.of(
                        "m.joined_member_count",
                        room.usersWithMembership("join").size(),
                        "m.invited_member_count",
                        room.usersWithMembership("invite").size()));
        return out;
    }

    private Map<String, Object> left(Request req, Room room, StoredEvent leaveEvent) {
        // someone who only ever was invited sees just their own rejection, not the room's history
        boolean wasJoined = "join".equals(room.membershipAt(req.user(), leaveEvent.pos() - 1));
        long after = wasJoined ? Math.max(0, req.since()) : leaveEvent.pos() - 1;
        Timeline timeline = Timeline.latest(
                room,
                hs.events,
                after,
                leaveEvent.pos(),
                req.filter().timeline(),
                req.filter().timelineLimit());
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("timeline", timelineJson(req, timeline, leaveEvent.pos()));
        out.put("state", Map.of("events", List.of()));
        out.put("account_data", Map.of("events", List.of()));
        return out;
    }

    /** prev_batch points just before the first returned event, so /messages?dir=b continues there. */
    private Map<String, Object> timelineJson(Request req, Timeline timeline, long upTo) {
        List<Object> events = new ArrayList<>();
        timeline.events().forEach(e -> events.add(format.client(e, req.session(), false)));
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("events", events);
        out.put("limited", timeline.more());
        out.put("prev_batch", StreamToken.format(timeline.isEmpty() ? upTo : timeline.firstPos() - 1));
        return out;
    }

    private List<Object> inviteState(Room room, StoredEvent invite) {
        List<Object> out = new ArrayList<>();
        for (StoredEvent e : room.currentState()) {
            if (INVITE_STATE_TYPES.contains(e.type())) {
                out.add(EventFormat.stripped(e));
            }
        }
        StoredEvent inviter = room.state("m.room.member", invite.sender());
        if (inviter != null && !inviter.stateKey().equals(invite.stateKey())) {
            out.add(EventFormat.stripped(inviter));
        }
        out.add(EventFormat.stripped(invite));
        return out;
    }
}
