package org.twimbot.matrix;

import java.time.Duration;
import java.util.Optional;

/**
 * 429 M_LIMIT_EXCEEDED handed to the caller instead of waited out inside the call (see
 * {@link MatrixClient#reportingRateLimits}): the caller decides what to send when the homeserver lets it.
 */
public final class RateLimitedException extends MatrixException {
    private final Duration retryAfter;

    RateLimitedException(MatrixException cause, Duration retryAfter) {
        super(cause.httpStatus(), cause.errcode(), cause.getMessage());
        this.retryAfter = retryAfter;
    }

    /** The homeserver's {@code retry_after_ms} (or {@code Retry-After}), when it gave one. */
    public Optional<Duration> retryAfter() {
        return Optional.ofNullable(retryAfter);
    }
}
