package org.twimbot.app;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Predicate;
import org.twimbot.matrix.MatrixClient;
import org.twimbot.matrix.RetryPolicy;
import org.twimbot.matrix.RoomEvent;
import org.twimbot.matrix.RoomTimeline;
import org.twimbot.matrix.Session;
import org.twimbot.matrix.SyncBatch;

/**
 * A person in the demo or an end-to-end test, acting through the same client-server API a chat
 * client uses: registers on the dev homeserver, posts, reacts, edits, redacts, and waits for the
 * bot's answers by syncing.
 */
public final class ScriptedUser implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final AtomicLong TXN = new AtomicLong();
    /** An inline filter: a busy minute must not push the awaited event out of a short timeline. */
    private static final String WIDE_TIMELINE = "{\"room\":{\"timeline\":{\"limit\":1000}}}";

    private final MatrixClient client;
    private final Session session;
    private String since;

    private ScriptedUser(MatrixClient client, Session session) {
        this.client = client;
        this.session = session;
    }

    /** Registers {@code localpart} on a dev homeserver and sets its display name. */
    public static ScriptedUser register(String baseUrl, String localpart, String password, String displayName)
            throws IOException {
        MatrixClient client = new MatrixClient(baseUrl, RetryPolicy.fast());
        Session s = client.register(localpart, password);
        if (displayName != null) client.setDisplayName(s.userId(), displayName);
        return new ScriptedUser(client, s);
    }

    public String userId() {
        return session.userId();
    }

    public MatrixClient client() {
        return client;
    }

    public String join(String roomIdOrAlias) throws IOException {
        return client.joinRoom(roomIdOrAlias);
    }

    /** A plain-text message. */
    public String say(String roomId, String body) throws IOException {
        ObjectNode c = JSON.createObjectNode().put("msgtype", "m.text").put("body", body);
        return client.sendEvent(roomId, "m.room.message", txn(), c);
    }

    /** A message with an HTML body, as Element sends formatted text. */
    public String sayHtml(String roomId, String body, String html) throws IOException {
        ObjectNode c = JSON.createObjectNode()
                .put("msgtype", "m.text")
                .put("body", body)
                .put("format", "org.matrix.custom.html")
                .put("formatted_body", html);
        return client.sendEvent(roomId, "m.room.message", txn(), c);
    }

    /** Replaces the text of one of our messages ({@code m.replace}). */
    public String edit(String roomId, String eventId, String newBody) throws IOException {
        ObjectNode c = JSON.createObjectNode().put("msgtype", "m.text").put("body", "* " + newBody);
        c.putObject("m.new_content").put("msgtype", "m.text").put("body", newBody);
        c.putObject("m.relates_to").put("rel_type", "m.replace").put("event_id", eventId);
        return client.sendEvent(roomId, "m.room.message", txn(), c);
    }

    public String react(String roomId, String eventId, String key) throws IOException {
        return client.react(roomId, txn(), eventId, key);
    }

    public String redact(String roomId, String eventId) throws IOException {
        return client.redact(roomId, eventId, txn(), null);
    }

    /** Uploads an image and posts it as a reply to {@code replyTo}. */
    public String replyWithImage(String roomId, String replyTo, byte[] png, String fileName) throws IOException {
        ObjectNode relation = JSON.createObjectNode();
        relation.putObject("m.in_reply_to").put("event_id", replyTo);
        return postImage(roomId, png, fileName, relation);
    }

    /** Uploads an image and posts it in the thread under {@code rootEventId}. */
    public String threadImage(String roomId, String rootEventId, byte[] png, String fileName) throws IOException {
        ObjectNode relation =
                JSON.createObjectNode().put("rel_type", "m.thread").put("event_id", rootEventId);
        relation.put("is_falling_back", true).putObject("m.in_reply_to").put("event_id", rootEventId);
        relation.remove("m.in_reply_to"); // a thread message that is not a reply: only the thread relation
        return postImage(roomId, png, fileName, relation);
    }

    /** Uploads an image and posts it; {@code relatesTo} may be null. */
    public String postImage(String roomId, byte[] png, String fileName, ObjectNode relatesTo) throws IOException {
        String mxc = client.upload(png, "image/png", fileName);
        ObjectNode c = JSON.createObjectNode()
                .put("msgtype", "m.image")
                .put("body", fileName)
                .put("url", mxc);
        c.putObject("info").put("mimetype", "image/png").put("size", png.length);
        if (relatesTo != null) c.set("m.relates_to", relatesTo);
        return client.sendEvent(roomId, "m.room.message", txn(), c);
    }

    /** A text message replying to {@code replyTo}. */
    public String reply(String roomId, String replyTo, String body) throws IOException {
        ObjectNode c = JSON.createObjectNode().put("msgtype", "m.text").put("body", body);
        c.putObject("m.relates_to").putObject("m.in_reply_to").put("event_id", replyTo);
        return client.sendEvent(roomId, "m.room.message", txn(), c);
    }

    /** Syncs until an event in {@code roomId} matches, or the timeout passes. */
    public Optional<RoomEvent> await(String roomId, Predicate<RoomEvent> match, Duration timeout) throws IOException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            SyncBatch batch = client.sync(since, WIDE_TIMELINE, since == null ? 0 : 1_000);
            since = batch.nextBatch();
            for (RoomTimeline room : batch.rooms()) {
                if (!room.roomId().equals(roomId)) continue;
                for (RoomEvent e : room.events()) {
                    if (match.test(e)) return Optional.of(e);
                }
            }
        }
        return Optional.empty();
    }

    /** Skips everything that happened so far, so {@link #await} only sees what comes next. */
    public void catchUp() throws IOException {
        since = client.sync(since, WIDE_TIMELINE, 0).nextBatch();
    }

    private static String txn() {
        return "scripted." + System.nanoTime() + "." + TXN.incrementAndGet();
    }

    @Override
    public void close() {
        client.close();
    }
}
