package org.twimbot.bot;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * twimbot does not decrypt. A configured room with {@code m.room.encryption} state would look
 * like a silent week, so it is said loudly instead: at start in the log, and in the editors
 * room when encryption is switched on later (see the commands that handle state).
 */
final class EncryptionWatch {
    private static final Logger log = LoggerFactory.getLogger(EncryptionWatch.class);

    private EncryptionWatch() {}

    static void warnAtStart(String roomId) {
        log.error(
                "room {} is end-to-end encrypted: twimbot cannot read encrypted messages and will see no news there; "
                        + "use an unencrypted room for submissions",
                roomId);
    }
}
