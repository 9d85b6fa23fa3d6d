package org.twimbot.devserver;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Map;

/**
 * One incoming request after routing: decoded path parameters, query parameters, the raw
 * body and the authenticated session (null on endpoints that do not need auth).
 */
record Call(
        String method,
        String path,
        List<String> params,
        Map<String, String> query,
        byte[] body,
        String contentType,
        LoggedInDevice session) {

    String param(int i) {
        return params.get(i);
    }

    String query(String name) {
        return query.get(name);
    }

    /** The body as a JSON object; M_NOT_JSON when it is not JSON or not an object. */
    JsonNode json() {
        return Json.parseObject(body);
    }

    String userId() {
        return session.userId();
    }
}
