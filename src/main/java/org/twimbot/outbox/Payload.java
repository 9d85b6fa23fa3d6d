package org.twimbot.outbox;

import java.util.List;

/**
 * What the bot owes a room: one of a closed set of messages. Written to the outbox by {@link Replies}, stored by
 * {@link OutboxCodec} as a kind and a JSON payload, read back as {@link Queued} by {@link OutboxSender} and
 * {@link AuditDigest}.
 */
public sealed interface Payload {

    /** The purpose of audit lines, which the outbox may join when it has to pace them. */
    String AUDIT = "audit";
    /**
     * The purpose of thank-you notices for stored news: when many wait they are joined, and they yield to every
     * other message (an editor's answer must not wait behind them).
     */
    String ACK = "ack";
    /** The purpose of an answer to a command. */
    String ANSWER = "answer";

    /**
     * A text notice. {@code html} (or null) is its formatted body; {@code mentions} the users it notifies;
     * {@code purpose} says why it is sent ({@link #AUDIT}, {@link #ACK}, {@link #ANSWER}, a refusal's name…).
     */
    record Notice(String body, String html, String purpose, List<String> mentions) implements Payload {
        public Notice {
            mentions = mentions == null ? List.of() : List.copyOf(mentions);
        }

        public static Notice plain(String body, String purpose) {
            return new Notice(body, null, purpose, List.of());
        }

        /** Audit lines and thank-yous without formatting may be joined into one message when many wait. */
        public boolean joinable() {
            return html == null && (AUDIT.equals(purpose) || ACK.equals(purpose));
        }

        public boolean isThankYou() {
            return ACK.equals(purpose);
        }
    }

    /** A reaction {@code key} on the event {@code target}. */
    record Reaction(String target, String key) implements Payload {}

    /** The draft of {@code edition}, rendered when it is sent (from the state committed by then). */
    record Draft(long edition, String requester, String cause) implements Payload {}

    /** A zip of the draft of {@code edition} and its media, built when it is sent. */
    record Bundle(long edition, String requester, String cause) implements Payload {}
}
