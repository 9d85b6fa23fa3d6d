package org.twimbot.outbox;

import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.twimbot.store.OutboxEntry;
import org.twimbot.store.Store;

/** An outbox entry read back: its place in line ({@code id}), room, transaction id and what it is. */
public record Queued(long id, String roomId, String txnId, Payload payload) {
    private static final Logger log = LoggerFactory.getLogger(Queued.class);

    public String kind() {
        return OutboxCodec.kind(payload);
    }

    /** Reactions are not messages: they are neither paced nor held behind a room's waiting messages. */
    public boolean isMessage() {
        return !(payload instanceof Payload.Reaction);
    }

    /** The notice if this is one that may be joined with others (see {@link AuditDigest}), else null. */
    Payload.Notice joinable() {
        return payload instanceof Payload.Notice n && n.joinable() ? n : null;
    }

    boolean isThankYou() {
        return payload instanceof Payload.Notice n && n.isThankYou();
    }

    /**
     * What the outbox holds, oldest first. An entry that cannot be read (written by a defect, or by a newer version
     * before a downgrade) would block its room for ever: it is logged and removed.
     */
    static List<Queued> pending(Store store) {
        List<Queued> out = new ArrayList<>();
        for (OutboxEntry e : store.read(tx -> tx.outbox().pending())) {
            try {
                out.add(new Queued(e.id(), e.roomId(), e.txnId(), OutboxCodec.read(e.kind(), e.payload())));
            } catch (IllegalArgumentException ex) {
                log.error("dropping outbox entry {} to {}: {}", e.id(), e.roomId(), ex.getMessage());
                store.write(tx -> tx.outbox().remove(e.id()));
            }
        }
        return out;
    }
}
