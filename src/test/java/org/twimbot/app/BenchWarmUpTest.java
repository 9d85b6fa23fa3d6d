package org.twimbot.app;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class BenchWarmUpTest {
    private final BenchWarmUp warmUp = new BenchWarmUp(2, 6, 0.05);

    @Test
    void warmsUpAtLeastTheMinimumHoweverQuietTheCompiler() {
        assertTrue(warmUp.another(0, 0, 0));
        assertTrue(warmUp.another(1, 0, 500));
    }

    @Test
    void goesOnWhileTheCompilerTookMoreThanTheQuietShareOfTheCatchUp() {
        assertTrue(warmUp.another(2, 26, 500), "26 ms of 500 is more than 5 %");
        assertFalse(warmUp.another(2, 25, 500), "25 ms of 500 is quiet");
        assertFalse(warmUp.another(3, 0, 450));
    }

    @Test
    void stopsAtTheMaximumEvenWhileTheCompilerIsBusy() {
        assertTrue(warmUp.another(5, 400, 800));
        assertFalse(warmUp.another(6, 400, 800));
    }

    @Test
    void aMaximumBelowTheMinimumIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> new BenchWarmUp(3, 2, 0.05));
        assertFalse(new BenchWarmUp(0, 0, 0.05).another(0, 0, 0), "no warm-up at all when both are 0");
    }
}
