package org.twimbot.it;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.condition.EnabledIfEnvironmentVariable;

/**
 * The integration suite runs against a real homeserver (Synapse in CI, see {@code .ci/run}); without one it is
 * reported as skipped with this reason, so README's test command passes on a fresh machine.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@EnabledIfEnvironmentVariable(
        named = Homeserver.ENV,
        matches = "https?://.+",
        disabledReason =
                "TWIMBOT_IT_HOMESERVER is not set: no homeserver for the integration suite (.ci/run starts one)")
@interface RequiresHomeserver {}
