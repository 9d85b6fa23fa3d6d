package org.twimbot.matrix;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import okhttp3.HttpUrl;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import okhttp3.ResponseBody;

/**
 * The bot's client-server API client (OkHttp + Jackson). Thread-safe. Every call retries 429
 * (honouring {@code retry_after_ms} / {@code Retry-After}) and 5xx / IO errors with capped
 * exponential backoff and jitter (see {@link RetryPolicy}); other errors become
 * {@link MatrixException}. The access token is sent as an {@code Authorization} header only
 * and never appears in exceptions or logs.
 *
 * <p>Only {@code /_matrix/client/v3}, {@code /_matrix/media/v3} and (when the server advertises
 * v1.11) {@code /_matrix/client/v1/media} endpoints are used, so the client works against servers
 * advertising nothing newer than v1.2.
 */
public final class MatrixClient implements AutoCloseable {
    private static final MediaType JSON = MediaType.get("application/json; charset=utf-8");
    private static final MediaType OCTET_STREAM = MediaType.get("application/octet-stream");
    private static final String USER_AGENT = "twimbot";
    /** Added to the long-poll timeout for the per-call read timeout of /sync: the server may answer a bit late. */
    static final Duration SYNC_READ_MARGIN = Duration.ofSeconds(30);

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private final HttpUrl homeserver;
    private final OkHttpClient http;
    private final HttpCaller caller;
    private volatile String accessToken;
    private volatile Versions versions;

    /** @param homeserverUrl base URL, e.g. {@code https://matrix.example.org} (no trailing path needed) */
    public MatrixClient(String homeserverUrl, RetryPolicy retryPolicy) {
        this(homeserverUrl, retryPolicy, defaultHttpClient(), Sleeper.system());
    }

    /**
     * For tests and embedding: a caller-supplied OkHttp client (its pool and dispatcher are shared,
     * and {@link #close()} shuts them down) and a {@link Sleeper} for the waits between retries.
     * Request logging is added and OkHttp's own silent connection retry is turned off, so that every
     * retry goes through {@code retryPolicy} (and is counted and logged).
     */
    public MatrixClient(String homeserverUrl, RetryPolicy retryPolicy, OkHttpClient httpClient, Sleeper sleeper) {
        Objects.requireNonNull(homeserverUrl, "homeserverUrl");
        this.homeserver = HttpUrl.get(homeserverUrl); // IllegalArgumentException when not http(s)
        this.http = httpClient
                .newBuilder()
                .addInterceptor(new RequestLogger())
                .retryOnConnectionFailure(false)
                .build();
        this.caller = new HttpCaller(
                Objects.requireNonNull(retryPolicy, "retryPolicy"),
                Objects.requireNonNull(sleeper, "sleeper"),
                MAPPER,
                () -> accessToken);
    }

    /** Timeouts for everything but /sync, which sets its own read timeout per call. */
    public static OkHttpClient defaultHttpClient() {
        return new OkHttpClient.Builder()
                .connectTimeout(Duration.ofSeconds(15))
                .readTimeout(Duration.ofSeconds(60))
                .writeTimeout(Duration.ofSeconds(60))
                .build();
    }

    /**
     * Why calls are failing, for /health: {@code reason} names the kind of failure only (an exception class or an
     * HTTP status, never a URL or a body), {@code since} the first failed attempt of the current run of failures.
     */
    public record Trouble(String reason, Instant since, int attempts) {}

    /** The trouble while the latest attempt of any call failed; empty once one succeeds. */
    public Optional<Trouble> trouble() {
        return Optional.ofNullable(caller.trouble());
    }

    /** A call to this client that may fail with an IOException. */
    @FunctionalInterface
    public interface IoCall<T> {
        T call() throws IOException;
    }

    /**
     * Runs {@code call} (calls to this client on this thread) with a 429 thrown at once as a
     * {@link RateLimitedException} carrying the homeserver's {@code retry_after_ms}, instead of waited out inside
     * the call: a sender with many messages owed decides itself what goes first once the homeserver lets it, and
     * does not hold its thread (the sync loop's) for the whole wait. Other failures are retried as usual.
     */
    public <T> T reportingRateLimits(IoCall<T> call) throws IOException {
        return caller.reportingRateLimits(call);
    }

