package org.twimbot.render;

import com.vladsch.flexmark.ast.Text;
import com.vladsch.flexmark.html2md.converter.ExtensionConversion;
import com.vladsch.flexmark.html2md.converter.FlexmarkHtmlConverter;
import com.vladsch.flexmark.html2md.converter.HtmlMarkdownWriter;
import com.vladsch.flexmark.html2md.converter.HtmlNodeConverterContext;
import com.vladsch.flexmark.html2md.converter.HtmlNodeRenderer;
import com.vladsch.flexmark.html2md.converter.HtmlNodeRendererHandler;
import com.vladsch.flexmark.parser.Parser;
import com.vladsch.flexmark.util.ast.Node;
import com.vladsch.flexmark.util.data.MutableDataSet;
import com.vladsch.flexmark.util.sequence.BasedSequence;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.jsoup.select.NodeFilter;
import org.jsoup.select.NodeTraversor;

/**
 * Turns a submission's text into Markdown, before sanitising: the formatted body
 * ({@code org.matrix.custom.html}) through flexmark's HTML-to-Markdown converter, or the plain
 * body when there is none. The converter is configured once (thread-safe after build).
 */
public final class TextConverter {

    /** The spec'd reply fallback starts with {@code > <@sender:server>} (or {@code > * <@…>} for emotes). */
    private static final Pattern REPLY_FALLBACK_START = Pattern.compile("^> (\\* )?<[@!][^>\\s]*>");
    /**
     * The converter recurses per element (a few thousand nested tags overflow the stack) and its table
     * output grows exponentially with nesting (25 nested tables, 375 bytes of HTML, exhaust any heap):
     * HTML nested deeper than this, or with a table inside a table, is not converted; the plain body is used.
     */
    static final int MAX_HTML_DEPTH = 64;
    /** What intake may leave in front of the news after stripping "TWIM:" or a mention. */
    private static final Pattern LEADING_LEFTOVER = Pattern.compile("^[\\s:,]+");

    /** What CommonMark reads as a character reference after an {@code &}. */
    private static final Pattern CHARACTER_REFERENCE =
            Pattern.compile("&(?:[A-Za-z][A-Za-z0-9]{0,31}|#[0-9]{1,7}|#[xX][0-9A-Fa-f]{1,6});");

    private static final Parser ESCAPE_PARSER = Parser.builder().build();

    private final FlexmarkHtmlConverter converter;

    public TextConverter() {
        MutableDataSet options = new MutableDataSet()
                .set(FlexmarkHtmlConverter.SETEXT_HEADINGS, false) // "## Heading", never underlines
                .set(FlexmarkHtmlConverter.OUTPUT_UNKNOWN_TAGS, false) // unknown tags: their text only
                .set(FlexmarkHtmlConverter.OUTPUT_ATTRIBUTES_ID, false) // no {#id} attribute syntax
                .set(FlexmarkHtmlConverter.SKIP_ATTRIBUTES, true)
                .set(FlexmarkHtmlConverter.RENDER_COMMENTS, false)
                .set(FlexmarkHtmlConverter.TYPOGRAPHIC_QUOTES, false) // keep the sender's quotes as typed
                .set(FlexmarkHtmlConverter.TYPOGRAPHIC_SMARTS, false)
                .set(FlexmarkHtmlConverter.BR_AS_PARA_BREAKS, false) // <br> is a line break, not a paragraph
                .set(FlexmarkHtmlConverter.BR_AS_EXTRA_BLANK_LINES, false)
                .set(FlexmarkHtmlConverter.DIV_AS_PARAGRAPH, false)
                .set(FlexmarkHtmlConverter.UNORDERED_LIST_DELIMITER, '*') // like the published posts
                .set(FlexmarkHtmlConverter.LISTS_END_ON_DOUBLE_BLANK, false)
                .set(FlexmarkHtmlConverter.MAX_TRAILING_BLANK_LINES, 0)
                .set(FlexmarkHtmlConverter.MAX_BLANK_LINES, 1)
                .set(FlexmarkHtmlConverter.EXTRACT_AUTO_LINKS, true) // <https://x> when text == href
                // ++ins++, ^sup^, ~sub~ and $math$ are not Markdown the site understands: keep the text
                .set(FlexmarkHtmlConverter.EXT_INLINE_INS, ExtensionConversion.TEXT)
                .set(FlexmarkHtmlConverter.EXT_INLINE_SUP, ExtensionConversion.TEXT)
                .set(FlexmarkHtmlConverter.EXT_INLINE_SUB, ExtensionConversion.TEXT)
                .set(FlexmarkHtmlConverter.EXT_MATH, ExtensionConversion.TEXT);
        MatrixTags matrixTags = new MatrixTags(); // stateless: one for every conversion
        converter = FlexmarkHtmlConverter.builder(options)
                .htmlNodeRendererFactory(dataHolder -> matrixTags)
                .build();
    }

