package org.twimbot.devserver;

import java.util.LinkedHashMap;
import java.util.Map;

/** The parts of m.room.power_levels the server enforces, with the spec's defaults. */
record PowerLevels(Map<String, Object> content, boolean present) {

    static PowerLevels of(StoredEvent event) {
        return event == null ? new PowerLevels(Map.of(), false) : new PowerLevels(event.content(), true);
    }

    /** Synapse's defaults for a new room; the creator gets 100. */
    static Map<String, Object> defaults(String creator) {
        Map<String, Object> events = new LinkedHashMap<>();
        events.put("m.room.name", 50);
        events.put("m.room.power_levels", 100);
        events.put("m.room.history_visibility", 100);
        events.put("m.room.canonical_alias", 50);
        events.put("m.room.avatar", 50);
        events.put("m.room.tombstone", 100);
        events.put("m.room.server_acl", 100);
        events.put("m.room.encryption", 100);
        Map<String, Object> users = new LinkedHashMap<>();
        users.put(creator, 100);
        Map<String, Object> pl = new LinkedHashMap<>();
        pl.put("users", users);
        pl.put("users_default", 0);
        pl.put("events", events);
        pl.put("events_default", 0);
        pl.put("state_default", 50);
        pl.put("ban", 50);
        pl.put("kick", 50);
        pl.put("redact", 50);
        pl.put("invite", 0);
        pl.put("historical", 100);
        return pl;
    }

    long userLevel(String userId) {
        Object users = content.get("users");
        if (users instanceof Map<?, ?> m && m.get(userId) instanceof Number n) {
            return n.longValue();
        }
        return number("users_default", 0);
    }

    /** Level needed to send {@code type}; state events default higher (spec: 50 with a PL event). */
    long eventLevel(String type, boolean isState) {
        Object events = content.get("events");
        if (events instanceof Map<?, ?> m && m.get(type) instanceof Number n) {
            return n.longValue();
        }
        return isState ? number("state_default", present ? 50 : 0) : number("events_default", 0);
    }

    long redactLevel() {
        return number("redact", 50);
    }

    long kickLevel() {
        return number("kick", 50);
    }

    long inviteLevel() {
        return number("invite", 0);
    }

    boolean canSend(String userId, String type, boolean isState) {
        return userLevel(userId) >= eventLevel(type, isState);
    }

    private long number(String key, long fallback) {
        Object v = content.get(key);
        if (v instanceof Number n) {
            return n.longValue();
        }
        if (v instanceof String s) {
            try {
                return Long.parseLong(s.trim()); // old rooms allow stringified ints
            } catch (NumberFormatException e) {
                return fallback;
            }
        }
        return fallback;
    }
}
