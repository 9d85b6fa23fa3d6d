package org.twimbot.matrix;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * One event from a room timeline or state, as the homeserver sent it. {@code content} and
 * {@code unsigned} are never null (empty objects when absent); {@code stateKey} and
 * {@code redacts} are null when absent. Accessors read the common content fields without
 * throwing on wrong types, because events come from anyone.
 */
public record RoomEvent(
        String eventId,
        String roomId,
        String sender,
        String type,
        long originServerTs,
        String stateKey,
        String redacts,
        ObjectNode content,
        ObjectNode unsigned) {

    public RoomEvent {
        content = content == null ? JsonNodeFactory.instance.objectNode() : content;
        unsigned = unsigned == null ? JsonNodeFactory.instance.objectNode() : unsigned;
    }

    public boolean isState() {
        return stateKey != null;
    }

    /** {@code content.msgtype} or null. */
    public String msgtype() {
        return text(content, "msgtype");
    }

    /** {@code content.body} or null. */
    public String body() {
        return text(content, "body");
    }

    /** {@code content.formatted_body} when {@code content.format} is {@code org.matrix.custom.html}, else null. */
    public String formattedBody() {
        return "org.matrix.custom.html".equals(text(content, "format")) ? text(content, "formatted_body") : null;
    }

    /** {@code content.m.relates_to.rel_type} or null. */
    public String relType() {
        return text(content.path("m.relates_to"), "rel_type");
    }

    /** {@code content.m.relates_to.event_id} or null. */
    public String relatesTo() {
        return text(content.path("m.relates_to"), "event_id");
    }

    /** {@code content.m.relates_to.key} (reactions) or null. */
    public String relationKey() {
        return text(content.path("m.relates_to"), "key");
    }

    /** {@code content.m.relates_to.m.in_reply_to.event_id} or null. */
    public String inReplyTo() {
        return text(content.path("m.relates_to").path("m.in_reply_to"), "event_id");
    }

    /** Redaction target: top-level {@code redacts} (v1.0-v10 rooms) or {@code content.redacts} (v11). */
    public String redactionTarget() {
        return redacts != null ? redacts : text(content, "redacts");
    }

    static String text(JsonNode node, String field) {
        JsonNode v = node == null ? null : node.get(field);
        return v != null && v.isTextual() ? v.asText() : null;
    }
}
