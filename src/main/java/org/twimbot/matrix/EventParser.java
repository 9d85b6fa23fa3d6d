package org.twimbot.matrix;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns the events of a sync or messages response into {@link RoomEvent}s. Events come from
 * anyone on any server, so a malformed one is skipped with a WARN naming it and the reason -
 * one bad event must never fail a whole sync (the bot would then be stuck on that batch forever).
 */
final class EventParser {
    private static final Logger LOG = LoggerFactory.getLogger(EventParser.class);

    private EventParser() {}

    /**
     * The well-formed events of a JSON array (null or a non-array gives an empty list).
     *
     * @param roomId the room the events belong to
     * @param trustEventRoomId use an event's own {@code room_id} when it has one (messages); otherwise
     *     {@code roomId} is authoritative (sync, where events are keyed by room)
     * @param stateOnly require a {@code state_key} (a sync's {@code state.events})
     */
    static List<RoomEvent> parseList(JsonNode array, String roomId, boolean trustEventRoomId, boolean stateOnly) {
        List<RoomEvent> events = new ArrayList<>();
        if (array == null || array.isNull() || array.isMissingNode()) return events;
        if (!array.isArray()) {
            LOG.warn("Skipping events of room {}: expected an array, got {}", roomId, array.getNodeType());
            return events;
        }
        for (JsonNode node : array) {
            RoomEvent event = parse(node, roomId, trustEventRoomId, stateOnly);
            if (event != null) events.add(event);
        }
        return events;
    }

    /** The event, or null (after a WARN) when it is malformed. */
    static RoomEvent parse(JsonNode node, String roomId, boolean trustEventRoomId, boolean stateOnly) {
        String problem = problem(node, stateOnly);
        if (problem != null) {
            String id = node != null && node.isObject() ? RoomEvent.text(node, "event_id") : null;
            LOG.warn("Skipping malformed event {} in room {}: {}", id == null ? "(no event_id)" : id, roomId, problem);
            return null;
        }
        String eventRoom = trustEventRoomId ? RoomEvent.text(node, "room_id") : null;
        JsonNode content = node.get("content");
        JsonNode unsigned = node.get("unsigned");
        JsonNode ts = node.get("origin_server_ts");
        return new RoomEvent(
                RoomEvent.text(node, "event_id"),
                eventRoom != null ? eventRoom : roomId,
                RoomEvent.text(node, "sender"),
                RoomEvent.text(node, "type"),
                ts != null && ts.canConvertToLong() ? ts.asLong() : 0L,
                RoomEvent.text(node, "state_key"),
                RoomEvent.text(node, "redacts"),
                content instanceof ObjectNode o ? o : null,
                unsigned instanceof ObjectNode u ? u : null);
    }

    /** Why the event cannot be used, or null when it can. */
    static String problem(JsonNode node, boolean stateOnly) {
        if (node == null || !node.isObject()) return "not a JSON object";
        for (String field : new String[] {"event_id", "type", "sender"}) {
            JsonNode v = node.get(field);
            if (v == null || v.isNull()) return "missing " + field;
            if (!v.isTextual()) return field + " is not a string";
            if (v.asText().isEmpty()) return field + " is empty";
        }
        JsonNode content = node.get("content");
        // Absent content is tolerated as {} (redacted events are stripped this far); a wrong type is not.
        if (content != null && !content.isNull() && !content.isObject()) return "content is not an object";
        JsonNode stateKey = node.get("state_key");
        if (stateKey != null && !stateKey.isNull() && !stateKey.isTextual()) return "state_key is not a string";
        if (stateOnly && (stateKey == null || !stateKey.isTextual())) return "state event without state_key";
        return null;
    }
}
