package org.twimbot.app;

import java.time.Instant;

/**
 * What {@code GET /health} reports, taken fresh for every request. Only times and counts: the
 * endpoint may be reachable by anyone who can reach the port, so nothing here may identify the
 * account, rooms or people.
 *
 * @param lastSyncAt when the last sync batch was committed to the store; null before the first one
 * @param submissions submissions stored, all editions
 * @param processedEvents room events processed (each at most once)
 */
public record HealthSnapshot(Instant lastSyncAt, long submissions, long processedEvents) {}
