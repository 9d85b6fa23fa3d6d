package org.twimbot.devserver;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.HashMap;
import java.util.Map;

/** Filters uploaded with POST /user/{userId}/filter, per user. Guarded by the server lock. */
final class Filters {
    private final Map<String, Map<String, JsonNode>> byUser = new HashMap<>();

    String save(String userId, JsonNode filter) {
        Map<String, JsonNode> mine = byUser.computeIfAbsent(userId, k -> new HashMap<>());
        String id = Integer.toString(mine.size());
        mine.put(id, filter);
        return id;
    }

    JsonNode get(String userId, String filterId) {
        return byUser.getOrDefault(userId, Map.of()).get(filterId);
    }

    /**
     * Resolves the sync/messages {@code filter} parameter: inline JSON when it starts with
     * '{', else a filter id of this user (unknown id: 404 M_NOT_FOUND).
     */
    SyncRoomFilter resolve(String userId, String param) {
        if (param == null || param.isEmpty()) {
            return SyncRoomFilter.parse(null);
        }
        if (param.trim().startsWith("{")) {
            return SyncRoomFilter.parse(Json.parseObject(param));
        }
        JsonNode stored = get(userId, param);
        if (stored == null) {
            throw MatrixError.notFound("No such filter");
        }
        return SyncRoomFilter.parse(stored);
    }
}
