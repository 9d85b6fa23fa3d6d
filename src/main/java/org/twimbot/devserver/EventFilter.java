package org.twimbot.devserver;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The spec's (Room)EventFilter subset: types / not_types with '*' wildcards, senders /
 * not_senders, and limit. Null lists mean "no restriction"; not_* wins over the allow list.
 */
record EventFilter(List<String> types, List<String> notTypes, List<String> senders,
                   List<String> notSenders, Integer limit) {

    static final EventFilter NONE = new EventFilter(null, null, null, null, null);

    static EventFilter parse(JsonNode node) {
        if (node == null || !node.isObject()) {
            return NONE;
        }
        JsonNode limit = node.get("limit");
        if (limit != null && !limit.isNull() && !limit.isIntegralNumber()) {
            throw MatrixError.badJson("'limit' must be an integer");
        }
        return new EventFilter(Json.optStrings(node, "types"), Json.optStrings(node, "not_types"),
                Json.optStrings(node, "senders"), Json.optStrings(node, "not_senders"),
                limit == null || limit.isNull() ? null : limit.asInt());
    }

    int limitOr(int fallback) { return limit == null || limit <= 0 ? fallback : limit; }

    boolean matches(StoredEvent e) {
        if (notTypes != null && notTypes.stream().anyMatch(t -> glob(t, e.type()))) {
            return false;
        }
        if (types != null && types.stream().noneMatch(t -> glob(t, e.type()))) {
            return false;
        }
        if (notSenders != null && notSenders.contains(e.sender())) {
            return false;
        }
        return senders == null || senders.contains(e.sender());
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
