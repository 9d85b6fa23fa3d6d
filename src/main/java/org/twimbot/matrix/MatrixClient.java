package org.twimbot.matrix;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.util.List;

/**
 * The bot's client-server API client (OkHttp + Jackson). Thread-safe. Every call retries 429
 * (honouring {@code retry_after_ms} / {@code Retry-After}) and 5xx / IO errors with capped
 * exponential backoff and jitter (see {@link RetryPolicy}); other errors become
 * {@link MatrixException}. The access token is sent as an {@code Authorization} header only
 * and never appears in exceptions or logs.
 */
public final class MatrixClient {

    /** @param homeserverUrl base URL, e.g. {@code https://matrix.example.org} (no trailing path needed) */
    public MatrixClient(String homeserverUrl, RetryPolicy retryPolicy) {
        throw new UnsupportedOperationException("TODO");
    }

    /** The access token used from now on (after login or from config). */
    public void setAccessToken(String accessToken) { throw new UnsupportedOperationException("TODO"); }

    /** GET /_matrix/client/versions (cached after the first success). */
    public Versions versions() throws IOException { throw new UnsupportedOperationException("TODO"); }

    /** POST /login m.login.password with identifier m.id.user; reuses {@code deviceId} when not null. Sets the token. */
    public Session loginWithPassword(String userId, String password, String deviceId, String deviceDisplayName) throws IOException { throw new UnsupportedOperationException("TODO"); }

    /** GET /account/whoami -> [user_id, device_id (may be null)]. */
    public Session whoami() throws IOException { throw new UnsupportedOperationException("TODO"); }

    /** POST /join/{roomIdOrAlias} -> room id. */
    public String joinRoom(String roomIdOrAlias) throws IOException { throw new UnsupportedOperationException("TODO"); }

    /** POST /rooms/{roomId}/leave (also declines an invite). */
    public void leaveRoom(String roomId) throws IOException { throw new UnsupportedOperationException("TODO"); }

    /** GET /directory/room/{alias} -> room id. */
    public String resolveAlias(String alias) throws IOException { throw new UnsupportedOperationException("TODO"); }

    /** GET /joined_rooms. */
    public List<String> joinedRooms() throws IOException { throw new UnsupportedOperationException("TODO"); }

    /** POST /user/{userId}/filter -> filter id. */
    public String createFilter(String userId, JsonNode filter) throws IOException { throw new UnsupportedOperationException("TODO"); }

    /** GET /sync?since&filter&timeout&set_presence=offline. {@code since} and {@code filterId} may be null. */
    public SyncBatch sync(String since, String filterId, int timeoutMs) throws IOException { throw new UnsupportedOperationException("TODO"); }

    /** GET /rooms/{roomId}/messages?from&dir&limit&filter. {@code dir} is "b" or "f"; filter may be null. */
    public MessagesPage messages(String roomId, String from, String dir, int limit, JsonNode filter) throws IOException { throw new UnsupportedOperationException("TODO"); }

    /** PUT /rooms/{roomId}/send/{type}/{txnId} -> event id. Same txnId = same event (idempotent retries). */
    public String sendEvent(String roomId, String type, String txnId, ObjectNode content) throws IOException { throw new UnsupportedOperationException("TODO"); }

    /** An m.notice with plain body and, when html is not null, org.matrix.custom.html formatted_body. */
    public String sendNotice(String roomId, String txnId, String body, String html) throws IOException { throw new UnsupportedOperationException("TODO"); }

    /** An m.reaction annotation. */
    public String react(String roomId, String txnId, String targetEventId, String key) throws IOException { throw new UnsupportedOperationException("TODO"); }

    /** PUT /rooms/{roomId}/redact/{eventId}/{txnId} -> redaction event id. */
    public String redact(String roomId, String eventId, String txnId, String reason) throws IOException { throw new UnsupportedOperationException("TODO"); }

    /** GET /rooms/{roomId}/state/{type}/{stateKey} -> content, or null when the state does not exist (404). */
    public JsonNode roomState(String roomId, String type, String stateKey) throws IOException { throw new UnsupportedOperationException("TODO"); }

    /** GET /profile/{userId}/displayname -> display name or null. */
    public String displayName(String userId) throws IOException { throw new UnsupportedOperationException("TODO"); }

    /** POST /_matrix/media/v3/upload?filename= -> mxc:// URI. */
    public String upload(byte[] data, String contentType, String fileName) throws IOException { throw new UnsupportedOperationException("TODO"); }

    /** Upload then send an m.file message; returns the event id. */
    public String sendFile(String roomId, String txnId, byte[] data, String contentType, String fileName, String body) throws IOException { throw new UnsupportedOperationException("TODO"); }

    /**
     * Download {@code mxc://server/mediaId}: authenticated {@code /_matrix/client/v1/media/download} when
     * {@link #versions()} is at least v1.11, else {@code /_matrix/media/v3/download}. Fails with
     * {@link MatrixException} (status 413, errcode M_TOO_LARGE) when the body exceeds {@code maxBytes}.
     */
    public byte[] download(String mxcUri, long maxBytes) throws IOException { throw new UnsupportedOperationException("TODO"); }

    /** Releases the connection pool and dispatcher threads. */
    public void close() { throw new UnsupportedOperationException("TODO"); }
}
