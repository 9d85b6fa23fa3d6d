package org.twimbot.render;

import com.vladsch.flexmark.ast.AutoLink;
import com.vladsch.flexmark.ast.Code;
import com.vladsch.flexmark.ast.FencedCodeBlock;
import com.vladsch.flexmark.ast.HtmlBlockBase;
import com.vladsch.flexmark.ast.HtmlInlineBase;
import com.vladsch.flexmark.ast.Image;
import com.vladsch.flexmark.ast.IndentedCodeBlock;
import com.vladsch.flexmark.ast.Link;
import com.vladsch.flexmark.ast.Reference;
import com.vladsch.flexmark.ext.gfm.strikethrough.StrikethroughExtension;
import com.vladsch.flexmark.ext.tables.TablesExtension;
import com.vladsch.flexmark.util.data.MutableDataSet;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;
import org.commonmark.node.HtmlBlock;
import org.commonmark.node.HtmlInline;
import org.commonmark.node.LinkReferenceDefinition;
import org.commonmark.node.SourceSpan;
import org.commonmark.parser.IncludeSourceSpans;

/**
 * Judges a rendered post as the site would read it, with two parsers that were written independently: commonmark-java
 * (CommonMark 0.31, the reading of commonmark.js and markdown-it) and flexmark with GFM tables (the sanitiser's own,
 * and with a one-dash table separator like GFM). Nothing of the sanitiser is used: entities are decoded with jsoup's
 * HTML5 table, shortcodes recognised by a transcription of Zola's grammar. A post is clean when neither parser finds
 * raw HTML, no link, image, autolink or reference definition goes to a javascript:, data: or vbscript: target, no
 * {@code {{} or {@code {%} is left outside code (the configured video snippet aside), and no Zola shortcode call is
 * left anywhere (Zola expands them in code too).
 */
public final class PostJudge {
    private static final com.vladsch.flexmark.parser.Parser FLEXMARK = com.vladsch.flexmark.parser.Parser.builder(
                    new MutableDataSet()
                            .set(
                                    com.vladsch.flexmark.parser.Parser.EXTENSIONS,
                                    List.of(TablesExtension.create(), StrikethroughExtension.create()))
                            .set(TablesExtension.MIN_SEPARATOR_DASHES, 1))
            .build();
    private static final org.commonmark.parser.Parser COMMONMARK = org.commonmark.parser.Parser.builder()
            .includeSourceSpans(IncludeSourceSpans.BLOCKS_AND_INLINES)
            .build();
    private static final List<String> DANGEROUS = List.of("javascript:", "data:", "vbscript:");
    private static final Pattern BACKSLASH_ESCAPE = Pattern.compile("\\\\([!-/:-@\\[-`{-~])");
    /** The default video snippet, "> {{< video src=… >}}", which the template writes itself. */
    private static final Pattern VIDEO_SNIPPET = Pattern.compile("\\{\\{< video src=\"/blog/img/[^\"\\s]*\" >}}");

    private PostJudge() {}

    /** Everything wrong with the post; empty when it is clean. */
    public static List<String> problems(String markdown) {
        String post = withoutFrontMatter(markdown);
        List<String> problems = new ArrayList<>();
        boolean[] flexCode = new boolean[post.length()];
        boolean[] cmCode = new boolean[post.length()];
        flexmark(post, problems, flexCode);
        commonMark(post, problems, cmCode);
        shortcodes(post, problems, flexCode, cmCode);
        return problems;
    }

    /** The +++ block blanked out (same length, offsets kept): the site reads it as TOML, not Markdown. */
    private static String withoutFrontMatter(String post) {
        int end = post.startsWith("+++\n") ? post.indexOf("\n+++\n", 3) : -1;
        if (end < 0) return post;
        return post.substring(0, end + 4).replaceAll("[^\n]", " ") + post.substring(end + 4);
    }

    private static void flexmark(String post, List<String> problems, boolean[] code) {
        for (com.vladsch.flexmark.util.ast.Node n : FLEXMARK.parse(post).getDescendants()) {
            if (n instanceof HtmlBlockBase || n instanceof HtmlInlineBase)
                problems.add("flexmark: raw HTML " + excerpt(post, n.getStartOffset()));
            String url = n instanceof Link l
                    ? l.getUrl().toString()
                    : n instanceof Image i
                            ? i.getUrl().toString()
                            : n instanceof AutoLink a
                                    ? a.getUrl().toString()
                                    : n instanceof Reference r ? r.getUrl().toString() : null;
            if (url != null && dangerous(decode(url)))
                problems.add("flexmark: link to " + url + " " + excerpt(post, n.getStartOffset()));
            if (n instanceof Code || n instanceof FencedCodeBlock || n instanceof IndentedCodeBlock) {
                for (int k = n.getStartOffset(); k < n.getEndOffset(); k++) code[k] = true;
            }
        }
    }

