package org.twimbot.devserver;

import java.util.Map;

/**
 * What a handler answers: either a JSON body ({@code json}) or raw bytes with their content
 * type (media downloads), plus extra headers.
 */
record Reply(int status, Object json, byte[] raw, String contentType, Map<String, String> headers) {

    static Reply ok(Object json) {
        return new Reply(200, json, null, "application/json", Map.of());
    }

    static Reply status(int status, Object json) {
        return new Reply(status, json, null, "application/json", Map.of());
    }

    static Reply bytes(byte[] raw, String contentType, Map<String, String> headers) {
        return new Reply(200, null, raw, contentType, headers);
    }
}
