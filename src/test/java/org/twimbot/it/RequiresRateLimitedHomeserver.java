package org.twimbot.it;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.condition.EnabledIfEnvironmentVariable;

/**
 * Tests of the bot under Synapse's default rate limits need a second Synapse started with
 * {@code --real-rate-limits} ({@value Homeserver#RATE_LIMITED_ENV}) and its registration shared secret
 * ({@value Homeserver#SECRET_ENV}, for the admin API); {@code .ci/run} starts one.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@EnabledIfEnvironmentVariable(
        named = Homeserver.RATE_LIMITED_ENV,
        matches = "https?://.+",
        disabledReason = "TWIMBOT_IT_RATE_LIMITED_HOMESERVER is not set: no Synapse with its default rate limits "
                + "(.ci/run starts one)")
@interface RequiresRateLimitedHomeserver {}
