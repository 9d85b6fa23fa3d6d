package org.twimbot.matrix;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;

/**
 * How large an event the bot may send. Homeservers refuse an event whose PDU is over 65,536 bytes
 * of canonical JSON (413 M_TOO_LARGE), and the PDU is more than the content: Synapse 1.67 adds
 * auth and prev event ids, hashes, a signature, depth, origin, {@code unsigned.age_ts} … — 652 bytes
 * measured for a 24-character sender and a 29-character room id on server {@code localhost}. Ids
 * may be up to 255 characters and an event may have several prev events, so the bot keeps its
 * content within {@link #MAX_CONTENT_BYTES}, 4 KiB under the limit.
 */
public final class EventSize {
    public static final int MAX_PDU_BYTES = 65_536;
    public static final int ENVELOPE_MARGIN = 4_096;
    public static final int MAX_CONTENT_BYTES = MAX_PDU_BYTES - ENVELOPE_MARGIN;
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private EventSize() {}

    /** The bytes of the content {@link MatrixClient#sendNotice} would send (compact JSON, UTF-8, as canonical JSON counts). */
    public static int noticeBytes(String body, String html, List<String> mentions) {
        try {
            return MAPPER.writeValueAsBytes(MatrixClient.noticeContent(body, html, mentions)).length;
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * {@code text} cut at a code point so that a notice of it plus {@code suffix} (no HTML) fits in
     * {@code maxContentBytes}; the text itself when it fits whole.
     */
    public static String cutNoticeBody(String text, String suffix, int maxContentBytes) {
        if (noticeBytes(text, null, List.of()) <= maxContentBytes) return text;
        int lo = 0;
        int hi = text.codePointCount(0, text.length());
        while (lo < hi) { // the longest prefix (in code points) that fits: at most log2(length) measurements
            int mid = (lo + hi + 1) >>> 1;
            String candidate = text.substring(0, text.offsetByCodePoints(0, mid)) + suffix;
            if (noticeBytes(candidate, null, List.of()) <= maxContentBytes) lo = mid;
            else hi = mid - 1;
        }
        return text.substring(0, text.offsetByCodePoints(0, lo)) + suffix;
    }
}
