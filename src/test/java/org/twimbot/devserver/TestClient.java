package org.twimbot.devserver;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import okhttp3.Headers;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;

/** A thin real-HTTP client for the tests: one per user (access token). */
final class TestClient {
    static final ObjectMapper MAPPER = new ObjectMapper();
    private static final MediaType JSON = MediaType.get("application/json");
    private static final OkHttpClient HTTP =
            new OkHttpClient.Builder().readTimeout(60, TimeUnit.SECONDS).build();

    /** A response: status, parsed JSON body (null when not JSON), raw bytes and headers. */
    record Resp(int code, JsonNode json, byte[] bytes, Headers headers) {
        String errcode() {
            return json == null ? null : json.path("errcode").asText(null);
        }

        String text(String field) {
            return json.path(field).asText(null);
        }
    }

    final String baseUrl;
    String token;
    String userId;
    String deviceId;

    TestClient(DevServer server) {
        this.baseUrl = server.baseUrl();
    }

    static TestClient registered(DevServer server, String username) {
        TestClient c = new TestClient(server);
        Resp r = c.post(
                "/_matrix/client/v3/register",
                Map.of("username", username, "password", "pw-" + username, "auth", Map.of("type", "m.login.dummy")));
        if (r.code() != 200) {
            throw new AssertionError("register failed: " + r.code() + " " + r.json());
        }
        c.token = r.text("access_token");
        c.userId = r.text("user_id");
        c.deviceId = r.text("device_id");
        return c;
    }

    static String enc(String segment) {
        return URLEncoder.encode(segment, StandardCharsets.UTF_8).replace("+", "%20");
    }

    Resp get(String path) {
        return call(new Request.Builder().url(baseUrl + path).get());
    }

    Resp delete(String path) {
        return call(new Request.Builder().url(baseUrl + path).delete());
    }

    Resp post(String path, Object body) {
        return call(new Request.Builder().url(baseUrl + path).post(json(body)));
    }

    Resp put(String path, Object body) {
        return call(new Request.Builder().url(baseUrl + path).put(json(body)));
    }

    Resp postRaw(String path, byte[] body, String contentType) {
        return call(
                new Request.Builder().url(baseUrl + path).post(RequestBody.create(body, MediaType.get(contentType))));
    }

    Resp putRawText(String path, String body) {
        return call(new Request.Builder().url(baseUrl + path).put(RequestBody.create(body, JSON)));
    }

    // --- conveniences ---------------------------------------------------------------------

    String createRoom(Map<String, Object> body) {
        Resp r = post("/_matrix/client/v3/createRoom", body);
        ok(r);
        return r.text("room_id");
    }

    String send(String roomId, String body, String txnId) {
        Resp r = put(
                "/_matrix/client/v3/rooms/" + enc(roomId) + "/send/m.room.message/" + txnId,
                Map.of("msgtype", "m.text", "body", body));
        ok(r);
        return r.text("event_id");
    }

    Resp sync(String since, String filter, long timeoutMs) {
        StringBuilder q = new StringBuilder("/_matrix/client/v3/sync?timeout=" + timeoutMs);
        if (since != null) {
            q.append("&since=").append(enc(since));
        }
        if (filter != null) {
            q.append("&filter=").append(enc(filter));
        }
        Resp r = get(q.toString());
        ok(r);
        return r;
    }

    static void ok(Resp r) {
        if (r.code() != 200) {
            throw new AssertionError("expected 200, got " + r.code() + " " + r.json());
        }
    }

    private static RequestBody json(Object body) {
        try {
            return RequestBody.create(MAPPER.writeValueAsBytes(body), JSON);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private Resp call(Request.Builder builder) {
        if (token != null) {
            builder.header("Authorization", "Bearer " + token);
        }
        try (Response response = HTTP.newCall(builder.build()).execute()) {
            byte[] bytes =
                    response.body() == null ? new byte[0] : response.body().bytes();
            JsonNode json = null;
            String type = response.header("Content-Type", "");
            if (type.startsWith("application/json") && bytes.length > 0) {
                json = MAPPER.readTree(bytes);
            }
            return new Resp(response.code(), json, bytes, response.headers());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
