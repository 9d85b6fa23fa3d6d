package org.twimbot.app;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.twimbot.matrix.MatrixClient;
import org.twimbot.matrix.MessagesPage;
import org.twimbot.matrix.RoomEvent;
import org.twimbot.matrix.RoomTimeline;
import org.twimbot.store.Store;

/**
 * Closes the gap a {@code limited} timeline leaves: pages {@code /messages} backwards from
 * {@code prev_batch} until an event the bot already processed (or the room's start), then returns
 * the missed events followed by the timeline, oldest first.
 */
final class Backfill {
    private static final Logger log = LoggerFactory.getLogger(Backfill.class);
    private static final int PAGE = 100;

    private final MatrixClient client;
    private final Store store;
    private final JsonNode filter;

    Backfill(MatrixClient client, Store store, JsonNode filter) {
        this.client = client;
        this.store = store;
        this.filter = filter;
    }

    List<RoomEvent> fill(RoomTimeline room) throws IOException {
        List<RoomEvent> missedNewestFirst = new ArrayList<>();
        String from = room.prevBatch();
        boolean reached = false;
        int pages = 0;
        while (from != null && !reached) {
            MessagesPage page = client.messages(room.roomId(), from, "b", PAGE, filter);
            List<RoomEvent> chunk = page.chunk();
            // one store read per page, not per event
            int known = store.read(tx -> {
                for (int i = 0; i < chunk.size(); i++) {
                    if (tx.processed().isProcessed(chunk.get(i).eventId())) return i;
                }
                return -1;
            });
            missedNewestFirst.addAll(known < 0 ? chunk : chunk.subList(0, known));
            reached = known >= 0;
            if (page.chunk().isEmpty()) break;
            from = page.end();
            if (++pages % 10 == 0) log.info("back-filling {}: {} events so far", room.roomId(), missedNewestFirst.size());
        }
        Collections.reverse(missedNewestFirst);
        log.info("back-filled {} missed events in {}", missedNewestFirst.size(), room.roomId());
        return Bot.concat(missedNewestFirst, room.events());
    }
}
