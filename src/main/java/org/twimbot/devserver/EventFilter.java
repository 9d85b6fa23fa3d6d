package org.twimbot.devserver;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The spec's (Room)EventFilter subset: types / not_types with '*' wildcards, senders /
 * not_senders, rooms / not_rooms, contains_url and limit. Null lists mean "no restriction";
 * the not_* lists win over the allow lists. Other fields (lazy_load_members, ...) are ignored.
 */
record EventFilter(
        List<String> types,
        List<String> notTypes,
        List<String> senders,
        List<String> notSenders,
        List<String> rooms,
        List<String> notRooms,
        Boolean containsUrl,
        Integer limit) {

    static final EventFilter NONE = new EventFilter(null, null, null, null, null, null, null, null);

    static EventFilter parse(JsonNode node) {
        if (node == null || !node.isObject()) {
            return NONE;
        }
        JsonNode limit = node.get("limit");
        if (limit != null && !limit.isNull() && !limit.isIntegralNumber()) {
            throw MatrixError.badJson("'limit' must be an integer");
        }
        JsonNode url = node.get("contains_url");
        return new EventFilter(
                Json.optStrings(node, "types"),
                Json.optStrings(node, "not_types"),
                Json.optStrings(node, "senders"),
                Json.optStrings(node, "not_senders"),
                Json.optStrings(node, "rooms"),
                Json.optStrings(node, "not_rooms"),
                url == null || !url.isBoolean() ? null : url.asBoolean(),
                limit == null || limit.isNull() ? null : limit.asInt());
    }

    int limitOr(int fallback) {
        return limit == null || limit <= 0 ? fallback : limit;
    }

    boolean matches(StoredEvent e) {
        return allowed(types, notTypes, e.type(), true)
                && allowed(senders, notSenders, e.sender(), false)
                && allowed(rooms, notRooms, e.roomId(), false)
                && (containsUrl == null || containsUrl == e.content().get("url") instanceof String);
    }

    private static boolean allowed(List<String> allow, List<String> deny, String value, boolean wildcards) {
        if (deny != null && deny.stream().anyMatch(p -> wildcards ? glob(p, value) : p.equals(value))) {
            return false;
        }
        return allow == null || allow.stream().anyMatch(p -> wildcards ? glob(p, value) : p.equals(value));
    }

    /** '*' matches any run of characters, as in the spec's filter type matching. */
    static boolean glob(String pattern, String value) {
        if (!pattern.contains("*")) {
            return pattern.equals(value);
        }
        StringBuilder regex = new StringBuilder();
        String[] parts = pattern.split("\\*", -1);
        for (int i = 0; i < parts.length; i++) {
            if (i > 0) {
                regex.append(".*");
            }
            regex.append(Pattern.quote(parts[i]));
        }
        return value.matches(regex.toString());
    }
}
