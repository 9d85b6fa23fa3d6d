package org.twimbot.app;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.twimbot.matrix.MatrixClient;
import org.twimbot.matrix.MessagesPage;
import org.twimbot.matrix.RoomEvent;
import org.twimbot.matrix.RoomTimeline;

/**
 * Closes the gap a {@code limited} timeline leaves: pages {@code /messages} forward from the token
 * the bot synced from (the spec allows a {@code next_batch} token as {@code from}) up to the
 * timeline's first event, handing each page, oldest first, to the caller. Only one page is held
 * at a time, so a catch-up of tens of thousands of events fits a small heap; each page is applied
 * in its own transaction and the sync token only advances with the timeline itself, so a crash
 * mid-way replays the gap and the processed-events table skips what was already applied.
 */
final class Backfill {
    private static final Logger log = LoggerFactory.getLogger(Backfill.class);
    private static final int PAGE = 100;

    /** Receives the missed events page by page, oldest first. */
    @FunctionalInterface
    interface PageSink {
        void accept(List<RoomEvent> events) throws IOException;
    }

    private final MatrixClient client;
    private final JsonNode filter;

    Backfill(MatrixClient client, JsonNode filter) {
        this.client = client;
        this.filter = filter;
    }

    /** @return the number of missed events handed to {@code sink} */
    int fill(RoomTimeline room, String since, PageSink sink) throws IOException {
        String stopAt = room.events().isEmpty() ? null : room.events().get(0).eventId();
        String from = since;
        int total = 0;
        int pages = 0;
        while (from != null) {
            MessagesPage page = client.messages(room.roomId(), from, "f", PAGE, filter);
            List<RoomEvent> chunk = page.chunk();
            int cut = chunk.size();
            boolean reached = false;
            for (int i = 0; i < chunk.size(); i++) {
                if (chunk.get(i).eventId().equals(stopAt)) {
                    cut = i;
                    reached = true;
                    break;
                }
            }
            if (cut > 0) sink.accept(chunk.subList(0, cut));
            total += cut;
            if (reached || chunk.isEmpty()) break;
            from = page.end();
            if (++pages % 20 == 0) log.info("back-filling {}: {} events so far", room.roomId(), total);
        }
        log.info("back-filled {} missed events in {}", total, room.roomId());
        return total;
    }
}