    /** The access token used from now on (after login or from config). */
    public void setAccessToken(String accessToken) {
        this.accessToken = accessToken;
    }

    /** GET /_matrix/client/versions (cached after the first success). */
    public Versions versions() throws IOException {
        Versions cached = versions;
        if (cached != null) return cached;
        HttpUrl url = homeserver
                .newBuilder()
                .addPathSegment("_matrix")
                .addPathSegment("client")
                .addPathSegment("versions")
                .build();
        JsonNode body = caller.callJson(http, get(url, false));
        List<String> list = new ArrayList<>();
        for (JsonNode v : body.path("versions")) if (v.isTextual()) list.add(v.asText());
        Versions fetched = new Versions(list);
        versions = fetched; // benign race: two threads may both fetch once
        return fetched;
    }

    /** POST /login m.login.password with identifier m.id.user; reuses {@code deviceId} when not null. Sets the token. */
    public Session loginWithPassword(String userId, String password, String deviceId, String deviceDisplayName)
            throws IOException {
        ObjectNode body = MAPPER.createObjectNode();
        body.put("type", "m.login.password");
        ObjectNode identifier = body.putObject("identifier");
        identifier.put("type", "m.id.user");
        identifier.put("user", userId);
        body.put("password", password);
        if (deviceId != null) body.put("device_id", deviceId);
        if (deviceDisplayName != null) body.put("initial_device_display_name", deviceDisplayName);
        JsonNode response = caller.callJson(http, post(clientV3("login"), body, false));
        String token = requireText(response, "access_token");
        String user = requireText(response, "user_id");
        String device = RoomEvent.text(response, "device_id");
        setAccessToken(token);
        return new Session(user, device != null ? device : deviceId, token);
    }

    /** GET /account/whoami -> [user_id, device_id (may be null)]. */
    public Session whoami() throws IOException {
        JsonNode response = caller.callJson(http, get(clientV3("account", "whoami"), true));
        return new Session(requireText(response, "user_id"), RoomEvent.text(response, "device_id"), accessToken);
    }

    /**
     * POST /register with the {@code m.login.dummy} stage, for accounts on a development server (the
     * demo and end-to-end tests create their people this way). Sets the token.
     */
    public Session register(String username, String password) throws IOException {
        ObjectNode body = MAPPER.createObjectNode();
        body.put("username", username);
        body.put("password", password);
        body.putObject("auth").put("type", "m.login.dummy");
        JsonNode response = caller.callJson(http, post(clientV3("register"), body, false));
        String token = requireText(response, "access_token");
        setAccessToken(token);
        return new Session(requireText(response, "user_id"), RoomEvent.text(response, "device_id"), token);
    }

    /** PUT /profile/{userId}/displayname. */
    public void setDisplayName(String userId, String displayName) throws IOException {
        ObjectNode body = MAPPER.createObjectNode().put("displayname", displayName);
        caller.callJson(http, put(clientV3("profile", userId, "displayname"), body, true));
    }

    /** POST /createRoom with an alias; {@code isPublic} selects the public_chat preset. Returns the room id. */
    public String createRoom(String aliasLocalpart, String name, boolean isPublic) throws IOException {
        ObjectNode body = MAPPER.createObjectNode();
        if (aliasLocalpart != null) body.put("room_alias_name", aliasLocalpart);
        if (name != null) body.put("name", name);
        body.put("preset", isPublic ? "public_chat" : "private_chat");
        return requireText(caller.callJson(http, post(clientV3("createRoom"), body, true)), "room_id");
    }

    /** POST /join/{roomIdOrAlias} -> room id. */
    public String joinRoom(String roomIdOrAlias) throws IOException {
        return requireText(
                caller.callJson(http, post(clientV3("join", roomIdOrAlias), MAPPER.createObjectNode(), true)),
                "room_id");
    }

    /** POST /rooms/{roomId}/leave (also declines an invite). */
    public void leaveRoom(String roomId) throws IOException {
        caller.callJson(http, post(clientV3("rooms", roomId, "leave"), MAPPER.createObjectNode(), true));
    }