    /**
     * Markdown for an item: the body as typed when it is the Markdown the HTML was made from ({@link TypedBody}),
     * else from {@code html} when present, else from {@code body}. Never null.
     */
    public String toMarkdown(String body, String html) {
        if (TypedBody.isSourceOf(body, html))
            return trimLeftovers(body.replace("\r\n", "\n").replace('\r', '\n'));
        String markdown = html == null || html.isBlank() ? "" : fromHtml(html);
        if (markdown.isBlank()) {
            // no formatted body, or one that holds nothing but a reply quote or unknown tags
            markdown = stripReplyFallback(body == null ? "" : body);
        }
        return trimLeftovers(markdown.replace("\r\n", "\n").replace('\r', '\n'));
    }

    /**
     * The formatted body as Markdown, or "" when it is nested too deeply to convert. The HTML is parsed once, here,
     * as {@code FlexmarkHtmlConverter.convert(String)} parses it ({@code Jsoup.parse}), and the depth check and the
     * converter walk that one tree: a jsoup parse allocates a 32K-char buffer, and the second parse was a tenth of
     * a draft's render time.
     */
    private String fromHtml(String html) {
        Document document = Jsoup.parse(html);
        if (tooNested(document)) return "";
        unlinkUnsafe(document);
        StringBuilder out = new StringBuilder(html.length());
        converter.convert(document, out, 1); // what convert(String) does: at most one trailing blank line
        return relaxEscapes(out.toString());
    }

    /**
     * Links to a scheme other than http, https or mailto become their text: {@code <a href=" JaVaScRiPt:…">tap</a>} is
     * "tap" (the sanitiser would make it a link to nowhere, {@code [tap](#)}, which helps no reader). jsoup has
     * decoded the attribute's character references already.
     */
    private static void unlinkUnsafe(Document document) {
        for (Element a : document.select("a[href]")) {
            if (!MarkdownSanitizer.isSafeUrl(a.attr("href"))) a.unwrap();
        }
    }

    /** Deeper than {@link #MAX_HTML_DEPTH}, or a table inside a table (jsoup's parser and traversal do not recurse). */
    static boolean tooNested(Document document) {
        boolean[] tooDeep = {false};
        NodeTraversor.filter(
                new NodeFilter() {
                    @Override
                    public FilterResult head(org.jsoup.nodes.Node node, int depth) {
                        boolean nestedTable = node instanceof Element e
                                && e.normalName().equals("table")
                                && e.parents().stream()
                                        .anyMatch(p -> p.normalName().equals("table"));
                        if (depth > MAX_HTML_DEPTH || nestedTable) {
                            tooDeep[0] = true;
                            return FilterResult.STOP;
                        }
                        return FilterResult.CONTINUE;
                    }

                    @Override
                    public FilterResult tail(org.jsoup.nodes.Node node, int depth) {
                        return FilterResult.CONTINUE;
                    }
                },
                document);
        return tooDeep[0];
    }

    /**
     * Undoes the converter's escapes that change nothing: it writes every {@code &} as {@code \\&} and
     * every {@code >} as {@code \\>}, but in text an {@code &} only needs it before what would read as a
     * character reference ({@code &amp;}, {@code &#38;}), and a {@code >} only where it could start a
     * block quote: as the first character of a line. "Preferences > Downloads" and "-> link" are written
     * as the sender typed them, like the published posts. Decided on the parse of the converter's
     * output: only escapes inside text nodes are touched (code keeps its backslashes).
     */
    static String relaxEscapes(String markdown) {
        if (!markdown.contains("\\&") && !markdown.contains("\\>")) return markdown;
        List<Integer> drop = new ArrayList<>();
        for (Node node : ESCAPE_PARSER.parse(markdown).getDescendants()) {
            if (!(node instanceof Text)) continue;
            BasedSequence chars = node.getChars();
            int start = chars.getStartOffset();
            boolean textBefore = false; // a non-blank character earlier on this line of the node
            for (int i = start; i < chars.getEndOffset(); i++) {
                char c = markdown.charAt(i);
                if (c == '\\' && i + 1 < chars.getEndOffset()) {
                    char next = markdown.charAt(i + 1);
                    if ((next == '&'
                                    && !CHARACTER_REFERENCE
                                            .matcher(markdown)
                                            .region(i + 1, markdown.length())
                                            .lookingAt())
                            || (next == '>' && textBefore)) {
                        drop.add(i);
                    }
                    i++; // the escaped character
                    textBefore = true;
                } else if (c == '\n') {
                    textBefore = false;
                } else if (!Character.isWhitespace(c)) {
                    textBefore = true;
                }
            }
        }
        if (drop.isEmpty()) return markdown;
        StringBuilder out = new StringBuilder(markdown);
        for (int k = drop.size() - 1; k >= 0; k--) out.deleteCharAt(drop.get(k));
        return out.toString();
    }

