package org.twimbot.matrix;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class VersionsTest {
    @Test
    void comparesSpecVersionsNumerically() {
        Versions old = new Versions(List.of("r0.6.1", "v1.1", "v1.2"));
        assertFalse(old.atLeast(1, 11));
        assertTrue(old.atLeast(1, 2));
        Versions current = new Versions(List.of("v1.2", "v1.11"));
        assertTrue(current.atLeast(1, 11));
        assertFalse(current.atLeast(1, 12));
        assertTrue(new Versions(List.of("v2.0")).atLeast(1, 11));
    }
}
