package org.twimbot.curation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class RefusalsTest {
    @Test
    void oneRefusalPerUserPerMinuteAndTenInAll() {
        HandClock clock = new HandClock();
        Refusals refusals = new Refusals(clock);
        assertTrue(refusals.mayRefuse("@a:x"));
        assertFalse(refusals.mayRefuse("@a:x"), "the same user within a minute");
        int granted = 1;
        for (int i = 0; i < 30; i++) if (refusals.mayRefuse("@crowd" + i + ":x")) granted++;
        assertEquals(Refusals.PER_MINUTE, granted, "a crowd of accounts gets at most ten answers a minute");
        clock.now = clock.now.plus(Duration.ofSeconds(61));
        assertTrue(refusals.mayRefuse("@a:x"), "a minute later the budget is back");
    }
}
