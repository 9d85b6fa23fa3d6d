package org.twimbot.devserver;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One room: the ordered positions of its events, its current state and each user's
 * membership history (needed to answer "was this user joined at stream position N?").
 * Guarded by the server lock.
 */
final class Room {
    private final String roomId;
    private final EventStore store;
    private final List<Long> positions = new ArrayList<>();
    private final Map<String, String> state = new LinkedHashMap<>(); // StateKey -> event id
    private final Map<String, List<Long>> memberEvents = new HashMap<>();

    Room(String roomId, EventStore store) {
        this.roomId = roomId;
        this.store = store;
    }

    String roomId() {
        return roomId;
    }

    /** Called for every event appended to this room, in stream order. */
    void record(StoredEvent event) {
        positions.add(event.pos());
        if (event.isState()) {
            state.put(event.stateKeyPair(), event.eventId());
            if (event.type().equals("m.room.member")) {
                memberEvents
                        .computeIfAbsent(event.stateKey(), k -> new ArrayList<>())
                        .add(event.pos());
            }
        }
    }

    StoredEvent state(String type, String stateKey) {
        String id = state.get(StateKey.of(type, stateKey));
        return id == null ? null : store.byId(id);
    }

    String stateEventId(String type, String stateKey) {
        return state.get(StateKey.of(type, stateKey));
    }

    List<StoredEvent> currentState() {
        List<StoredEvent> out = new ArrayList<>();
        state.values().forEach(id -> out.add(store.byId(id)));
        return out;
    }

    /** Current membership of {@code userId} ("join", "invite", "leave", "ban") or null. */
    String membership(String userId) {
        StoredEvent e = state("m.room.member", userId);
        return e == null ? null : e.membership();
    }

    boolean isJoined(String userId) {
        return "join".equals(membership(userId));
    }

    /** The membership event in force for {@code userId} at stream position {@code pos}. */
    StoredEvent memberEventAt(String userId, long pos) {
        List<Long> list = memberEvents.getOrDefault(userId, List.of());
        StoredEvent found = null;
        for (long p : list) {
            if (p > pos) {
                break;
            }
            found = store.at(p);
        }
        return found;
    }

    String membershipAt(String userId, long pos) {
        StoredEvent e = memberEventAt(userId, pos);
        return e == null ? null : e.membership();
    }

    List<String> usersWithMembership(String membership) {
        List<String> out = new ArrayList<>();
        for (String user : memberEvents.keySet()) {
            if (membership.equals(membership(user))) {
                out.add(user);
            }
        }
        Collections.sort(out);
        return out;
    }

    Iterable<String> knownUsers() {
        return memberEvents.keySet();
    }

    PowerLevels powerLevels() {
        return PowerLevels.of(state("m.room.power_levels", ""));
    }

    String joinRule() {
        StoredEvent e = state("m.room.join_rules", "");
        Object rule = e == null ? null : e.content().get("join_rule");
        return rule instanceof String s ? s : "invite";
    }

    /** Positions of this room's events, ascending; callers must not modify it. */
    List<Long> positions() {
        return positions;
    }

    long latestPosition() {
        return positions.isEmpty() ? 0 : positions.get(positions.size() - 1);
    }

    /** Index of the first position strictly greater than {@code pos}. */
    int indexAfter(long pos) {
        int i = Collections.binarySearch(positions, pos);
        return i >= 0 ? i + 1 : -i - 1;
    }
}
