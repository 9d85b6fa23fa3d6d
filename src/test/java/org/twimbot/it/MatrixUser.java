package org.twimbot.it;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import okhttp3.HttpUrl;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;

/**
 * A person on the homeserver, as a client sends their events: plain OkHttp and Jackson, independent of the
 * bot's own client. Registers itself with {@code m.login.dummy} (open registration, as any Synapse offers it).
 * Waits out 429 answers as the homeserver asks, so that it works under real rate limits too.
 */
final class MatrixUser {
    static final ObjectMapper JSON = new ObjectMapper();
    private static final MediaType JSON_TYPE = MediaType.get("application/json; charset=utf-8");
    private static final OkHttpClient HTTP =
            new OkHttpClient.Builder().readTimeout(Duration.ofSeconds(90)).build();
    private static final AtomicLong TXN = new AtomicLong(System.nanoTime());
    /** 429 answers waited out per request before failing the test. */
    private static final int MAX_RATE_LIMITED = 100;

    final String baseUrl;
    final String userId;
    final String password;
    final String accessToken;

    private MatrixUser(String baseUrl, String userId, String password, String accessToken) {
        this.baseUrl = baseUrl;
        this.userId = userId;
        this.password = password;
        this.accessToken = accessToken;
    }

    /** Registers a new account {@code localpart} with a display name. */
    static MatrixUser register(String baseUrl, String localpart, String displayName) throws IOException {
        String password = "it-" + localpart + "-secret";
        ObjectNode body = JSON.createObjectNode()
                .put("username", localpart)
                .put("password", password)
                .put("inhibit_login", false);
        body.putObject("auth").put("type", "m.login.dummy");
        JsonNode r = call(baseUrl, null, "POST", "/_matrix/client/v3/register", body);
        MatrixUser user = new MatrixUser(
                baseUrl,
                r.path("user_id").asText(),
                password,
                r.path("access_token").asText());
        if (displayName != null) {
            user.put(
                    "/_matrix/client/v3/profile/" + enc(user.userId) + "/displayname",
                    JSON.createObjectNode().put("displayname", displayName));
        }
        return user;
    }

