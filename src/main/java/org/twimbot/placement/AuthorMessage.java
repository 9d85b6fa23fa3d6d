package org.twimbot.placement;

import com.vladsch.flexmark.ast.HardLineBreak;
import com.vladsch.flexmark.ast.HtmlBlock;
import com.vladsch.flexmark.ast.HtmlInline;
import com.vladsch.flexmark.ast.Paragraph;
import com.vladsch.flexmark.ast.SoftLineBreak;
import com.vladsch.flexmark.ast.Text;
import com.vladsch.flexmark.util.ast.Document;
import com.vladsch.flexmark.util.ast.Node;
import java.util.regex.Pattern;
import org.twimbot.render.ElementMarkdown;

/**
 * The message an author sends from Element for news typed in its composer, to replay published
 * posts as they were submitted. As in matrix-react-sdk's {@code src/editor/serialize.ts} and
 * {@code src/Markdown.ts}: {@code body} is the composer text as typed; {@code formatted_body} is
 * commonmark.js's HTML ({@link ElementMarkdown}), no {@code <p>} around a message
 * that is a single paragraph, raw HTML escaped, and no {@code formatted_body} at all when the Markdown
 * has no formatting (only text, line breaks and paragraphs). flexmark's CommonMark profile stands in
 * for commonmark.js. The author types "TWIM: " before the news, or "TWIM:" and a new line when the
 * news starts with a list, heading or quote (on one line it would not be one).
 */
public final class AuthorMessage {
    private AuthorMessage() {}

    private static final Pattern BLOCK_START = Pattern.compile("^(?:\\s*(?:[*+-]|\\d+[.)])\\s|#{1,6}\\s|>)");
    /** Element's formatted_body for composer text {@code markdown}, or null when Element sends none (plain text). */
    public static String elementHtml(String markdown) {
        Document doc = ElementMarkdown.parse(markdown);
        boolean plain = true;
        for (Node n : doc.getDescendants()) {
            if (n instanceof Text || n instanceof SoftLineBreak || n instanceof HardLineBreak || n instanceof Paragraph)
                continue;
            if (n instanceof HtmlInline || n instanceof HtmlBlock) continue; // escaped, so not formatting
            plain = false;
            break;
        }
        if (plain) return null;
        String html = ElementMarkdown.html(doc);
        if (doc.getFirstChild() == doc.getLastChild()
                && doc.getFirstChild() instanceof Paragraph
                && html.startsWith("<p>")
                && html.endsWith("</p>\n")) {
            html = html.substring(3, html.length() - 5); // a single paragraph is sent bare
        }
        return html;
    }

    /** "TWIM: " in front, or "TWIM:" on its own line when the news starts with a list, heading or quote. */
    public static String composerText(String typed) {
        return (BLOCK_START.matcher(typed).find() ? "TWIM:\n" : "TWIM: ") + typed;
    }
}