    /** POST /rooms/{roomId}/invite (for tests and set-up tools; the bot itself never invites). */
    public void inviteUser(String roomId, String userId) throws IOException {
        caller.callJson(
                http,
                post(
                        clientV3("rooms", roomId, "invite"),
                        MAPPER.createObjectNode().put("user_id", userId),
                        true));
    }

    /** POST /logout: ends this session (its access token and device). */
    public void logout() throws IOException {
        caller.callJson(http, post(clientV3("logout"), MAPPER.createObjectNode(), true));
        setAccessToken(null);
    }

    /** GET /directory/room/{alias} -> room id. */
    public String resolveAlias(String alias) throws IOException {
        return requireText(caller.callJson(http, get(clientV3("directory", "room", alias), true)), "room_id");
    }

    /** GET /joined_rooms. */
    public List<String> joinedRooms() throws IOException {
        JsonNode response = caller.callJson(http, get(clientV3("joined_rooms"), true));
        JsonNode rooms = response.get("joined_rooms");
        if (rooms == null || !rooms.isArray())
            throw new MalformedResponseException("joined_rooms missing from response");
        List<String> ids = new ArrayList<>();
        for (JsonNode id : rooms) if (id.isTextual()) ids.add(id.asText());
        return ids;
    }

    /** POST /user/{userId}/filter -> filter id. */
    public String createFilter(String userId, JsonNode filter) throws IOException {
        return requireText(caller.callJson(http, post(clientV3("user", userId, "filter"), filter, true)), "filter_id");
    }

    /** GET /sync?since&filter&timeout&set_presence=offline. {@code since} and {@code filterId} may be null. */
    public SyncBatch sync(String since, String filterId, int timeoutMs) throws IOException {
        if (timeoutMs < 0) throw new IllegalArgumentException("timeoutMs must be >= 0");
        HttpUrl.Builder url = clientV3Builder("sync");
        if (since != null) url.addQueryParameter("since", since);
        if (filterId != null) url.addQueryParameter("filter", filterId);
        url.addQueryParameter("timeout", Integer.toString(timeoutMs));
        url.addQueryParameter("set_presence", "offline");
        // The server holds the request for up to timeoutMs; the shared read timeout would cut it short.
        OkHttpClient longPoll = http.newBuilder()
                .readTimeout(Duration.ofMillis(timeoutMs).plus(SYNC_READ_MARGIN))
                .build();
        return caller.call(
                longPoll, get(url.build(), true), response -> SyncParser.parse(caller.readJsonObject(response)));
    }

    /** GET /rooms/{roomId}/messages?from&dir&limit&filter. {@code dir} is "b" or "f"; filter may be null. */
    public MessagesPage messages(String roomId, String from, String dir, int limit, JsonNode filter)
            throws IOException {
        if (!"b".equals(dir) && !"f".equals(dir)) throw new IllegalArgumentException("dir must be \"b\" or \"f\"");
        HttpUrl.Builder url = clientV3Builder("rooms", roomId, "messages");
        if (from != null) url.addQueryParameter("from", from);
        url.addQueryParameter("dir", dir);
        url.addQueryParameter("limit", Integer.toString(limit));
        if (filter != null) url.addQueryParameter("filter", MAPPER.writeValueAsString(filter));
        long[] bytes = new long[1];
        JsonNode response = caller.call(http, get(url.build(), true), r -> {
            try (CountingInputStream in = new CountingInputStream(r.body().byteStream())) {
                JsonNode node = caller.readJsonObject(in);
                bytes[0] = in.count();
                return node;
            }
        });
        List<RoomEvent> chunk = EventParser.parseList(response.get("chunk"), roomId, true, false);
        return new MessagesPage(RoomEvent.text(response, "start"), RoomEvent.text(response, "end"), chunk, bytes[0]);
    }

    /** PUT /rooms/{roomId}/send/{type}/{txnId} -> event id. Same txnId = same event (idempotent retries). */
    public String sendEvent(String roomId, String type, String txnId, ObjectNode content) throws IOException {
        Request request = put(clientV3("rooms", roomId, "send", type, txnId), content, true);
        return requireText(caller.callJson(http, request), "event_id");
    }

    /** An m.notice with plain body and, when html is not null, org.matrix.custom.html formatted_body. */
    public String sendNotice(String roomId, String txnId, String body, String html) throws IOException {
        return sendNotice(roomId, txnId, body, html, List.of());
    }

