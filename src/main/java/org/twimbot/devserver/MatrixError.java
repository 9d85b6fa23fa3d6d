package org.twimbot.devserver;

import java.util.LinkedHashMap;
import java.util.Map;

/** A spec-shaped error: HTTP status plus {@code {"errcode","error"}} and optional extra fields. */
final class MatrixError extends RuntimeException {
    private final int status;
    private final String errcode;
    private final Map<String, Object> extra;

    MatrixError(int status, String errcode, String error) {
        this(status, errcode, error, Map.of());
    }

    MatrixError(int status, String errcode, String error, Map<String, Object> extra) {
        super(error, null, false, false); // control flow, no stack trace needed
        this.status = status;
        this.errcode = errcode;
        this.extra = extra;
    }

    int status() {
        return status;
    }

    String errcode() {
        return errcode;
    }

    Map<String, Object> body() {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("errcode", errcode);
        body.put("error", getMessage());
        body.putAll(extra);
        return body;
    }

    static MatrixError forbidden(String why) {
        return new MatrixError(403, "M_FORBIDDEN", why);
    }

    static MatrixError notFound(String why) {
        return new MatrixError(404, "M_NOT_FOUND", why);
    }

    static MatrixError missingParam(String name) {
        return new MatrixError(400, "M_MISSING_PARAM", "Missing parameter: " + name);
    }

    static MatrixError badJson(String why) {
        return new MatrixError(400, "M_BAD_JSON", why);
    }

    static MatrixError invalidParam(String why) {
        return new MatrixError(400, "M_INVALID_PARAM", why);
    }

    static MatrixError unrecognized(int status) {
        return new MatrixError(status, "M_UNRECOGNIZED", "Unrecognized request");
    }
}
