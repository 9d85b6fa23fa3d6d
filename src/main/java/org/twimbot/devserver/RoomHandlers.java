package org.twimbot.devserver;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Membership endpoints, member lists and the room directory (aliases). */
final class RoomHandlers {
    private final Homeserver hs;
    private final Memberships memberships;
    private final EventFormat format;

    RoomHandlers(Homeserver hs, Memberships memberships, EventFormat format) {
        this.hs = hs;
        this.memberships = memberships;
        this.format = format;
    }

    List<Route> routes() {
        return List.of(
                Route.of("POST", "client/join/{}", true, this::joinByIdOrAlias),
                Route.of("POST", "client/rooms/{}/join", true, this::join),
                Route.of("POST", "client/rooms/{}/invite", true, this::invite),
                Route.of("POST", "client/rooms/{}/leave", true, this::leave),
                Route.of("POST", "client/rooms/{}/kick", true, this::kick),
                Route.of("GET", "client/joined_rooms", true, this::joinedRooms),
                Route.of("GET", "client/rooms/{}/joined_members", true, this::joinedMembers),
                Route.of("GET", "client/rooms/{}/members", true, this::members),
                Route.of("GET", "client/directory/room/{}", false, this::getAlias),
                Route.of("PUT", "client/directory/room/{}", true, this::putAlias),
                Route.of("DELETE", "client/directory/room/{}", true, this::deleteAlias));
    }

    private Reply joinByIdOrAlias(Call c) {
        c.json(); // body is optional but must be JSON when present
        synchronized (hs.lock) {
            Room room = hs.resolve(c.param(0));
            memberships.join(room, c.userId());
            return Reply.ok(Map.of("room_id", room.roomId()));
        }
    }

    private Reply join(Call c) {
        c.json();
        synchronized (hs.lock) {
            Room room = hs.room(c.param(0));
            memberships.join(room, c.userId());
            return Reply.ok(Map.of("room_id", room.roomId()));
        }
    }

    private Reply invite(Call c) {
        JsonNode body = c.json();
        String target = Json.requireText(body, "user_id");
        synchronized (hs.lock) {
            memberships.invite(
                    hs.roomAsMember(c.param(0), c.userId()), c.userId(), target, false, Json.optText(body, "reason"));
        }
        return Reply.ok(Map.of());
    }

    private Reply leave(Call c) {
        JsonNode body = c.json();
        synchronized (hs.lock) {
            memberships.leave(hs.roomAsMember(c.param(0), c.userId()), c.userId(), Json.optText(body, "reason"));
        }
        return Reply.ok(Map.of());
    }

    private Reply kick(Call c) {
        JsonNode body = c.json();
        String target = Json.requireText(body, "user_id");
        synchronized (hs.lock) {
            memberships.kick(hs.roomAsMember(c.param(0), c.userId()), c.userId(), target, Json.optText(body, "reason"));
        }
        return Reply.ok(Map.of());
    }

    private Reply joinedRooms(Call c) {
        synchronized (hs.lock) {
            List<String> ids = new ArrayList<>();
            for (Room room : hs.rooms()) {
                if (room.isJoined(c.userId())) {
                    ids.add(room.roomId());
                }
            }
            return Reply.ok(Map.of("joined_rooms", ids));
        }
    }

    private Reply joinedMembers(Call c) {
        synchronized (hs.lock) {
            Room room = hs.roomAsMember(c.param(0), c.userId());
            Memberships.requireJoined(room, c.userId());
            Map<String, Object> joined = new LinkedHashMap<>();
            for (String user : room.usersWithMembership("join")) {
                Map<String, Object> info = new LinkedHashMap<>();
                Object name = room.state("m.room.member", user).content().get("displayname");
                info.put("display_name", name);
                info.put("avatar_url", null);
                joined.put(user, info);
            }
            return Reply.ok(Map.of("joined", joined));
        }
    }

    /** Current m.room.member events; ?membership= and ?not_membership= filter them. */
    private Reply members(Call c) {
        synchronized (hs.lock) {
            Room room = hs.roomAsMember(c.param(0), c.userId());
            Memberships.requireJoined(room, c.userId());
            List<Object> chunk = new ArrayList<>();
            for (StoredEvent e : room.currentState()) {
                if (!e.type().equals("m.room.member")) {
                    continue;
                }
                String m = e.membership();
                if (c.query("membership") != null && !c.query("membership").equals(m)) {
                    continue;
                }
                if (c.query("not_membership") != null
                        && c.query("not_membership").equals(m)) {
                    continue;
                }
                chunk.add(format.client(e, c.session(), true));
            }
            return Reply.ok(Map.of("chunk", chunk));
        }
    }

    private Reply getAlias(Call c) {
        synchronized (hs.lock) {
            String roomId = hs.resolveAlias(c.param(0));
            if (roomId == null) {
                throw MatrixError.notFound("Room alias " + c.param(0) + " not found");
            }
            return Reply.ok(Map.of("room_id", roomId, "servers", List.of(hs.serverName)));
        }
    }

    private Reply putAlias(Call c) {
        String roomId = Json.requireText(c.json(), "room_id");
        synchronized (hs.lock) {
            hs.room(roomId);
            hs.putAlias(c.param(0), roomId, c.userId());
        }
        return Reply.ok(Map.of());
    }

    /** The alias' creator or a room member allowed to change m.room.canonical_alias may delete it. */
    private Reply deleteAlias(Call c) {
        synchronized (hs.lock) {
            String alias = c.param(0);
            String roomId = hs.resolveAlias(alias);
            if (roomId == null) {
                throw MatrixError.notFound("Room alias " + alias + " not found");
            }
            Room room = hs.room(roomId);
            boolean admin =
                    room.isJoined(c.userId()) && room.powerLevels().canSend(c.userId(), "m.room.canonical_alias", true);
            if (!c.userId().equals(hs.aliasCreator(alias)) && !admin) {
                throw MatrixError.forbidden("You don't have permission to delete the alias.");
            }
            hs.removeAlias(alias);
        }
        return Reply.ok(Map.of());
    }
}
