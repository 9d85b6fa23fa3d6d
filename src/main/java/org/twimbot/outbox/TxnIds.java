package org.twimbot.outbox;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;

/**
 * Transaction ids derived from the event that caused a message and the message's purpose. The
 * same cause always gives the same id, so a message re-sent after a crash is deduplicated by the
 * homeserver instead of appearing twice.
 */
public final class TxnIds {
    private TxnIds() {}

    /** One digest per thread: looking SHA-256 up among the security providers costs more than hashing an id. */
    private static final ThreadLocal<MessageDigest> SHA_256 = ThreadLocal.withInitial(() -> {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JRE", e);
        }
    });

    public static String of(String causeEventId, String purpose) {
        byte[] digest = SHA_256.get().digest((causeEventId + "\n" + purpose).getBytes(StandardCharsets.UTF_8));
        return "twimbot."
                + Base64.getUrlEncoder().withoutPadding().encodeToString(digest).substring(0, 24);
    }
}
