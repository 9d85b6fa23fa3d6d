package org.twimbot.devserver;

import java.util.Map;

/**
 * An event about to be appended. {@code ts} null means "now" from the server clock; only the
 * test/bench injection path sets it.
 */
record EventDraft(
        String sender,
        String type,
        String stateKey,
        Map<String, Object> content,
        String redacts,
        String txnId,
        String senderToken,
        Long ts) {

    static EventDraft state(String sender, String type, String stateKey, Map<String, Object> content) {
        return new EventDraft(sender, type, stateKey, content, null, null, null, null);
    }

    static EventDraft message(String sender, String type, Map<String, Object> content) {
        return new EventDraft(sender, type, null, content, null, null, null, null);
    }
}
