package org.twimbot.bot;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.util.function.BooleanSupplier;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.twimbot.matrix.MatrixClient;
import org.twimbot.matrix.MatrixException;
import org.twimbot.matrix.SyncBatch;

/**
 * Joins a configured room at start. README tells operators to invite the bot after starting it, so a room the
 * bot may not join yet (M_FORBIDDEN: not invited) is waited for: a sync long-poll that reports invites only wakes
 * the bot when one arrives (or after {@link #POLL_MS}), and it tries to join again. The log says so at once, then
 * at a falling rate (every {@link #FIRST_NOTE_MS} doubling up to {@link #MAX_NOTE_MS}), not once a poll.
 */
final class RoomJoiner {
    private static final Logger log = LoggerFactory.getLogger(RoomJoiner.class);
    static final int POLL_MS = 30_000;
    static final long FIRST_NOTE_MS = 60_000;
    static final long MAX_NOTE_MS = 3_600_000;
    /** Nothing but invites: no presence, account data, timelines, state or ephemeral events. */
    static final String INVITES_ONLY = "{\"presence\":{\"not_types\":[\"*\"]},\"account_data\":{\"not_types\":[\"*\"]},"
            + "\"room\":{\"timeline\":{\"not_types\":[\"*\"]},\"state\":{\"not_types\":[\"*\"]},"
            + "\"ephemeral\":{\"not_types\":[\"*\"]},\"account_data\":{\"not_types\":[\"*\"]}}}";

    private final MatrixClient client;
    private final String botUserId;
    private final BooleanSupplier stopping;
    private final LongSupplier millis;

    RoomJoiner(MatrixClient client, String botUserId, BooleanSupplier stopping, LongSupplier millis) {
        this.client = client;
        this.botUserId = botUserId;
        this.stopping = stopping;
        this.millis = millis;
    }

    /** The room id of {@code roomIdOrAlias} once joined; waits for an invite as long as the bot runs. */
    String join(String roomIdOrAlias) throws IOException {
        String since = null;
        long waitingSince = -1;
        long nextNote = 0;
        long noteEvery = FIRST_NOTE_MS;
        while (true) {
            try {
                String roomId = client.joinRoom(roomIdOrAlias);
                if (waitingSince >= 0) log.info("invited to {} at last: joined", roomIdOrAlias);
                return roomId;
            } catch (MatrixException e) {
                if (!e.isForbidden()) throw e;
                long now = millis.getAsLong();
                if (waitingSince < 0) waitingSince = now;
                if (now >= nextNote) {
                    log.warn(
                            "not invited to {} yet ({}): waiting for an invite; invite {} to it (waiting {} s so far, "
                                    + "next note in {} s)",
                            roomIdOrAlias,
                            e.getMessage(),
                            botUserId,
                            (now - waitingSince) / 1000,
                            noteEvery / 1000);
                    nextNote = now + noteEvery;
                    noteEvery = Math.min(MAX_NOTE_MS, noteEvery * 2);
                }
            }
            since = awaitInvites(since, roomIdOrAlias);
        }
    }

    /** One long-poll for invites; returns the next position. */
    private String awaitInvites(String since, String room) throws IOException {
        if (stopping.getAsBoolean()) throw new InterruptedIOException("stopped while waiting for an invite to " + room);
        try {
            SyncBatch batch = client.sync(since, INVITES_ONLY, since == null ? 0 : POLL_MS);
            return batch.nextBatch();
        } catch (IOException e) {
            if (stopping.getAsBoolean())
                throw new InterruptedIOException("stopped while waiting for an invite to " + room);
            throw e;
        }
    }
}
