package org.twimbot.devserver;

import java.util.LinkedHashMap;
import java.util.Map;

/** Membership transitions with the spec's authorisation rules (no bans, no knocking). Call under the lock. */
final class Memberships {
    private final Homeserver hs;

    Memberships(Homeserver hs) {
        this.hs = hs;
    }

    Map<String, Object> content(String membership, String userId, String reason) {
        Map<String, Object> content = new LinkedHashMap<>();
        content.put("membership", membership);
        String name = hs.accounts.displayName(userId);
        if (name != null && !membership.equals("leave")) {
            content.put("displayname", name);
        }
        if (reason != null) {
            content.put("reason", reason);
        }
        return content;
    }

    /** Joining twice is a no-op that returns successfully, as on Synapse. */
    void join(Room room, String userId) {
        String current = room.membership(userId);
        if ("join".equals(current)) {
            return;
        }
        if ("ban".equals(current)) {
            throw MatrixError.forbidden("You are banned from this room");
        }
        if (!"invite".equals(current) && !"public".equals(room.joinRule())) {
            throw MatrixError.forbidden("You are not invited to this room.");
        }
        hs.append(room, EventDraft.state(userId, "m.room.member", userId, content("join", userId, null)));
    }

    void invite(Room room, String inviter, String target, boolean isDirect, String reason) {
        requireJoined(room, inviter);
        if (!hs.accounts.exists(target)) {
            throw MatrixError.notFound("Unknown user " + target);
        }
        String current = room.membership(target);
        if ("join".equals(current) || "ban".equals(current)) {
            throw MatrixError.forbidden(target + " is already in the room.");
        }
        PowerLevels pl = room.powerLevels();
        if (pl.userLevel(inviter) < pl.inviteLevel()) {
            throw MatrixError.forbidden("You don't have permission to invite users");
        }
        Map<String, Object> content = content("invite", target, reason);
        if (isDirect) {
            content.put("is_direct", true);
        }
        hs.append(room, EventDraft.state(inviter, "m.room.member", target, content));
    }

    /** Leaving also rejects a pending invite. */
    void leave(Room room, String userId, String reason) {
        String current = room.membership(userId);
        if (!"join".equals(current) && !"invite".equals(current)) {
            throw MatrixError.forbidden("You are not a member of this room");
        }
        hs.append(room, EventDraft.state(userId, "m.room.member", userId, content("leave", userId, reason)));
    }

    void kick(Room room, String kicker, String target, String reason) {
        requireJoined(room, kicker);
        String current = room.membership(target);
        if (!"join".equals(current) && !"invite".equals(current)) {
            throw MatrixError.forbidden(target + " is not in the room");
        }
        PowerLevels pl = room.powerLevels();
        long level = pl.userLevel(kicker);
        if (level < pl.kickLevel() || level <= pl.userLevel(target)) {
            throw MatrixError.forbidden("You don't have permission to kick " + target);
        }
        hs.append(room, EventDraft.state(kicker, "m.room.member", target, content("leave", target, reason)));
    }

    static void requireJoined(Room room, String userId) {
        if (!room.isJoined(userId)) {
            throw MatrixError.forbidden("User " + userId + " not in room " + room.roomId());
        }
    }
}
