package org.twimbot.it;

import java.util.concurrent.atomic.AtomicInteger;

/** The homeserver the suite runs against, and unique names so that tests share it without a reset. */
final class Homeserver {
    static final String ENV = "TWIMBOT_IT_HOMESERVER";
    private static final String RUN = Long.toString(System.currentTimeMillis() % 100_000_000L, 36);
    private static final AtomicInteger SEQ = new AtomicInteger();

    private Homeserver() {}

    static String url() {
        String url = System.getenv(ENV);
        if (url == null || url.isBlank()) throw new IllegalStateException(ENV + " is not set");
        return url.replaceAll("/+$", "");
    }

    /** A localpart nobody used before on this homeserver: {@code prefix}, this run's stamp and a counter. */
    static String unique(String prefix) {
        return prefix + "-" + RUN + "-" + SEQ.incrementAndGet();
    }
}
