package org.twimbot.bot;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;

/**
 * The sync filter: only the configured rooms, only the event types the bot acts on, members
 * lazy-loaded, no presence or account data. Keeps catch-up downloads small on busy servers.
 */
public final class SyncFilter {
    static final List<String> TIMELINE_TYPES = List.of(
            "m.room.message",
            "m.reaction",
            "m.room.redaction",
            "m.room.member",
            "m.room.power_levels",
            "m.room.encryption");
    static final int TIMELINE_LIMIT = 100;

    private SyncFilter() {}

    /** The bot's own events are left out: it never acts on them, and its replies must not fill the timeline. */
    public static ObjectNode build(ObjectMapper json, List<String> roomIds, String botUserId) {
        ObjectNode filter = firstStart(json, roomIds);
        ((ObjectNode) filter.get("room").get("timeline"))
                .putArray("not_senders")
                .add(botUserId);
        return filter;
    }

    /**
     * For the first sync of a new database: the same, with the bot's own events, so that the timeline shows its
     * own join, from which on everything is news.
     */
    static ObjectNode firstStart(ObjectMapper json, List<String> roomIds) {
        ObjectNode filter = json.createObjectNode();
        filter.putObject("presence").putArray("not_types").add("*");
        filter.putObject("account_data").putArray("not_types").add("*");
        ObjectNode room = filter.putObject("room");
        ArrayNode rooms = room.putArray("rooms");
        roomIds.forEach(rooms::add);
        ObjectNode timeline = room.putObject("timeline");
        timeline.put("limit", TIMELINE_LIMIT);
        ArrayNode types = timeline.putArray("types");
        TIMELINE_TYPES.forEach(types::add);
        ObjectNode state = room.putObject("state");
        state.put("lazy_load_members", true);
        ArrayNode stateTypes = state.putArray("types");
        List.of("m.room.member", "m.room.power_levels", "m.room.encryption").forEach(stateTypes::add);
        room.putObject("ephemeral").putArray("not_types").add("*");
        room.putObject("account_data").putArray("not_types").add("*");
        return filter;
    }

    /** The same restrictions for /messages back-fill; {@code botUserId} null keeps the bot's own events. */
    public static ObjectNode roomEventFilter(ObjectMapper json, String botUserId) {
        ObjectNode f = json.createObjectNode();
        ArrayNode types = f.putArray("types");
        TIMELINE_TYPES.forEach(types::add);
        if (botUserId != null) f.putArray("not_senders").add(botUserId);
        return f;
    }
}
