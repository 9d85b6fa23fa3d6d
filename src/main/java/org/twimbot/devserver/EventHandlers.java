package org.twimbot.devserver;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/** Sending, redacting and reading events and room state. */
final class EventHandlers {
    private final Homeserver hs;
    private final EventFormat format;

    EventHandlers(Homeserver hs, EventFormat format) {
        this.hs = hs;
        this.format = format;
    }

    List<Route> routes() {
        return List.of(
                Route.of("PUT", "client/rooms/{}/send/{}/{}", true, this::send),
                Route.of("PUT", "client/rooms/{}/redact/{}/{}", true, this::redact),
                Route.of("PUT", "client/rooms/{}/state/{}", true, this::putState),
                Route.of("PUT", "client/rooms/{}/state/{}/{}", true, this::putState),
                Route.of("GET", "client/rooms/{}/state/{}", true, this::getState),
                Route.of("GET", "client/rooms/{}/state/{}/{}", true, this::getState),
                Route.of("GET", "client/rooms/{}/state", true, this::allState),
                Route.of("GET", "client/rooms/{}/event/{}", true, this::event));
    }

    private Reply send(Call c) {
        Map<String, Object> content = Json.toMap(c.json());
        String type = c.param(1);
        synchronized (hs.lock) {
            Room room = hs.roomAsMember(c.param(0), c.userId());
            String previous = hs.transaction(c.session().accessToken(), c.path());
            if (previous != null) {
                return eventId(previous); // retried request: same event, nothing new
            }
            Memberships.requireJoined(room, c.userId());
            requireLevel(room, c.userId(), type, false);
            StoredEvent e = hs.append(
                    room,
                    new EventDraft(
                            c.userId(),
                            type,
                            null,
                            content,
                            null,
                            c.param(2),
                            c.session().accessToken(),
                            null));
            hs.rememberTransaction(c.session().accessToken(), c.path(), e.eventId());
            return eventId(e.eventId());
        }
    }

    /**
     * Own events can always be redacted; others' need the "redact" level. The redaction
     * carries "redacts" top-level and in content (room v11), and the target is stripped.
     */
    private Reply redact(Call c) {
        Map<String, Object> content = Json.toMap(c.json());
        String targetId = c.param(1);
        synchronized (hs.lock) {
            Room room = hs.roomAsMember(c.param(0), c.userId());
            String previous = hs.transaction(c.session().accessToken(), c.path());
            if (previous != null) {
                return eventId(previous);
            }
            Memberships.requireJoined(room, c.userId());
            StoredEvent target = hs.events.byId(targetId);
            if (target == null || !target.roomId().equals(room.roomId())) {
                throw MatrixError.notFound("Event not found");
            }
            requireLevel(room, c.userId(), "m.room.redaction", false); // sending the redaction itself
            PowerLevels pl = room.powerLevels();
            if (!target.sender().equals(c.userId()) && pl.userLevel(c.userId()) < pl.redactLevel()) {
                throw MatrixError.forbidden("You don't have permission to redact events");
            }
            content.put("redacts", targetId);
            StoredEvent redaction = hs.append(
                    room,
                    new EventDraft(
                            c.userId(),
                            "m.room.redaction",
                            null,
                            content,
                            targetId,
                            c.param(2),
                            c.session().accessToken(),
                            null));
            if (target.redactedBy() == null) {
                hs.events.replace(
                        target.redacted(Redactor.strip(target.type(), target.content()), redaction.eventId()));
            }
            hs.rememberTransaction(c.session().accessToken(), c.path(), redaction.eventId());
            return eventId(redaction.eventId());
        }
    }

    private Reply putState(Call c) {
        Map<String, Object> content = Json.toMap(c.json());
        String type = c.param(1);
        String stateKey = c.params().size() > 2 ? c.param(2) : "";
        synchronized (hs.lock) {
            Room room = hs.roomAsMember(c.param(0), c.userId());
            Memberships.requireJoined(room, c.userId());
            checkStateChange(room, c.userId(), type, stateKey, content);
            StoredEvent current = room.state(type, stateKey);
            if (current != null && current.content().equals(content)) {
                return eventId(current.eventId()); // Synapse does not duplicate identical state
            }
            StoredEvent e = hs.append(room, EventDraft.state(c.userId(), type, stateKey, content));
            return eventId(e.eventId());
        }
    }

    private void checkStateChange(Room room, String user, String type, String stateKey, Map<String, Object> content) {
        if (type.equals("m.room.create")) {
            throw MatrixError.forbidden("m.room.create cannot be changed");
        }
        if (stateKey.startsWith("@") && !stateKey.equals(user)) {
            throw MatrixError.forbidden("State key " + stateKey + " belongs to another user");
        }
        if (type.equals("m.room.member") && !Objects.equals(content.get("membership"), room.membership(user))) {
            // membership changes go through join/leave/invite/kick, which apply their own rules
            throw MatrixError.forbidden("Use the membership endpoints to change membership");
        }
        requireLevel(room, user, type, true);
        if (type.equals("m.room.power_levels")) {
            PowerLevelRules.checkChange(room.powerLevels(), content, user);
        }
    }

    private static void requireLevel(Room room, String user, String type, boolean isState) {
        PowerLevels pl = room.powerLevels();
        if (!pl.canSend(user, type, isState)) {
            throw MatrixError.forbidden("You don't have permission to post that to the room. user_level ("
                    + pl.userLevel(user) + ") < send_level (" + pl.eventLevel(type, isState) + ")");
        }
    }

    private Reply getState(Call c) {
        String stateKey = c.params().size() > 2 ? c.param(2) : "";
        synchronized (hs.lock) {
            Room room = hs.roomAsMember(c.param(0), c.userId());
            Memberships.requireJoined(room, c.userId());
            StoredEvent e = room.state(c.param(1), stateKey);
            if (e == null) {
                throw MatrixError.notFound("Event not found.");
            }
            if ("event".equals(c.query("format"))) {
                return Reply.ok(format.client(e, c.session(), true));
            }
            return Reply.ok(e.content());
        }
    }

    private Reply allState(Call c) {
        synchronized (hs.lock) {
            Room room = hs.roomAsMember(c.param(0), c.userId());
            Memberships.requireJoined(room, c.userId());
            List<Object> out = new ArrayList<>();
            room.currentState().forEach(e -> out.add(format.client(e, c.session(), true)));
            return Reply.ok(out);
        }
    }

    /** Members (current or former, up to their leave) can fetch single events. */
    private Reply event(Call c) {
        synchronized (hs.lock) {
            Room room = hs.roomAsMember(c.param(0), c.userId());
            StoredEvent e = hs.events.byId(c.param(1));
            if (e == null
                    || !e.roomId().equals(room.roomId())
                    || !"join".equals(room.membershipAt(c.userId(), e.pos())) && !room.isJoined(c.userId())) {
                throw MatrixError.notFound("Event not found.");
            }
            return Reply.ok(format.client(e, c.session(), true));
        }
    }

    private static Reply eventId(String id) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("event_id", id);
        return Reply.ok(out);
    }
}