    /** The same, notifying exactly the users in {@code mentions} (m.mentions; none when empty). */
    public String sendNotice(String roomId, String txnId, String body, String html, List<String> mentions)
            throws IOException {
        return sendEvent(roomId, "m.room.message", txnId, noticeContent(body, html, mentions));
    }

    static ObjectNode noticeContent(String body, String html, List<String> mentions) {
        ObjectNode content = MAPPER.createObjectNode();
        content.put("msgtype", "m.notice");
        content.put("body", body);
        if (html != null) {
            content.put("format", "org.matrix.custom.html");
            content.put("formatted_body", html);
        }
        // empty unless asked: a notice quoting someone's name must not ping them
        ObjectNode m = content.putObject("m.mentions");
        if (!mentions.isEmpty()) {
            var ids = m.putArray("user_ids");
            mentions.forEach(ids::add);
        }
        return content;
    }

    /** An m.reaction annotation. */
    public String react(String roomId, String txnId, String targetEventId, String key) throws IOException {
        ObjectNode content = MAPPER.createObjectNode();
        ObjectNode relation = content.putObject("m.relates_to");
        relation.put("rel_type", "m.annotation");
        relation.put("event_id", targetEventId);
        relation.put("key", key);
        return sendEvent(roomId, "m.reaction", txnId, content);
    }

    /** PUT /rooms/{roomId}/redact/{eventId}/{txnId} -> redaction event id. */
    public String redact(String roomId, String eventId, String txnId, String reason) throws IOException {
        ObjectNode body = MAPPER.createObjectNode();
        if (reason != null) body.put("reason", reason);
        return requireText(
                caller.callJson(http, put(clientV3("rooms", roomId, "redact", eventId, txnId), body, true)),
                "event_id");
    }

    /** GET /rooms/{roomId}/state/{type}/{stateKey} -> content, or null when the state does not exist (404). */
    public JsonNode roomState(String roomId, String type, String stateKey) throws IOException {
        // An empty state key (power levels, name...) becomes a trailing slash, which servers accept.
        try {
            HttpUrl url = clientV3Builder("rooms", roomId, "state", type)
                    .addPathSegment(checkDots(stateKey == null ? "" : stateKey))
                    .build();
            return caller.callJson(http, get(url, true));
        } catch (MatrixException e) {
            if (e.isNotFound()) return null;
            throw e;
        }
    }

    /** GET /rooms/{roomId}/joined_members -> the user ids of the room's members now joined. */
    public Set<String> joinedMembers(String roomId) throws IOException {
        JsonNode joined = caller.callJson(http, get(clientV3("rooms", roomId, "joined_members"), true))
                .path("joined");
        Set<String> users = new LinkedHashSet<>();
        joined.fieldNames().forEachRemaining(users::add);
        return users;
    }

    /** GET /profile/{userId}/displayname -> display name or null. */
    public String displayName(String userId) throws IOException {
        try {
            return RoomEvent.text(
                    caller.callJson(http, get(clientV3("profile", userId, "displayname"), true)), "displayname");
        } catch (MatrixException e) {
            if (e.httpStatus() == 404) return null;
            throw e;
        }
    }

    /** POST /_matrix/media/v3/upload?filename= -> mxc:// URI. */
    public String upload(byte[] data, String contentType, String fileName) throws IOException {
        Objects.requireNonNull(data, "data");
        return upload(RequestBody.create(data, mediaType(contentType)), fileName);
    }

    /** POST /_matrix/media/v3/upload streaming {@code file}; for bundles too large to build in memory. */
    public String upload(Path file, String contentType, String fileName) throws IOException {
        return upload(RequestBody.create(file.toFile(), mediaType(contentType)), fileName);
    }

    private static MediaType mediaType(String contentType) {
        MediaType type = contentType == null ? null : MediaType.parse(contentType);
        return type != null ? type : OCTET_STREAM;
    }

    private String upload(RequestBody body, String fileName) throws IOException {
        HttpUrl.Builder url = homeserver
                .newBuilder()
                .addPathSegment("_matrix")
                .addPathSegment("media")
                .addPathSegment("v3")
                .addPathSegment("upload");
        if (fileName != null) url.addQueryParameter("filename", fileName);
        Request request = authorized(new Request.Builder().url(url.build()).post(body), true)
                .build();
        String uri = requireText(caller.callJson(http, request), "content_uri");
        if (!uri.startsWith("mxc://"))
            throw new MalformedResponseException("upload returned a content_uri that is not mxc://");
        return uri;
    }

