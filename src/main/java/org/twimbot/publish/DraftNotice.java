package org.twimbot.publish;

import java.util.List;
import org.twimbot.matrix.EventSize;
import org.twimbot.render.PreviewHtml;

/**
 * The {@code !draft} notice: the summary (counts and warnings) as the body and, in the HTML, the
 * summary followed by the post, cut at a block boundary when the whole post would make the event
 * too large for the homeserver ({@link EventSize#MAX_CONTENT_BYTES}). A cut preview ends with a
 * line naming the file that holds the whole post, and the body says so too.
 */
final class DraftNotice {
    record Text(String body, String html) {}

    private DraftNotice() {}

    static Text of(String summary, String markdown, String fileName) {
        return of(summary, markdown, fileName, EventSize.MAX_CONTENT_BYTES);
    }

    static Text of(String summary, String markdown, String fileName, int maxContentBytes) {
        String whole = html(summary, PreviewHtml.toHtml(markdown));
        if (fits(summary, whole, maxContentBytes)) return new Text(summary, whole);
        String body =
                summary + "\nThe preview below is shortened: the whole post is in " + fileName + ", the file above.";
        String cutLine = "<p><em>✂ Preview cut here: a Matrix message holds at most 64 KiB. The whole post is in "
                + escape(fileName) + ", the file above.</em></p>";
        List<String> blocks = PreviewHtml.blocks(markdown);
        int lo = -1; // the most blocks that fit; -1: not even the summary with the cut line
        int hi = blocks.size() - 1;
        while (lo < hi) { // at most log2(blocks) renderings
            int mid = (lo + hi + 1) >>> 1;
            if (fits(body, cut(body, blocks, mid, cutLine), maxContentBytes)) lo = mid;
            else hi = mid - 1;
        }
        if (lo >= 0) return new Text(body, cut(body, blocks, lo, cutLine));
        // a summary too long for any preview (thousands of warnings): its text alone, cut
        return new Text(EventSize.cutNoticeBody(body, "\n… (cut: see " + fileName + ")", maxContentBytes), null);
    }

    private static String cut(String body, List<String> blocks, int count, String cutLine) {
        return html(body, PreviewHtml.toHtml(String.join("\n\n", blocks.subList(0, count)))) + cutLine;
    }

    private static boolean fits(String body, String html, int maxContentBytes) {
        return EventSize.noticeBytes(body, html, List.of()) <= maxContentBytes;
    }

    /** Clients show the HTML instead of the body, so the summary leads the HTML too, then the post itself. */
    static String html(String summary, String postHtml) {
        return "<p>" + escape(summary).replace("\n", "<br>") + "</p><hr>" + postHtml;
    }

    private static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }
}