    /**
     * Removes a reply's quoted fallback: leading "> " lines, starting in the spec'd
     * {@code > <@user:server>} form, up to the first blank line. An ordinary quote is kept.
     */
    static String stripReplyFallback(String body) {
        String text = body.replace("\r\n", "\n");
        if (!REPLY_FALLBACK_START.matcher(text).find()) return text;
        String[] lines = text.split("\n", -1);
        int i = 0;
        while (i < lines.length && lines[i].startsWith(">")) i++;
        if (i < lines.length && !lines[i].isBlank()) return text; // not the fallback shape, keep everything
        return String.join("\n", Arrays.asList(lines).subList(Math.min(i + 1, lines.length), lines.length));
    }

    /** Drops blank lines around the text and a ':' or ',' intake left in front of it. */
    static String trimLeftovers(String markdown) {
        String s = LEADING_LEFTOVER.matcher(markdown).replaceFirst("");
        // trailing: whitespace-only lines and trailing spaces of the last line (a hard break there means nothing)
        return s.stripTrailing();
    }

    /**
     * Tags the core converter handles badly for Matrix messages:
     * {@code <mx-reply>} holds the message a reply answers, not news: dropped;
     * {@code <s>}/{@code <strike>} (clients send them for strikethrough) become {@code ~~…~~} like {@code <del>};
     * {@code <img>} in a message is a custom emoji or inline image with an mxc:// source the site cannot
     * show: its alt text is kept (pictures come as attached media);
     * {@code <details>} and {@code <summary>} are blocks: "open" and "hidden" stay two paragraphs, not "openhidden".
     */
    private static final class MatrixTags implements HtmlNodeRenderer {
        private static final Set<HtmlNodeRendererHandler<?>> HANDLERS = Set.of(
                new HtmlNodeRendererHandler<>("mx-reply", Element.class, (node, context, out) -> {}),
                new HtmlNodeRendererHandler<>("details", Element.class, TextConverter::block),
                new HtmlNodeRendererHandler<>("summary", Element.class, TextConverter::block),
                new HtmlNodeRendererHandler<>("s", Element.class, TextConverter::strikethrough),
                new HtmlNodeRendererHandler<>("strike", Element.class, TextConverter::strikethrough),
                new HtmlNodeRendererHandler<>("img", Element.class, (node, context, out) -> {
                    String alt = node.attr("alt").isBlank() ? node.attr("title") : node.attr("alt");
                    out.append(MarkdownText.escapeInline(alt));
                }),
                new HtmlNodeRendererHandler<>(
                        "strong", Element.class, (node, context, out) -> emphasis(node, context, out, "**")),
                new HtmlNodeRendererHandler<>(
                        "b", Element.class, (node, context, out) -> emphasis(node, context, out, "**")),
                new HtmlNodeRendererHandler<>(
                        "em", Element.class, (node, context, out) -> emphasis(node, context, out, "*")),
                new HtmlNodeRendererHandler<>(
                        "i", Element.class, (node, context, out) -> emphasis(node, context, out, "*")),
                new HtmlNodeRendererHandler<>("br", Element.class, TextConverter::softBreak));

        @Override
        public Set<HtmlNodeRendererHandler<?>> getHtmlNodeRendererHandlers() {
            return HANDLERS;
        }
    }

    /**
     * Bold and italic as typed: the core converter puts spaces around them whenever any element follows in the
     * paragraph ({@code <strong>A</strong>, x <em>y</em>} became {@code **A** , x *y*}); a space is only
     * needed where the next node is an element right after it ({@code **a***b*} would not read back).
     */
    private static void emphasis(
            Element node, HtmlNodeConverterContext context, HtmlMarkdownWriter out, String delimiter) {
        boolean adjacent = node.nextSibling() instanceof Element;
        context.wrapTextNodes(node, out.isPreFormatted() ? "" : delimiter, adjacent);
    }

    /**
     * A line break is written as a soft break (a new line in the paragraph): Element sends {@code <br />} for
     * every single line break typed, which the author's Markdown, and so the published posts, read as a space.
     * A break at the start of a line (two in a row) is a paragraph break, as the reader saw an empty line.
     */
    private static void softBreak(Element node, HtmlNodeConverterContext context, HtmlMarkdownWriter out) {
        if (out.isPreFormatted()) {
            out.append('\n');
        } else if (out.getPendingEOL() == 0) {
            out.line();
        } else {
            out.blankLine();
        }
    }

    private static void block(Element node, HtmlNodeConverterContext context, HtmlMarkdownWriter out) {
        out.blankLine();
        context.renderChildren(node, true, null);
        out.blankLine();
    }

    private static void strikethrough(Element node, HtmlNodeConverterContext context, HtmlMarkdownWriter out) {
        out.append("~~");
        context.renderChildren(node, true, null);
        out.append("~~");
    }
}
