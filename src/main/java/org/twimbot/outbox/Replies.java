package org.twimbot.outbox;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.sql.SQLException;
import org.twimbot.render.MarkdownText;
import org.twimbot.store.StoreTx;
import org.twimbot.publish.DraftSource;

/**
 * Queues what the bot says back, in the outbox of the current transaction: sent after commit,
 * re-sent after a crash, never twice (see {@link TxnIds}).
 */
public final class Replies {
    public static final String NOTICE = "notice";
    public static final String REACTION = "reaction";
    public static final String DRAFT = "draft";
    public static final String BUNDLE = "bundle";

    private static final ObjectMapper JSON = new ObjectMapper();
    private final StoreTx tx;

    public Replies(StoreTx tx) {
        this.tx = tx;
    }

    /** The purpose of audit lines, which the outbox may send several to a message when it has to pace them. */
    public static final String AUDIT = "audit";
    /**
     * The purpose of thank-you notices for stored news: when many wait they are joined, and they yield to every
     * other message (an editor's answer must not wait behind them).
     */
    public static final String ACK = "ack";

    /** The text is part of the transaction id: one cause may owe several different lines (one per undone placement). */
    public void notice(String roomId, String causeEventId, String purpose, String body) throws SQLException {
        ObjectNode p = JSON.createObjectNode().put("body", body).put("purpose", purpose);
        tx.outbox().enqueue(NOTICE, roomId, TxnIds.of(causeEventId, purpose + "\n" + roomId + "\n" + body), p.toString());
    }

    /**
     * A notice addressed to {@code userId}: {@code {user}} in the text becomes their display name in
     * the body and a pill in the HTML, and m.mentions names them so that their client notifies them.
     */
    public void noticeTo(String roomId, String causeEventId, String purpose, String userId, String text) throws SQLException {
        String name = nameOf(roomId, userId);
        String body = text.replace("{user}", name);
        String pill = "<a href=\"" + escape(MarkdownText.matrixTo(userId)) + "\">" + escape(name) + "</a>";
        ObjectNode p = JSON.createObjectNode().put("body", body).put("purpose", purpose)
                .put("html", escape(text).replace("{user}", pill));
        p.putArray("mentions").add(userId);
        tx.outbox().enqueue(NOTICE, roomId, TxnIds.of(causeEventId, purpose + "\n" + roomId + "\n" + body), p.toString());
    }

    /** How notices name someone without notifying them: the display name the bot has stored, else the id's localpart. */
    public String nameOf(String roomId, String userId) throws SQLException {
        return DraftSource.displayName(tx, roomId, userId);
    }

    private static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }

    public void react(String roomId, String targetEventId, String key) throws SQLException {
        ObjectNode p = JSON.createObjectNode().put("target", targetEventId).put("key", key);
        tx.outbox().enqueue(REACTION, roomId, TxnIds.of(targetEventId, "react " + key), p.toString());
    }

    /** The draft is rendered when it is sent, from the state committed by then. */
    public void draft(String roomId, String causeEventId, long editionId, String requester) throws SQLException {
        delivery(DRAFT, roomId, causeEventId, editionId, requester);
    }

    /** A zip of the draft and its media, built when it is sent. */
    public void bundle(String roomId, String causeEventId, long editionId, String requester) throws SQLException {
        delivery(BUNDLE, roomId, causeEventId, editionId, requester);
    }

    private void delivery(String kind, String roomId, String causeEventId, long editionId, String requester) throws SQLException {
        ObjectNode p = JSON.createObjectNode().put("edition", editionId).put("requester", requester).put("cause", causeEventId);
        tx.outbox().enqueue(kind, roomId, TxnIds.of(causeEventId, kind), p.toString());
    }
}
