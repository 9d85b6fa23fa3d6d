package org.twimbot.render;

import com.vladsch.flexmark.ext.gfm.strikethrough.StrikethroughExtension;
import com.vladsch.flexmark.ext.tables.TablesExtension;
import com.vladsch.flexmark.html.HtmlRenderer;
import com.vladsch.flexmark.parser.Parser;
import com.vladsch.flexmark.util.data.MutableDataSet;
import java.util.List;

/**
 * The draft as HTML for the {@code formatted_body} of the {@code !draft} notice, so editors read
 * it in their client. Raw HTML in the Markdown is escaped, not passed through; the front matter
 * is dropped (clients would show it as a paragraph of TOML).
 */
public final class PreviewHtml {
    private static final Parser PARSER;
    private static final HtmlRenderer RENDERER;

    static {
        MutableDataSet options = new MutableDataSet()
                .set(Parser.EXTENSIONS, List.of(StrikethroughExtension.create(), TablesExtension.create()))
                .set(TablesExtension.MIN_SEPARATOR_DASHES, 1) // GFM accepts "|-|"
                .set(HtmlRenderer.ESCAPE_HTML, true)
                .set(HtmlRenderer.SUPPRESS_HTML, false);
        PARSER = Parser.builder(options).build();
        RENDERER = HtmlRenderer.builder(options).build();
    }

    private PreviewHtml() {}

    public static String toHtml(String markdown) {
        return RENDERER.render(PARSER.parse(withoutFrontMatter(markdown == null ? "" : markdown)));
    }

    /**
     * The post without its front matter, split at blank lines into top-level blocks (headings,
     * reporter lines, quoted news: news lines are all quoted, so a blank line never falls inside
     * one). Joined again with blank lines, any prefix of them is a well-formed shorter post.
     */
    public static List<String> blocks(String markdown) {
        String body = withoutFrontMatter(markdown == null ? "" : markdown).strip();
        return body.isEmpty() ? List.of() : List.of(body.split("\n[ \t]*\n\s*"));
    }

    /** Drops a leading "+++ … +++" (TOML) or "--- … ---" (YAML) block. */
    static String withoutFrontMatter(String markdown) {
        String text = markdown.replace("\r\n", "\n");
        for (String fence : List.of("+++", "---")) {
            if (text.startsWith(fence + "\n")) {
                int end = text.indexOf("\n" + fence + "\n", fence.length());
                if (end >= 0) return text.substring(end + fence.length() + 2);
                if (text.endsWith("\n" + fence)) return "";
            }
        }
        return text;
    }
}
