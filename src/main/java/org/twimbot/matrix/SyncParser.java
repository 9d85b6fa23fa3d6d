package org.twimbot.matrix;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reduces a {@code /sync} response to a {@link SyncBatch}: {@code next_batch}, every joined room's
 * {@code state.events} and {@code timeline.{events,limited,prev_batch}}, and the invited room ids.
 * Only {@code next_batch} is required; a broken room entry or event is skipped with a WARN.
 */
final class SyncParser {
    private static final Logger LOG = LoggerFactory.getLogger(SyncParser.class);

    private SyncParser() {}

    static SyncBatch parse(JsonNode root) throws MalformedResponseException {
        String nextBatch = RoomEvent.text(root, "next_batch");
        // Without next_batch the response is useless (we could not advance); treat as transient.
        if (nextBatch == null) throw new MalformedResponseException("sync response without next_batch");
        JsonNode rooms = root.path("rooms");

        List<RoomTimeline> timelines = new ArrayList<>();
        JsonNode join = rooms.path("join");
        for (Iterator<Map.Entry<String, JsonNode>> it = join.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> entry = it.next();
            String roomId = entry.getKey();
            JsonNode room = entry.getValue();
            if (!room.isObject()) {
                LOG.warn("Skipping joined room {} in sync: not a JSON object", roomId);
                continue;
            }
            JsonNode timeline = room.path("timeline");
            List<RoomEvent> state = EventParser.parseList(room.path("state").get("events"), roomId, false, true);
            List<RoomEvent> events = EventParser.parseList(timeline.get("events"), roomId, false, false);
            boolean limited = timeline.path("limited").asBoolean(false);
            String prevBatch = RoomEvent.text(timeline, "prev_batch");
            timelines.add(new RoomTimeline(roomId, state, events, limited, prevBatch));
        }

        List<String> invited = new ArrayList<>();
        for (Iterator<String> it = rooms.path("invite").fieldNames(); it.hasNext(); ) invited.add(it.next());

        return new SyncBatch(nextBatch, timelines, invited);
    }
}
