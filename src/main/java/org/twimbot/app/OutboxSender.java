package org.twimbot.app;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.twimbot.commands.Replies;
import org.twimbot.matrix.MatrixClient;
import org.twimbot.matrix.MatrixException;
import org.twimbot.store.OutboxEntry;
import org.twimbot.store.Store;

/**
 * Sends what the outbox holds, oldest first, removing each entry once the homeserver has it.
 * An IO failure stops the drain (the entry is retried after the next sync); a refusal by the
 * homeserver (kicked, muted, room gone) drops the entry with an error log so one bad message
 * cannot block every later one.
 */
final class OutboxSender {
    private static final Logger log = LoggerFactory.getLogger(OutboxSender.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Store store;
    private final MatrixClient client;
    private final DraftPublisher drafts;
    private final String editorsRoomId;

    OutboxSender(Store store, MatrixClient client, DraftPublisher drafts, String editorsRoomId) {
        this.store = store;
        this.client = client;
        this.drafts = drafts;
        this.editorsRoomId = editorsRoomId;
    }

    /** @return false when sending stopped on an IO error and entries remain */
    boolean drain() {
        List<OutboxEntry> pending = store.read(tx -> tx.outbox().pending());
        for (OutboxEntry entry : pending) {
            try {
                send(entry);
            } catch (MatrixException e) {
                if (e.httpStatus() == 429 || e.httpStatus() >= 500) {
                    log.warn("homeserver busy sending {} ({}); will retry", entry.kind(), e.getMessage());
                    return false;
                }
                log.error("homeserver refused {} to {}: {} {}; dropping it", entry.kind(), entry.roomId(), e.errcode(),
                        e.getMessage());
                if (e.isForbidden()) auditForbidden(entry, e);
            } catch (IOException e) {
                log.warn("could not send {} to {} ({}); will retry", entry.kind(), entry.roomId(), e.toString());
                return false;
            } catch (RuntimeException e) {
                // rendering or reading failed (a defect, not the network): retrying would fail the same way
                log.error("could not prepare {} for {}; dropping it", entry.kind(), entry.roomId(), e);
                tell(editorsRoomId, entry.txnId() + ".failed", "twimbot could not produce the " + entry.kind()
                        + " (" + e.getClass().getSimpleName() + "); the log has the details.");
            }
            store.write(tx -> tx.outbox().remove(entry.id()));
        }
        return true;
    }

    /** Kicked or muted in one room: say so where the editors can still read it. */
    private void auditForbidden(OutboxEntry entry, MatrixException e) {
        if (!entry.roomId().equals(editorsRoomId)) {
            tell(editorsRoomId, entry.txnId() + ".forbidden", "twimbot may not post in " + entry.roomId() + " ("
                    + e.errcode() + "): check its membership and power level there.");
        }
    }

    /** A best-effort notice outside the outbox; failing to send it only logs. */
    private void tell(String roomId, String txnId, String text) {
        try {
            client.sendNotice(roomId, txnId, text, null);
        } catch (IOException e) {
            log.warn("could not tell {}: {}", roomId, e.toString());
        }
    }

    private void send(OutboxEntry entry) throws IOException {
        JsonNode p = JSON.readTree(entry.payload().getBytes(StandardCharsets.UTF_8));
        switch (entry.kind()) {
            case Replies.NOTICE -> client.sendNotice(entry.roomId(), entry.txnId(), p.path("body").asText(),
                    p.hasNonNull("html") ? p.get("html").asText() : null);
            case Replies.REACTION -> client.react(entry.roomId(), entry.txnId(), p.path("target").asText(), p.path("key").asText());
            case Replies.DRAFT -> drafts.publish(entry.roomId(), entry.txnId(), p.path("edition").asLong(),
                    p.path("requester").asText());
            case Replies.BUNDLE -> drafts.publishBundle(entry.roomId(), entry.txnId(), p.path("edition").asLong(),
                    p.path("requester").asText());
            default -> log.error("unknown outbox entry kind {}; dropping it", entry.kind());
        }
    }
}