    private static void commonMark(String post, List<String> problems, boolean[] code) {
        Deque<org.commonmark.node.Node> todo = new ArrayDeque<>();
        todo.push(COMMONMARK.parse(post));
        while (!todo.isEmpty()) {
            org.commonmark.node.Node n = todo.pop();
            for (org.commonmark.node.Node c = n.getLastChild(); c != null; c = c.getPrevious()) todo.push(c);
            int at =
                    n.getSourceSpans().isEmpty() ? 0 : n.getSourceSpans().get(0).getInputIndex();
            if (n instanceof HtmlBlock || n instanceof HtmlInline)
                problems.add("commonmark: raw HTML " + excerpt(post, at));
            String url = n instanceof org.commonmark.node.Link l
                    ? l.getDestination()
                    : n instanceof org.commonmark.node.Image i
                            ? i.getDestination()
                            : n instanceof LinkReferenceDefinition d ? d.getDestination() : null;
            if (url != null && dangerous(url)) problems.add("commonmark: link to " + url + " " + excerpt(post, at));
            if (n instanceof org.commonmark.node.Code
                    || n instanceof org.commonmark.node.FencedCodeBlock
                    || n instanceof org.commonmark.node.IndentedCodeBlock) {
                for (SourceSpan s : n.getSourceSpans()) {
                    for (int k = s.getInputIndex(); k < s.getInputIndex() + s.getLength(); k++) code[k] = true;
                }
            }
        }
    }

    private static void shortcodes(String post, List<String> problems, boolean[] flexCode, boolean[] cmCode) {
        String text =
                VIDEO_SNIPPET.matcher(post).replaceAll(m -> "#".repeat(m.group().length()));
        for (int i = text.indexOf('{'); i >= 0 && i + 1 < text.length(); i = text.indexOf('{', i + 1)) {
            char next = text.charAt(i + 1);
            if (next != '{' && next != '%') continue;
            if (!flexCode[i] || !cmCode[i])
                problems.add("an unbroken " + text.substring(i, i + 2) + " outside code " + excerpt(post, i));
            else if (ZolaCall.at(text, i)) problems.add("a Zola shortcode call in code " + excerpt(post, i));
        }
    }

    /** A target's scheme as the browser sees it: references and escapes decoded, tabs and newlines gone, leading blanks trimmed. */
    static boolean dangerous(String decodedUrl) {
        String seen = decodedUrl
                .replaceAll("[\\t\\n\\r]", "")
                .replaceFirst("^[\\x00-\\x20\\s\\p{Z}]+", "")
                .toLowerCase(Locale.ROOT);
        return DANGEROUS.stream().anyMatch(seen::startsWith);
    }

    /** flexmark's URLs are as written: decode character references (HTML5's table, jsoup's) and backslash escapes. */
    private static String decode(String url) {
        return org.jsoup.parser.Parser.unescapeEntities(
                BACKSLASH_ESCAPE.matcher(url).replaceAll("$1"), false);
    }

    private static String excerpt(String post, int at) {
        int from = Math.max(0, at - 120), to = Math.min(post.length(), at + 120);
        return "at " + at + ":\n" + post.substring(from, to) + "\n";
    }

    /** Zola's content grammar (components/markdown/src/content.pest): does a shortcode call or body start begin here? */
    static final class ZolaCall {
        private final String s;
        private int i;

        private ZolaCall(String s, int i) {
            this.s = s;
            this.i = i;
        }

        static boolean at(String s, int i) {
            boolean inline = s.startsWith("{{", i);
            ZolaCall p = new ZolaCall(s, i + 2);
            return p.call() && p.ws() && s.startsWith(inline ? "}}" : "%}", p.i);
        }

        private boolean ws() {
            while (i < s.length() && " \t\r\n".indexOf(s.charAt(i)) >= 0) i++;
            return true;
        }

        private boolean ident() {
            ws();
            int start = i;
            while (i < s.length()
                    && (Character.isLetter(s.charAt(i)) && s.charAt(i) < 128
                            || s.charAt(i) == '_'
                            || (i > start && s.charAt(i) >= '0' && s.charAt(i) <= '9'))) i++;
            return i > start;
        }

        private boolean lit(String t) {
            ws();
            if (!s.startsWith(t, i)) return false;
            i += t.length();
            return true;
        }

        private boolean call() {
            if (!ident() || !lit("(")) return false;
            while (true) { // kwargs*: kwarg ("," kwarg)* repeated
                int save = i;
                if (!kwarg()) {
                    i = save;
                    break;
                }
                while (true) {
                    int comma = i;
                    if (!(lit(",") && kwarg())) {
                        i = comma;
                        break;
                    }
                }
            }
            return lit(")");
        }

        private boolean kwarg() {
            return ident() && lit("=") && literal();
        }

        private boolean literal() {
            ws();
            if (i >= s.length()) return false;
            char c = s.charAt(i);
            if (c == '"' || c == '\'' || c == '`') {
                int close = s.indexOf(c, i + 1);
                if (close < 0) return false;
                i = close + 1;
                return true;
            }
            if (lit("true") || lit("false")) return true;
            if (c == '[') {
                i++;
                while (true) {
                    int save = i;
                    if (!(literal() && lit(","))) {
                        i = save;
                        break;
                    }
                }
                int save = i;
                if (!literal()) i = save;
                return lit("]");
            }
            int start = i;
            if (i < s.length() && s.charAt(i) == '-') i++;
            while (i < s.length() && (Character.isDigit(s.charAt(i)) || s.charAt(i) == '.')) i++;
            return i > start;
        }
    }
}
