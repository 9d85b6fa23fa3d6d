package org.twimbot.matrix;

import java.io.IOException;

/**
 * A homeserver answered with an error the client does not retry (or gave up retrying).
 * {@code errcode} is the Matrix error code ({@code M_FORBIDDEN}, ...) or null; the message never
 * contains the access token.
 */
public class MatrixException extends IOException {
    private final int httpStatus;
    private final String errcode;

    public MatrixException(int httpStatus, String errcode, String message) {
        super(message);
        this.httpStatus = httpStatus;
        this.errcode = errcode;
    }

    public int httpStatus() {
        return httpStatus;
    }

    public String errcode() {
        return errcode;
    }

    public boolean isUnknownToken() {
        return "M_UNKNOWN_TOKEN".equals(errcode);
    }

    public boolean isForbidden() {
        return "M_FORBIDDEN".equals(errcode);
    }

    /** 413 M_TOO_LARGE: an event over the homeserver's 64 KiB, or an upload over its limit. */
    public boolean isTooLarge() {
        return httpStatus == 413 || "M_TOO_LARGE".equals(errcode);
    }

    public boolean isNotFound() {
        return httpStatus == 404 || "M_NOT_FOUND".equals(errcode);
    }
}
