package org.twimbot.devserver;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** POST createRoom: the initial events in Synapse's order. */
final class RoomCreator {
    static final String ROOM_VERSION = "11";

    private final Homeserver hs;
    private final Memberships memberships;

    RoomCreator(Homeserver hs, Memberships memberships) {
        this.hs = hs;
        this.memberships = memberships;
    }

    Route route() {
        return Route.of("POST", "client/createRoom", true, this::create);
    }

    private Reply create(Call c) {
        JsonNode body = c.json();
        String creator = c.userId();
        String preset = preset(body);
        String aliasName = Json.optText(body, "room_alias_name");
        List<String> invites = Json.optStrings(body, "invite");
        synchronized (hs.lock) {
            String alias = aliasName == null ? null : "#" + aliasName + ":" + hs.serverName;
            if (alias != null) {
                hs.checkAliasServer(alias);
                if (hs.resolveAlias(alias) != null) {
                    throw new MatrixError(400, "M_ROOM_IN_USE", "Room alias already taken");
                }
            }
            for (String invitee : invites == null ? List.<String>of() : invites) {
                if (!hs.accounts.exists(invitee)) {
                    throw MatrixError.notFound("Unknown user " + invitee);
                }
            }
            Room room = hs.newRoom();
            appendInitialEvents(room, body, creator, preset, alias, invites);
            if (alias != null) {
                hs.putAlias(alias, room.roomId(), creator);
            }
            boolean direct = body.path("is_direct").asBoolean(false);
            for (String invitee : invites == null ? List.<String>of() : invites) {
                memberships.invite(room, creator, invitee, direct, null);
            }
            Map<String, Object> out = new LinkedHashMap<>();
            out.put("room_id", room.roomId());
            if (alias != null) {
                out.put("room_alias", alias);
            }
            return Reply.ok(out);
        }
    }

    private static String preset(JsonNode body) {
        String preset = Json.optText(body, "preset");
        if (preset == null) {
            return "public".equals(Json.optText(body, "visibility")) ? "public_chat" : "private_chat";
        }
        if (!List.of("public_chat", "private_chat", "trusted_private_chat").contains(preset)) {
            throw MatrixError.invalidParam("Unknown preset " + preset);
        }
        return preset;
    }

    private void appendInitialEvents(
            Room room, JsonNode body, String creator, String preset, String alias, List<String> invites) {
        Map<String, Object> create = new LinkedHashMap<>();
        if (body.path("creation_content").isObject()) {
            create.putAll(Json.toMap(body.get("creation_content")));
        }
        create.put("room_version", ROOM_VERSION); // v11: the creator is the sender, no "creator" key
        state(room, creator, "m.room.create", create);
        hs.append(
                room, EventDraft.state(creator, "m.room.member", creator, memberships.content("join", creator, null)));
        state(room, creator, "m.room.power_levels", powerLevels(body, creator, preset, invites));
        if (alias != null) {
            state(room, creator, "m.room.canonical_alias", Map.of("alias", alias));
        }
        boolean isPublic = preset.equals("public_chat");
        state(room, creator, "m.room.join_rules", Map.of("join_rule", isPublic ? "public" : "invite"));
        state(room, creator, "m.room.history_visibility", Map.of("history_visibility", "shared"));
        if (!isPublic) {
            state(room, creator, "m.room.guest_access", Map.of("guest_access", "can_join"));
        }
        for (JsonNode s : body.path("initial_state")) {
            String type = Json.requireText(s, "type");
            String key = s.path("state_key").asText("");
            if (!s.path("content").isObject()) {
                throw MatrixError.badJson("initial_state entries need a content object");
            }
            hs.append(room, EventDraft.state(creator, type, key, Json.toMap(s.get("content"))));
        }
        String name = Json.optText(body, "name");
        if (name != null) {
            state(room, creator, "m.room.name", Map.of("name", name));
        }
        String topic = Json.optText(body, "topic");
        if (topic != null) {
            state(room, creator, "m.room.topic", Map.of("topic", topic));
        }
    }

    private Map<String, Object> powerLevels(JsonNode body, String creator, String preset, List<String> invites) {
        Map<String, Object> pl = PowerLevels.defaults(creator);
        if (preset.equals("trusted_private_chat") && invites != null) {
            @SuppressWarnings("unchecked")
            Map<String, Object> users = (Map<String, Object>) pl.get("users");
            invites.forEach(u -> users.put(u, 100));
        }
        JsonNode override = body.get("power_level_content_override");
        if (override != null && override.isObject()) {
            pl.putAll(Json.toMap(override)); // shallow merge, as Synapse does
        }
        return pl;
    }

    private void state(Room room, String sender, String type, Map<String, Object> content) {
        hs.append(room, EventDraft.state(sender, type, "", content));
    }
}
