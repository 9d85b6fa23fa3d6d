package org.twimbot.outbox;

import java.sql.SQLException;
import java.util.List;
import org.twimbot.publish.DraftSource;
import org.twimbot.render.MarkdownText;
import org.twimbot.store.StoreTx;

/**
 * Queues what the bot says back, in the outbox of the current transaction: sent after commit,
 * re-sent after a crash, never twice (see {@link TxnIds}).
 */
public final class Replies {
    private final StoreTx tx;

    public Replies(StoreTx tx) {
        this.tx = tx;
    }

    /** The text is part of the transaction id: one cause may owe several different lines (one per undone placement). */
    public void notice(String roomId, String causeEventId, String purpose, String body) throws SQLException {
        enqueue(
                roomId,
                TxnIds.of(causeEventId, purpose + "\n" + roomId + "\n" + body),
                Payload.Notice.plain(body, purpose));
    }

    /** An audit line in the editors room: who did what to which item. */
    public void audit(String editorsRoomId, String causeEventId, String line) throws SQLException {
        notice(editorsRoomId, causeEventId, Payload.AUDIT, line);
    }

    /**
     * A notice addressed to {@code userId}: {@code {user}} in the text becomes their display name in
     * the body and a pill in the HTML, and m.mentions names them so that their client notifies them.
     */
    public void noticeTo(String roomId, String causeEventId, String purpose, String userId, String text)
            throws SQLException {
        String name = nameOf(roomId, userId);
        String body = text.replace("{user}", name);
        String pill = "<a href=\"" + escape(MarkdownText.matrixTo(userId)) + "\">" + escape(name) + "</a>";
        Payload.Notice notice =
                new Payload.Notice(body, escape(text).replace("{user}", pill), purpose, List.of(userId));
        enqueue(roomId, TxnIds.of(causeEventId, purpose + "\n" + roomId + "\n" + body), notice);
    }

    /** How notices name someone without notifying them: the display name the bot has stored, else the id's localpart. */
    public String nameOf(String roomId, String userId) throws SQLException {
        return DraftSource.displayName(tx, roomId, userId);
    }

    private static String escape(String text) {
        return text.replace("&", "&amp;")
                .replace("<", "&lt;")
                .replace(">", "&gt;")
                .replace("\"", "&quot;");
    }

    public void react(String roomId, String targetEventId, String key) throws SQLException {
        enqueue(roomId, TxnIds.of(targetEventId, "react " + key), new Payload.Reaction(targetEventId, key));
    }

    /** The draft is rendered when it is sent, from the state committed by then. */
    public void draft(String roomId, String causeEventId, long editionId, String requester) throws SQLException {
        enqueue(roomId, TxnIds.of(causeEventId, "draft"), new Payload.Draft(editionId, requester, causeEventId));
    }

    /** A zip of the draft and its media, built when it is sent. */
    public void bundle(String roomId, String causeEventId, long editionId, String requester) throws SQLException {
        enqueue(roomId, TxnIds.of(causeEventId, "bundle"), new Payload.Bundle(editionId, requester, causeEventId));
    }

    private void enqueue(String roomId, String txnId, Payload payload) throws SQLException {
        tx.outbox().enqueue(OutboxCodec.kind(payload), roomId, txnId, OutboxCodec.json(payload));
    }
}
