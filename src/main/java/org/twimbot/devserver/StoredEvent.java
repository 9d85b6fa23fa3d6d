package org.twimbot.devserver;

import java.util.Map;

/**
 * A persisted room event. {@code pos} is the global stream position (1, 2, 3, ... across all
 * rooms); stream tokens are derived from it. Immutable: a redaction replaces the record.
 *
 * @param stateKey null for message events
 * @param redacts for m.room.redaction: the target event id
 * @param txnId transaction id the sender used (shown to the sending device only)
 * @param senderToken access token that sent it, to scope {@code unsigned.transaction_id}
 * @param redactedBy event id of the redaction that stripped this event, or null
 * @param replacesState for state events: the event id previously holding this state key
 */
record StoredEvent(
        long pos,
        String eventId,
        String roomId,
        String type,
        String stateKey,
        String sender,
        long ts,
        Map<String, Object> content,
        String redacts,
        String txnId,
        String senderToken,
        String redactedBy,
        String replacesState) {

    boolean isState() {
        return stateKey != null;
    }

    String stateKeyPair() {
        return StateKey.of(type, stateKey);
    }

    /** For m.room.member events: the membership it sets. */
    String membership() {
        Object m = content.get("membership");
        return m instanceof String s ? s : null;
    }

    StoredEvent redacted(Map<String, Object> strippedContent, String redactionId) {
        return new StoredEvent(
                pos,
                eventId,
                roomId,
                type,
                stateKey,
                sender,
                ts,
                strippedContent,
                redacts,
                txnId,
                senderToken,
                redactionId,
                replacesState);
    }
}