    /** Upload {@code file} then send an m.file message; returns the event id. */
    public String sendFile(String roomId, String txnId, Path file, String contentType, String fileName, String body)
            throws IOException {
        return sendFileEvent(
                roomId, txnId, upload(file, contentType, fileName), Files.size(file), contentType, fileName, body);
    }

    /** Upload then send an m.file message; returns the event id. */
    public String sendFile(String roomId, String txnId, byte[] data, String contentType, String fileName, String body)
            throws IOException {
        return sendFileEvent(
                roomId, txnId, upload(data, contentType, fileName), data.length, contentType, fileName, body);
    }

    private String sendFileEvent(
            String roomId, String txnId, String mxc, long size, String contentType, String fileName, String body)
            throws IOException {
        ObjectNode content = MAPPER.createObjectNode();
        content.put("msgtype", "m.file");
        content.put("body", body);
        content.put("filename", fileName);
        content.put("url", mxc);
        ObjectNode info = content.putObject("info");
        info.put("mimetype", contentType != null ? contentType : OCTET_STREAM.toString());
        info.put("size", size);
        return sendEvent(roomId, "m.room.message", txnId, content);
    }

    /**
     * Download {@code mxc://server/mediaId}: authenticated {@code /_matrix/client/v1/media/download} when
     * {@link #versions()} is at least v1.11, else {@code /_matrix/media/v3/download}. Fails with
     * {@link MatrixException} (status 413, errcode M_TOO_LARGE) when the body exceeds {@code maxBytes}.
     *
     * @throws IllegalArgumentException when {@code mxcUri} is not a well-formed mxc URI (see {@link MxcUri})
     */
    public byte[] download(String mxcUri, long maxBytes) throws IOException {
        return download(mxcUri, maxBytes, response -> {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            copyLimited(response, MxcUri.parse(mxcUri), maxBytes, out);
            return out.toByteArray();
        });
    }

    /**
     * The same as {@link #download(String, long)}, streamed into {@code target} (created or
     * truncated per attempt), so a large picture never has to fit in the heap. On failure the file
     * may hold a partial body: write to a temporary name and move it when this returns.
     *
     * @return the number of bytes written
     */
    public long downloadTo(String mxcUri, long maxBytes, Path target) throws IOException {
        return download(mxcUri, maxBytes, response -> {
            try (var out = Files.newOutputStream(target)) {
                return copyLimited(response, MxcUri.parse(mxcUri), maxBytes, out);
            }
        });
    }

    /**
     * The same as {@link #downloadTo(String, long, java.nio.file.Path)} within {@code budget}: at most its attempts,
     * ending by its deadline, and the homeserver's own 502 ("Failed to fetch remote media") is final.
     */
    public long downloadTo(String mxcUri, long maxBytes, Path target, CallBudget budget) throws IOException {
        Objects.requireNonNull(budget, "budget");
        return download(
                mxcUri,
                maxBytes,
                response -> {
                    try (var out = Files.newOutputStream(target)) {
                        return copyLimited(response, MxcUri.parse(mxcUri), maxBytes, out);
                    }
                },
                budget);
    }

    private <T> T download(String mxcUri, long maxBytes, HttpCaller.BodyHandler<T> reader) throws IOException {
        return download(mxcUri, maxBytes, reader, null);
    }

    private <T> T download(String mxcUri, long maxBytes, HttpCaller.BodyHandler<T> reader, CallBudget budget)
            throws IOException {
        MxcUri mxc = MxcUri.parse(mxcUri);
        if (maxBytes < 0) throw new IllegalArgumentException("maxBytes must be >= 0");
        boolean authenticated = versions().atLeast(1, 11);
        HttpUrl.Builder url = homeserver.newBuilder().addPathSegment("_matrix");
        if (authenticated) {
            url.addPathSegment("client").addPathSegment("v1").addPathSegment("media");
        } else {
            url.addPathSegment("media").addPathSegment("v3");
        }
        url.addPathSegment("download").addPathSegment(mxc.serverName()).addPathSegment(mxc.mediaId());
        return caller.call(http, get(url.build(), authenticated), reader, budget);
    }

