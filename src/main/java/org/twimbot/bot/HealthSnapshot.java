package org.twimbot.bot;

import java.time.Instant;
import org.twimbot.matrix.MatrixClient;

/**
 * What {@code GET /health} reports, taken fresh for every request. Only times and counts: the
 * endpoint may be reachable by anyone who can reach the port, so nothing here may identify the
 * account, rooms or people.
 *
 * @param lastSyncAt when the last sync batch was committed to the store; null before the first one
 * @param submissions submissions stored, all editions
 * @param processedEvents room events processed (each at most once)
 * @param trouble why calls to the homeserver are failing right now (a kind of failure, no URL); null when they are not
 */
public record HealthSnapshot(Instant lastSyncAt, long submissions, long processedEvents, MatrixClient.Trouble trouble) {
    public HealthSnapshot(Instant lastSyncAt, long submissions, long processedEvents) {
        this(lastSyncAt, submissions, processedEvents, null);
    }
}
