package org.twimbot.app;

/**
 * When the benchmark's warm-up is over. A fixed count is not enough on two cores: the optimising
 * compiler works through Jackson, OkHttp, sqlite-jdbc, the dev homeserver and the bot for a dozen
 * catch-ups, and while it does it holds one of the two cores, so early runs time the compiler as
 * much as the bot. A bot runs for weeks, so the steady state is what the figures describe: warm-up
 * goes on, past {@code min} runs, until the JIT compiled for at most {@code quietShare} of the last
 * run's catch-up, and stops at {@code max} runs whatever the JIT does.
 */
record BenchWarmUp(int min, int max, double quietShare) {
    /** The compiler took at most a twentieth of the catch-up's time. */
    static final double QUIET_SHARE = 0.05;

    BenchWarmUp {
        if (min < 0 || max < min)
            throw new IllegalArgumentException("warm-up runs: need 0 <= min <= max, got " + min + ", " + max);
    }

    /**
     * @param done warm-up runs done so far
     * @param jitMillis time the JIT compiled during the last run's catch-up (any value when {@code done} is 0)
     * @param ingestMillis the last run's catch-up time
     */
    boolean another(int done, double jitMillis, double ingestMillis) {
        if (done < min) return true;
        if (done >= max) return false;
        return jitMillis > quietShare * ingestMillis;
    }
}
