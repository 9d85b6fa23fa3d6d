package org.twimbot.matrix;

import java.io.IOException;

/**
 * A 2xx response whose body is not the JSON we expect (truncated, an HTML error page from a proxy,
 * a missing required field). Treated as transient: proxies in front of homeservers produce these
 * during restarts, and the next attempt usually gets a real answer.
 */
final class MalformedResponseException extends IOException {
    MalformedResponseException(String message) {
        super(message);
    }
}
