package org.twimbot.store;

import java.sql.SQLException;
import java.util.List;

/**
 * Outgoing messages (acks, replies, drafts). Queued inside the batch transaction and removed once
 * sent, so a crash between commit and send re-sends after restart; the fixed transaction id makes
 * the homeserver drop the duplicate if the first send did arrive.
 */
public final class OutboxTable {
    private final Statements st;

    OutboxTable(Statements st) {
        this.st = st;
    }

    /**
     * Queues an entry; a second entry with the same txn id is ignored (the same effect replayed). A deferred
     * write ({@link Statements#defer}): it runs before the next statement that reads the outbox, or at commit.
     */
    public void enqueue(String kind, String roomId, String txnId, String payload) throws SQLException {
        st.defer(
                "INSERT OR IGNORE INTO outbox(kind, room_id, txn_id, payload) VALUES (?, ?, ?, ?)",
                kind,
                roomId,
                txnId,
                payload);
    }

    public List<OutboxEntry> pending() throws SQLException {
        return st.list(
                "SELECT id, kind, room_id, txn_id, payload FROM outbox ORDER BY id",
                rs -> new OutboxEntry(
                        rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5)));
    }

    public void remove(long id) throws SQLException {
        st.update("DELETE FROM outbox WHERE id = ?", id);
    }

    /**
     * Replaces entry {@code keepId} by {@code txnId} / {@code payload} and deletes {@code absorbed}:
     * several waiting entries become one, at the first one's place in line. Call inside a
     * transaction, so a crash leaves either the parts or the whole, never both.
     */
    public void merge(long keepId, List<Long> absorbed, String txnId, String payload) throws SQLException {
        for (long id : absorbed) remove(id);
        st.update("UPDATE outbox SET txn_id = ?, payload = ? WHERE id = ?", txnId, payload, keepId);
    }
}
