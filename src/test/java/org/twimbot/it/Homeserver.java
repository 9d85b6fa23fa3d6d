package org.twimbot.it;

import java.util.concurrent.atomic.AtomicInteger;

/** The homeserver the suite runs against, and unique names so that tests share it without a reset. */
final class Homeserver {
    static final String ENV = "TWIMBOT_IT_HOMESERVER";
    /** A Synapse with its default rate limits ({@code synapse start --real-rate-limits}). */
    static final String RATE_LIMITED_ENV = "TWIMBOT_IT_RATE_LIMITED_HOMESERVER";
    /** That Synapse's {@code registration_shared_secret}: the admin API lifts the posters' limits. */
    static final String SECRET_ENV = "TWIMBOT_IT_RATE_LIMITED_SECRET";

    private static final String RUN = Long.toString(System.currentTimeMillis() % 100_000_000L, 36);
    private static final AtomicInteger SEQ = new AtomicInteger();

    private Homeserver() {}

    static String url() {
        String url = System.getenv(ENV);
        if (url == null || url.isBlank()) throw new IllegalStateException(ENV + " is not set");
        return url.replaceAll("/+$", "");
    }

    static String rateLimitedUrl() {
        return System.getenv(RATE_LIMITED_ENV).replaceAll("/+$", "");
    }

    static String rateLimitedSecret() {
        String secret = System.getenv(SECRET_ENV);
        if (secret == null || secret.isBlank())
            throw new IllegalStateException(SECRET_ENV + " is not set (with " + RATE_LIMITED_ENV + ")");
        return secret;
    }

    /** A localpart nobody used before on this homeserver: {@code prefix}, this run's stamp and a counter. */
    static String unique(String prefix) {
        return prefix + "-" + RUN + "-" + SEQ.incrementAndGet();
    }
}
