package org.twimbot.devserver;

import java.util.LinkedHashMap;
import java.util.Map;

/** Renders stored events in the spec's client format (and stripped state for invites). */
final class EventFormat {
    private final Homeserver hs;

    EventFormat(Homeserver hs) {
        this.hs = hs;
    }

    /**
     * @param viewer whose copy it is: the sending device also sees unsigned.transaction_id
     * @param withRoomId sync omits room_id (the room is the key); /messages and others include it
     */
    Map<String, Object> client(StoredEvent e, LoggedInDevice viewer, boolean withRoomId) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("event_id", e.eventId());
        out.put("type", e.type());
        out.put("sender", e.sender());
        out.put("origin_server_ts", e.ts());
        out.put("content", e.content());
        if (e.stateKey() != null) {
            out.put("state_key", e.stateKey());
        }
        if (e.redacts() != null) {
            out.put("redacts", e.redacts());
        }
        if (withRoomId) {
            out.put("room_id", e.roomId());
        }
        out.put("unsigned", unsigned(e, viewer, withRoomId));
        return out;
    }

    private Map<String, Object> unsigned(StoredEvent e, LoggedInDevice viewer, boolean withRoomId) {
        Map<String, Object> unsigned = new LinkedHashMap<>();
        unsigned.put("age", Math.max(0, hs.clock.millis() - e.ts()));
        if (e.txnId() != null && viewer != null && viewer.accessToken().equals(e.senderToken())) {
            unsigned.put("transaction_id", e.txnId());
        }
        if (e.replacesState() != null) {
            StoredEvent prev = hs.events.byId(e.replacesState());
            unsigned.put("replaces_state", prev.eventId());
            unsigned.put("prev_content", prev.content());
            unsigned.put("prev_sender", prev.sender());
        }
        if (e.redactedBy() != null) {
            unsigned.put("redacted_because", client(hs.events.byId(e.redactedBy()), viewer, withRoomId));
        }
        return unsigned;
    }

    /** Stripped state as in invite_state: only type, state_key, sender and content. */
    static Map<String, Object> stripped(StoredEvent e) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("type", e.type());
        out.put("state_key", e.stateKey());
        out.put("sender", e.sender());
        out.put("content", e.content());
        return out;
    }
}
