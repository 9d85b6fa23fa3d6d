package org.twimbot.outbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class TxnIdsTest {
    @Test
    void theSameCauseAndPurposeGiveTheSameIdSoAResendIsDeduplicated() {
        assertEquals(TxnIds.of("$event:x", "ack"), TxnIds.of("$event:x", "ack"));
        assertNotEquals(TxnIds.of("$event:x", "ack"), TxnIds.of("$event:x", "audit"));
        assertNotEquals(TxnIds.of("$event:x", "ack"), TxnIds.of("$other:x", "ack"));
        assertTrue(TxnIds.of("$e", "p").matches("twimbot\\.[A-Za-z0-9_-]{24}"), "safe in a URL path segment");
    }
}
