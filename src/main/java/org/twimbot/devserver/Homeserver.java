package org.twimbot.devserver;

import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * All in-memory state of the dev server. Every handler works under {@link #lock}; a single
 * lock is plenty for a dev server and keeps the invariants trivial. Long-polling /sync waits
 * on the {@link StreamNotifier} instead, without the lock.
 */
final class Homeserver {
    final Object lock = new Object();
    final String serverName;
    final Clock clock;
    final EventStore events = new EventStore();
    final Accounts accounts;
    final Filters filters = new Filters();
    final MediaRepo media;
    final StreamNotifier notifier = new StreamNotifier();
    private final Map<String, Room> rooms = new LinkedHashMap<>();
    private final Map<String, String> aliases = new HashMap<>(); // alias -> room id
    private final Map<String, String> aliasCreators = new HashMap<>();
    private final Map<String, String> transactions = new HashMap<>(); // token + path -> event id

    Homeserver(String serverName, Clock clock, long maxUploadBytes) {
        this.serverName = serverName;
        this.media = new MediaRepo(maxUploadBytes);
        this.clock = clock;
        this.accounts = new Accounts(serverName);
    }

    Room newRoom() {
        Room room = new Room(Ids.roomId(serverName), events);
        rooms.put(room.roomId(), room);
        return room;
    }

    /** The room, or 404 M_NOT_FOUND (also for unknown ids, like Synapse for unknown rooms). */
    Room room(String roomId) {
        Room room = rooms.get(roomId);
        if (room == null) {
            throw MatrixError.notFound("Unknown room " + roomId);
        }
        return room;
    }

    /**
     * For endpoints that need membership: an unknown room is reported like a room the user is
     * not in (403), as Synapse does, so room existence does not leak. Callers still check
     * the membership itself.
     */
    Room roomAsMember(String roomId, String userId) {
        Room room = rooms.get(roomId);
        if (room == null) {
            throw MatrixError.forbidden("User " + userId + " not in room " + roomId);
        }
        return room;
    }

    Room roomOrNull(String roomId) {
        return rooms.get(roomId);
    }

    List<Room> rooms() {
        return new ArrayList<>(rooms.values());
    }

    StoredEvent append(Room room, EventDraft d) {
        long pos = events.nextPosition();
        long ts = d.ts() != null ? d.ts() : clock.millis();
        PduSize.check(room, d, ts); // as Synapse: nothing over 64 KiB is stored, whoever sends it
        String replaces = d.stateKey() == null ? null : room.stateEventId(d.type(), d.stateKey());
        StoredEvent event = new StoredEvent(
                pos,
                Ids.eventId(),
                room.roomId(),
                d.type(),
                d.stateKey(),
                d.sender(),
                ts,
                Json.copy(d.content()),
                d.redacts(),
                d.txnId(),
                d.senderToken(),
                null,
                replaces);
        events.append(event);
        room.record(event);
        notifier.advance(pos);
        return event;
    }

    // --- aliases -------------------------------------------------------------------------

    String resolveAlias(String alias) {
        return aliases.get(alias);
    }

    void putAlias(String alias, String roomId, String creator) {
        checkAliasServer(alias);
        if (aliases.containsKey(alias)) {
            throw new MatrixError(409, "M_UNKNOWN", "Room alias " + alias + " already exists");
        }
        aliases.put(alias, roomId);
        aliasCreators.put(alias, creator);
    }

    String aliasCreator(String alias) {
        return aliasCreators.get(alias);
    }

    void removeAlias(String alias) {
        aliases.remove(alias);
        aliasCreators.remove(alias);
    }

    void checkAliasServer(String alias) {
        String localpart = alias.length() > serverName.length() + 2
                ? alias.substring(1, alias.length() - serverName.length() - 1)
                : "";
        if (!alias.startsWith("#")
                || !alias.endsWith(":" + serverName)
                || localpart.isEmpty()
                || localpart.contains(":")
                || localpart.chars().anyMatch(Character::isWhitespace)) {
            throw MatrixError.invalidParam("Room alias must be #localpart:" + serverName);
        }
    }

    /** Accepts a room id or an alias of this server; 404 when unknown. */
    Room resolve(String roomIdOrAlias) {
        if (roomIdOrAlias.startsWith("#")) {
            String id = aliases.get(roomIdOrAlias);
            if (id == null) {
                throw MatrixError.notFound("Room alias " + roomIdOrAlias + " not found");
            }
            return room(id);
        }
        if (!roomIdOrAlias.startsWith("!")) {
            throw MatrixError.invalidParam(roomIdOrAlias + " was not legal room ID or room alias");
        }
        return room(roomIdOrAlias);
    }

    // --- transactions --------------------------------------------------------------------

    /** Transaction ids are scoped to the access token and the request path, like Synapse. */
    String transaction(String token, String path) {
        return transactions.get(token + " " + path);
    }

    void rememberTransaction(String token, String path, String eventId) {
        transactions.put(token + " " + path, eventId);
    }
}
