package org.twimbot.it;

import java.util.concurrent.atomic.AtomicInteger;

/** The homeserver the suite runs against, and unique names so that tests share it without a reset. */
final class Homeserver {
    static final String ENV = "TWIMBOT_IT_HOMESERVER";
    /** Another homeserver with Synapse's default rate limits, for the burst test; the main one when unset. */
    static final String ENV_RATE_LIMITED = "TWIMBOT_IT_HOMESERVER_RATE_LIMITED";
    private static final String RUN = Long.toString(System.currentTimeMillis() % 100_000_000L, 36);
    private static final AtomicInteger SEQ = new AtomicInteger();

    private Homeserver() {}

    static String url() {
        String url = System.getenv(ENV);
        if (url == null || url.isBlank()) throw new IllegalStateException(ENV + " is not set");
        return url.replaceAll("/+$", "");
    }

    static String rateLimitedUrl() {
        String url = System.getenv(ENV_RATE_LIMITED);
        return url == null || url.isBlank() ? url() : url.replaceAll("/+$", "");
    }

    /** A localpart nobody used before on this homeserver: {@code prefix}, this run's stamp and a counter. */
    static String unique(String prefix) {
        return prefix + "-" + RUN + "-" + SEQ.incrementAndGet();
    }
}