    /**
     * Registers a new account through Synapse's admin API with the registration shared secret (HMAC-SHA1 over
     * nonce, name, password and admin flag), which is not rate-limited as open registration is.
     */
    static MatrixUser registerWithSecret(
            String baseUrl, String secret, String localpart, String displayName, boolean admin) throws IOException {
        String password = "it-" + localpart + "-secret";
        String nonce = execute(new Request.Builder()
                        .url(baseUrl + "/_synapse/admin/v1/register")
                        .build())
                .path("nonce")
                .asText();
        String mac;
        try {
            Mac hmac = Mac.getInstance("HmacSHA1");
            hmac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA1"));
            String signed = nonce + "\0" + localpart + "\0" + password + "\0" + (admin ? "admin" : "notadmin");
            mac = HexFormat.of().formatHex(hmac.doFinal(signed.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IOException(e);
        }
        ObjectNode body = JSON.createObjectNode()
                .put("nonce", nonce)
                .put("username", localpart)
                .put("password", password)
                .put("admin", admin)
                .put("mac", mac);
        if (displayName != null) body.put("displayname", displayName);
        JsonNode r = call(baseUrl, null, "POST", "/_synapse/admin/v1/register", body);
        return new MatrixUser(
                baseUrl,
                r.path("user_id").asText(),
                password,
                r.path("access_token").asText());
    }

    /** As an admin: lifts Synapse's message rate limit for {@code user} (a burst's posters are many people in reality). */
    void liftRateLimit(MatrixUser user) throws IOException {
        post(
                "/_synapse/admin/v1/users/" + enc(user.userId) + "/override_ratelimit",
                JSON.createObjectNode().put("messages_per_second", 0).put("burst_count", 0));
    }

    /** The same account reaching the homeserver at another URL (a proxy in front of it). */
    MatrixUser via(String otherBaseUrl) {
        return new MatrixUser(otherBaseUrl, userId, password, accessToken);
    }

    /** A public room (anyone may join) with an alias; returns the room id. */
    String createPublicRoom(String aliasLocalpart) throws IOException {
        ObjectNode body = JSON.createObjectNode()
                .put("preset", "public_chat")
                .put("room_alias_name", aliasLocalpart)
                .put("name", aliasLocalpart);
        return post("/_matrix/client/v3/createRoom", body).path("room_id").asText();
    }

    /** A private room (invite only); returns the room id. */
    String createPrivateRoom(String name) throws IOException {
        return post(
                        "/_matrix/client/v3/createRoom",
                        JSON.createObjectNode().put("preset", "private_chat").put("name", name))
                .path("room_id")
                .asText();
    }

    void invite(String roomId, String userId) throws IOException {
        post(
                "/_matrix/client/v3/rooms/" + enc(roomId) + "/invite",
                JSON.createObjectNode().put("user_id", userId));
    }

    String join(String roomIdOrAlias) throws IOException {
        return post("/_matrix/client/v3/join/" + enc(roomIdOrAlias), JSON.createObjectNode())
                .path("room_id")
                .asText();
    }

    /** Sends any event; returns its id. */
    String send(String roomId, String type, ObjectNode content) throws IOException {
        return put(
                        "/_matrix/client/v3/rooms/" + enc(roomId) + "/send/" + enc(type) + "/it"
                                + TXN.incrementAndGet(),
                        content)
                .path("event_id")
                .asText();
    }

    String text(String roomId, String body) throws IOException {
        return send(
                roomId,
                "m.room.message",
                JSON.createObjectNode().put("msgtype", "m.text").put("body", body));
    }

    /** A message as Element sends formatted text: plain body plus org.matrix.custom.html formatted_body. */
    String html(String roomId, String body, String html) throws IOException {
        return send(roomId, "m.room.message", htmlContent(body, html));
    }

    static ObjectNode htmlContent(String body, String html) {
        return JSON.createObjectNode()
                .put("msgtype", "m.text")
                .put("body", body)
                .put("format", "org.matrix.custom.html")
                .put("formatted_body", html);
    }

    /** An edit as Element sends it: "* " fallback body, m.new_content, m.replace relation. */
    String edit(String roomId, String target, String body, String html) throws IOException {
        ObjectNode content = htmlContent("* " + body, "* " + html);
        content.set("m.new_content", htmlContent(body, html));
        content.putObject("m.relates_to").put("rel_type", "m.replace").put("event_id", target);
        return send(roomId, "m.room.message", content);
    }

    String react(String roomId, String target, String key) throws IOException {
        ObjectNode content = JSON.createObjectNode();
        content.putObject("m.relates_to")
                .put("rel_type", "m.annotation")
                .put("event_id", target)
                .put("key", key);
        return send(roomId, "m.reaction", content);
    }

    String redact(String roomId, String eventId) throws IOException {
        return put(
                        "/_matrix/client/v3/rooms/" + enc(roomId) + "/redact/" + enc(eventId) + "/it"
                                + TXN.incrementAndGet(),
                        JSON.createObjectNode())
                .path("event_id")
                .asText();
    }

    /** Uploads through the media API; returns the mxc URI. */
    String upload(byte[] data, String contentType, String fileName) throws IOException {
        HttpUrl url = HttpUrl.get(baseUrl + "/_matrix/media/v3/upload")
                .newBuilder()
                .addQueryParameter("filename", fileName)
                .build();
        Request request = new Request.Builder()
                .url(url)
                .header("Authorization", "Bearer " + accessToken)
                .post(RequestBody.create(data, MediaType.get(contentType)))
                .build();
        return execute(request).path("content_uri").asText();
    }

    /** A picture as a reply to {@code target}, as Element sends it (uploaded first). */
    String imageReply(String roomId, String target, byte[] png, String fileName) throws IOException {
        String mxc = upload(png, "image/png", fileName);
        ObjectNode content = JSON.createObjectNode()
                .put("msgtype", "m.image")
                .put("body", fileName)
                .put("url", mxc);
        content.putObject("info").put("mimetype", "image/png").put("size", png.length);
        content.putObject("m.relates_to").putObject("m.in_reply_to").put("event_id", target);
        return send(roomId, "m.room.message", content);
    }

    /** Downloads media (the legacy path, which Synapse 1.67 serves). */
    byte[] download(String mxc) throws IOException {
        String rest = mxc.substring("mxc://".length());
        Request request = new Request.Builder()
                .url(baseUrl + "/_matrix/media/v3/download/" + rest)
                .header("Authorization", "Bearer " + accessToken)
                .build();
        try (Response response = HTTP.newCall(request).execute()) {
            if (!response.isSuccessful()) throw new IOException("download " + mxc + ": HTTP " + response.code());
            return response.body().bytes();
        }
    }

    /** Every event of the room this user may see, oldest first (paged back from the end, at most {@code max}). */
    List<JsonNode> messages(String roomId, int max) throws IOException {
        List<JsonNode> newestFirst = new ArrayList<>();
        String from = null;
        while (newestFirst.size() < max) {
            HttpUrl.Builder url = HttpUrl.get(baseUrl + "/_matrix/client/v3/rooms/" + enc(roomId) + "/messages")
                    .newBuilder()
                    .addQueryParameter("dir", "b")
                    .addQueryParameter("limit", "500");
            if (from != null) url.addQueryParameter("from", from);
            JsonNode page = execute(new Request.Builder()
                    .url(url.build())
                    .header("Authorization", "Bearer " + accessToken)
                    .build());
            for (JsonNode e : page.path("chunk")) newestFirst.add(e);
            String end = page.path("end").asText(null);
            if (page.path("chunk").isEmpty() || end == null || end.equals(from)) break;
            from = end;
        }
        Collections.reverse(newestFirst);
        return newestFirst;
    }

    JsonNode get(String path) throws IOException {
        return execute(new Request.Builder()
                .url(baseUrl + path)
                .header("Authorization", "Bearer " + accessToken)
                .build());
    }

    JsonNode post(String path, JsonNode body) throws IOException {
        return call(baseUrl, accessToken, "POST", path, body);
    }

    JsonNode put(String path, JsonNode body) throws IOException {
        return call(baseUrl, accessToken, "PUT", path, body);
    }

    static String enc(String segment) {
        return HttpUrl.get("http://x/")
                .newBuilder()
                .addPathSegment(segment)
                .build()
                .encodedPath()
                .substring(1);
    }

    private static JsonNode call(String baseUrl, String token, String method, String path, JsonNode body)
            throws IOException {
        Request.Builder b = new Request.Builder()
                .url(baseUrl + path)
                .method(method, RequestBody.create(JSON.writeValueAsBytes(body), JSON_TYPE));
        if (token != null) b.header("Authorization", "Bearer " + token);
        return execute(b.build());
    }

    private static JsonNode execute(Request request) throws IOException {
        for (int attempt = 0; ; attempt++) {
            try (Response response = HTTP.newCall(request).execute()) {
                String text = response.body() == null ? "" : response.body().string();
                JsonNode json = text.isEmpty() ? JSON.createObjectNode() : JSON.readTree(text);
                if (response.code() == 429 && attempt < MAX_RATE_LIMITED) {
                    sleep(json.path("retry_after_ms").asLong(1_000));
                    continue;
                }
                if (!response.isSuccessful()) {
                    throw new MatrixError(
                            response.code(),
                            json.path("errcode").asText(),
                            request.method() + " " + request.url().encodedPath() + ": " + response.code() + " " + text);
                }
                return json;
            }
        }
    }

    private static void sleep(long ms) throws IOException {
        try {
            Thread.sleep(Math.min(ms, 10_000));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException();
        }
    }

    /** An error answer from the homeserver. */
    static final class MatrixError extends IOException {
        final int status;
        final String errcode;

        MatrixError(int status, String errcode, String message) {
            super(message);
            this.status = status;
            this.errcode = errcode;
        }
    }

    /** The content of an event, for readable assertions. */
    static Map<String, Object> contentOf(JsonNode event) {
        return JSON.convertValue(
                event.path("content"), JSON.getTypeFactory().constructMapType(Map.class, String.class, Object.class));
    }

    @Override
    public String toString() {
        return userId;
    }
}
