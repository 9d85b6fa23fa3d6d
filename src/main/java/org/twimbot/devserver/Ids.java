package org.twimbot.devserver;

import java.security.SecureRandom;

/** Random identifiers shaped like Synapse's. */
final class Ids {
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final String LETTERS = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ";
    private static final String URL_SAFE = LETTERS + "0123456789-_";

    private Ids() {}

    static String roomId(String serverName) {
        return "!" + random(LETTERS, 18) + ":" + serverName;
    }

    /** Room v4+ event ids: '$' + 43 url-safe base64 characters (a sha256 hash). */
    static String eventId() {
        return "$" + random(URL_SAFE, 43);
    }

    static String deviceId() {
        return random("ABCDEFGHIJKLMNOPQRSTUVWXYZ", 10);
    }

    static String accessToken() {
        return "syt_" + random(LETTERS + "0123456789", 40);
    }

    static String mediaId() {
        return random(LETTERS, 24);
    }

    static String session() {
        return random(LETTERS, 24);
    }

    static String random(String alphabet, int length) {
        StringBuilder sb = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            sb.append(alphabet.charAt(RANDOM.nextInt(alphabet.length())));
        }
        return sb.toString();
    }
}