    /**
     * Cancels every call in flight, so a thread blocked in a long-poll returns at once with an
     * IOException; a blocking socket read does not notice {@link Thread#interrupt()}.
     */
    public void cancelInFlight() {
        http.dispatcher().cancelAll();
    }

    /** Releases the connection pool and dispatcher threads. */
    @Override
    public void close() {
        http.dispatcher().executorService().shutdown();
        http.connectionPool().evictAll();
    }

    @Override
    public String toString() {
        return "MatrixClient[" + homeserver + "]";
    }

    // --- helpers -----------------------------------------------------------------------------

    /** Copies at most maxBytes + 1 bytes whatever Content-Length says: servers and proxies can lie. */
    private static long copyLimited(Response response, MxcUri mxc, long maxBytes, OutputStream out) throws IOException {
        ResponseBody body = response.body();
        if (body == null) return 0;
        long declared = body.contentLength();
        if (declared > maxBytes) throw tooLarge(mxc, maxBytes);
        byte[] buffer = new byte[8192];
        long total = 0;
        try (InputStream in = body.byteStream()) {
            int n;
            long limit = maxBytes == Long.MAX_VALUE ? Long.MAX_VALUE : maxBytes + 1; // one byte more proves "too large"
            while ((n = in.read(buffer, 0, (int) Math.min(buffer.length, limit - total))) > 0) {
                total += n;
                if (total > maxBytes) throw tooLarge(mxc, maxBytes);
                out.write(buffer, 0, n);
            }
        }
        return total;
    }

    private static MatrixException tooLarge(MxcUri mxc, long maxBytes) {
        return new MatrixException(413, "M_TOO_LARGE", "media " + mxc + " is larger than " + maxBytes + " bytes");
    }

    private static String requireText(JsonNode response, String field) throws MalformedResponseException {
        String value = RoomEvent.text(response, field);
        if (value == null) throw new MalformedResponseException("response has no string field " + field);
        return value;
    }

    private HttpUrl clientV3(String... segments) {
        return clientV3Builder(segments).build();
    }

    private HttpUrl.Builder clientV3Builder(String... segments) {
        HttpUrl.Builder url = homeserver
                .newBuilder()
                .addPathSegment("_matrix")
                .addPathSegment("client")
                .addPathSegment("v3");
        for (String segment : segments) url.addPathSegment(checkSegment(segment));
        return url;
    }

    /**
     * addPathSegment percent-encodes {@code / ? # %}, but OkHttp resolves a segment that is "." or ".."
     * (also spelled %2e) instead of encoding it, so an id like ".." from an event would walk up the path.
     */
    static String checkSegment(String segment) {
        if (segment == null || segment.isEmpty())
            throw new IllegalArgumentException("path segment must not be null or empty");
        return checkDots(segment);
    }

    private static String checkDots(String segment) {
        String decodedDots = segment.toLowerCase(Locale.ROOT).replace("%2e", ".");
        if (decodedDots.equals(".") || decodedDots.equals(".."))
            throw new IllegalArgumentException("path segment must not be \".\" or \"..\"");
        return segment;
    }

    private Request get(HttpUrl url, boolean auth) {
        return authorized(new Request.Builder().url(url).get(), auth).build();
    }

    private Request post(HttpUrl url, JsonNode body, boolean auth) throws JsonProcessingException {
        return authorized(new Request.Builder().url(url).post(jsonBody(body)), auth)
                .build();
    }

    private Request put(HttpUrl url, JsonNode body, boolean auth) throws JsonProcessingException {
        return authorized(new Request.Builder().url(url).put(jsonBody(body)), auth)
                .build();
    }

    private static RequestBody jsonBody(JsonNode body) throws JsonProcessingException {
        return RequestBody.create(MAPPER.writeValueAsBytes(body == null ? MAPPER.createObjectNode() : body), JSON);
    }

    private Request.Builder authorized(Request.Builder builder, boolean auth) {
        builder.header("User-Agent", USER_AGENT);
        String token = accessToken;
        if (auth && token != null) builder.header("Authorization", "Bearer " + token);
        return builder;
    }
}
