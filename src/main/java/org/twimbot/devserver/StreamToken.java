package org.twimbot.devserver;

/**
 * Opaque-looking stream tokens {@code s<N>}: "everything up to and including global stream
 * position N". Sync's next_batch/prev_batch and /messages' start/end share this format, so
 * they are interchangeable as the spec allows.
 */
final class StreamToken {
    private StreamToken() {}

    static String format(long pos) {
        return "s" + pos;
    }

    /**
     * Parses a token; anything malformed or from the future (e.g. issued by a previous run of
     * the server, since state is in memory) is rejected with 400 M_UNKNOWN, which is what a
     * client must be prepared to handle by doing an initial sync.
     */
    static long parse(String token, long current) {
        if (token == null || token.length() < 2 || token.charAt(0) != 's') {
            throw invalid(token);
        }
        long pos;
        try {
            pos = Long.parseLong(token.substring(1));
        } catch (NumberFormatException e) {
            throw invalid(token);
        }
        if (pos < 0 || pos > current) {
            throw invalid(token);
        }
        return pos;
    }

    private static MatrixError invalid(String token) {
        return new MatrixError(400, "M_UNKNOWN", "Invalid stream token");
    }
}
