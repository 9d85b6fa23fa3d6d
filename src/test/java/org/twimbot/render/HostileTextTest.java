package org.twimbot.render;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.twimbot.render.Fixtures.*;

import com.vladsch.flexmark.ast.HtmlBlockBase;
import com.vladsch.flexmark.ast.HtmlInlineBase;
import com.vladsch.flexmark.ast.LinkNodeBase;
import com.vladsch.flexmark.ext.gfm.strikethrough.StrikethroughExtension;
import com.vladsch.flexmark.ext.tables.TablesExtension;
import com.vladsch.flexmark.parser.Parser;
import com.vladsch.flexmark.util.ast.Node;
import com.vladsch.flexmark.util.data.MutableDataSet;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Whatever submitters write, the post's structure and the site stay intact. */
class HostileTextTest {

    static List<DraftItem> hostile() {
        String longCode = "```\n" + "line of code {{ x }}\n".repeat(200) + "```";
        return List.of(
                item(
                        1,
                        "$script-body",
                        "@a:example.org",
                        "A",
                        1,
                        "<script>alert(1)</script>",
                        List.of("spec"),
                        List.of()),
                html(2, "$script-html", "<p>hi</p><script>alert(1)</script><p>there</p>", List.of("spec"), List.of()),
                item(
                        3,
                        "$img-body",
                        "@a:example.org",
                        "A",
                        3,
                        "look <img src=x onerror=alert(1)>",
                        List.of("spec"),
                        List.of()),
                html(4, "$img-html", "<p>look <img src=x onerror=alert(1)></p>", List.of("spec"), List.of()),
                item(
                        5,
                        "$plusplusplus",
                        "@a:example.org",
                        "A",
                        5,
                        "+++\ntitle = \"pwned\"\n+++",
                        List.of("servers"),
                        List.of()),
                item(
                        6,
                        "$heading",
                        "@a:example.org",
                        "A",
                        6,
                        "## Heading\n# Top\n---\n***",
                        List.of("servers"),
                        List.of()),
                item(
                        7,
                        "$shortcode",
                        "@a:example.org",
                        "A",
                        7,
                        "{{ shortcode() }} and {% raw %} and {{{ triple }}}",
                        List.of(),
                        List.of("Conduit")),
                item(8, "$room", "@a:example.org", "A", 8, "hey @room look", List.of(), List.of("Conduit")),
                item(9, "$longcode", "@a:example.org", "A", 9, longCode, List.of("clients"), List.of()),
                item(
                        10,
                        "$emoji",
                        "@a:example.org",
                        "🦀 Crab",
                        10,
                        "🎉 emoji 👩‍👩‍👧 and ⚡️",
                        List.of("clients"),
                        List.of()),
                item(
                        11,
                        "$rtl",
                        "@a:example.org",
                        "مرحبا",
                        11,
                        "مرحبا بالعالم\nשלום עולם \u202Eevil",
                        List.of("clients"),
                        List.of()),
                item(
                        12,
                        "$html-block",
                        "@a:example.org",
                        "A",
                        12,
                        "<div>\n*x*\n</div>\n<!-- comment -->\n<iframe src=\"https://evil\"></iframe>",
                        List.of(),
                        List.of()),
                item(
                        13,
                        "$crlf",
                        "@a:example.org",
                        "A",
                        13,
                        "one\r\n+++\rtwo\u2028## three",
                        List.of("bots"),
                        List.of()));
    }

    @Test
    void frontMatterIsIntactAndNoRawTagsReachThePost() {
        String draft = render(hostile());
        List<String> lines = draft.lines().toList();
        assertEquals("+++", lines.get(0));
        assertEquals(List.of(0, 8), indexesOf(lines, "+++"), "exactly two +++ lines, both at the top");
        for (String tag : List.of("<script", "<img", "<iframe", "<div", "<!--")) {
            assertFalse(draft.toLowerCase().contains(tag), "raw " + tag + " in\n" + draft);
        }
        assertFalse(draft.contains("{{ shortcode"), "shortcode opener neutralised");
        assertFalse(draft.contains("{%"), "tag opener neutralised");
        assertEquals(List.of(), PostJudge.problems(draft), "no {{ outside code, no shortcode call anywhere");
        assertTrue(draft.contains("> &#123;{ shortcode() }} and &#123;% raw %} and &#123;&#123;{ triple }}}"), draft);
        assertFalse(draft.contains("@room"), "@room neutralised");
        assertTrue(draft.contains("@" + MarkdownSanitizer.ZWSP + "room"));
        assertTrue(draft.contains("🎉 emoji 👩‍👩‍👧 and ⚡️"));
        assertTrue(draft.contains("> مرحبا بالعالم"));
    }

    @Test
    void everyLineOfEveryItemStartsWithTheQuoteMarker() {
        String draft = render(hostile());
        List<String> lines = draft.lines().toList();
        // The post's own lines are known; everything else must be quoted news.
        List<String> structural = new ArrayList<>();
        for (String line : lines) {
            boolean ours = line.isEmpty()
                    || line.startsWith("> ")
                    || line.equals(">")
                    || line.startsWith("## ")
                    || line.startsWith("### ")
                    || line.startsWith("[")
                    || line.equals("+++")
                    || line.matches("(title|date|path|author|category) = .*")
                    || line.equals("[taxonomies]")
                    || line.startsWith("Conduit is")
                    || line.startsWith("See you next week");
            if (!ours) structural.add(line);
        }
        assertEquals(List.of(), structural, "unexpected unquoted lines");
        List<String> headings = lines.stream().filter(l -> l.startsWith("#")).toList();
        assertEquals(
                List.of(
                        "## Matrix Live",
                        "## Dept of Spec 📜",
                        "## Dept of Servers 🏢",
                        "### Conduit ([website](https://conduit.rs))",
                        "## Dept of Clients 📱",
                        "## Dept of Bots 🤖",
                        "## TODO UNKNOWN SECTION",
                        "## That's all I know"),
                headings);
        // reporter lines are exactly "[name](matrix.to link) verb"
        for (String line : lines) {
            if (line.startsWith("[") && !line.startsWith("[taxonomies]")) {
                assertTrue(
                        line.matches(
                                "\\[.*]\\(https://matrix\\.to/#/@[a-z]+:example\\.org\\) (reports|says|announces)"),
                        line);
            }
        }
    }

    @Test
    void longCodeBlockStaysQuotedAndWhole() {
        String draft = render(hostile());
        assertEquals(
                200,
                draft.lines().filter(l -> l.equals("> line of code {{ x }}")).count(),
                "braces in code as typed");
    }

    @Test
    void theSanitiserLeavesHarmlessAngleBracketsAlone() {
        MarkdownSanitizer s = new MarkdownSanitizer();
        assertEquals("1 < 2 and a -> b", s.sanitize("1 < 2 and a -> b"));
        assertEquals("`<b>` stays code", s.sanitize("`<b>` stays code"));
        assertEquals("&lt;b>bold&lt;/b>", s.sanitize("<b>bold</b>"));
    }

    /**
     * Found by the hostile-events fuzz: the sanitiser decided on the news as written, but the post holds it quoted,
     * split into lines at U+2028, U+2029 and U+0085 as well (see {@link Quoting#lines}), which flexmark does not
     * read as line ends. A line that was indented code, or text in the middle of a paragraph line, then starts
     * a line of the quote: an HTML block (types 1-7: script/pre, comment, {@code <?}, {@code <!X}, tags) or a link.
     */
    @ParameterizedTest
    @ValueSource(
            strings = {
                "a\n\n\t\u2028<script>alert(1)</script>", // indented code alone, a script block quoted
                "Setext\n===\n\t\u2028\uD835\uDCE5\uFFFE<pre><code>x</code></pre>\uFEFF", // the fuzz's find, as it came
                "para\u2028<?php echo 1;", // "<?" mid-line alone, a processing instruction block quoted
                "para\u0085<!DOCTYPE html", // a declaration block (type 4)
                "para\u2029<!-- an unclosed comment\n\n<img src=x onerror=alert(1)>", // a comment block (type 2)
                "\u2028<?\n+++",
                "hello<!X\n+++\ntitle = \"pwned\"\n+++\n<</blockquote>`", // inline HTML over lines: escaped, still
                // quoted
            })
    void newsHoldsNoRawHtmlOnceQuoted(String news) {
        String sanitized = new MarkdownSanitizer().sanitize(news);
        assertEquals(List.of(), rawHtml(Quoting.quote(sanitized)), "quoted:\n" + Quoting.quote(sanitized));
        String draft = render(List.of(item(1, "$a", "@a:example.org", "A", 1, news, List.of("spec"), List.of())));
        assertEquals(List.of(), rawHtml(draft), draft);
        List<String> quoted = draft.lines()
                .dropWhile(l -> !l.startsWith("[A]("))
                .skip(2)
                .takeWhile(l -> !l.isEmpty())
                .toList();
        assertTrue(
                !quoted.isEmpty() && quoted.stream().allMatch(l -> l.equals(">") || l.startsWith("> ")),
                "every line quoted:\n" + draft);
        assertEquals(2, draft.lines().filter(l -> l.equals("+++")).count(), draft);
    }

    @Test
    void aScriptLinkHiddenInCodeIsDisarmedOnceQuoted() {
        String news = "a\n\n\t\u2028[click](javascript:alert(1))"; // code alone; quoted, a link
        String draft = render(List.of(item(1, "$a", "@a:example.org", "A", 1, news, List.of("spec"), List.of())));
        List<String> urls = new ArrayList<>();
        for (Node n : POST.parse(draft).getDescendants()) {
            if (n instanceof LinkNodeBase link) urls.add(link.getUrl().toString());
        }
        assertFalse(urls.stream().anyMatch(u -> u.startsWith("javascript")), urls + "\n" + draft);
        assertTrue(draft.contains("> [click](#)"), draft);
    }

    /** Markdown decodes escapes and character references in link targets, and URL parsers drop tabs: the same script link. */
    @ParameterizedTest
    @ValueSource(
            strings = {
                "[x](javascript&#58;alert(1))", "[x](java&#x73;cript:alert(1))", "[x](javascript\\:alert(1))",
                "[x](javascript&colon;alert(1))", "[x](java&#9;script:alert(1))", "[x](&#32;javascript:alert(1))",
                "[x](&#1;JaVaScRiPt:alert(1))", "![x](data&#58;text/html,<script>alert(1)</script>)",
                        "[x]\n\n[x]: java&#x73;cript:alert(1)",
            })
    void encodedScriptSchemesAreDisarmed(String news) {
        String sanitized = new MarkdownSanitizer().sanitize(news);
        List<String> urls = new ArrayList<>();
        for (Node n : POST.parse(sanitized).getDescendants()) {
            if (n instanceof LinkNodeBase link) urls.add(link.getUrl().toString());
        }
        assertEquals(List.of("#"), urls, sanitized);
    }

    @Test
    void encodedCharactersInSafeLinksStay() {
        MarkdownSanitizer s = new MarkdownSanitizer();
        for (String link : List.of(
                "[x](https://example.org/?a=1&amp;b=2)",
                "[x](&#104;ttps://example.org)",
                "[x](/blog/a&amp;b)",
                "[x](mailto&#58;me@example.org)",
                "[x](#section)")) {
            assertEquals(link, s.sanitize(link));
        }
    }

    @Test
    void ordinaryTextAroundTheEscapesIsUnchanged() {
        MarkdownSanitizer s = new MarkdownSanitizer();
        assertEquals("Preferences > Downloads and a < b", s.sanitize("Preferences > Downloads and a < b"));
        assertEquals("```\n<b>code</b>\n```\n\nand `<i>` too", s.sanitize("```\n<b>code</b>\n```\n\nand `<i>` too"));
        assertEquals("para\n&lt;?php echo 1;", s.sanitize("para\u2028<?php echo 1;"), "the line break is the quote's");
    }

    /** The post as the site's Markdown reads it (GFM tables and strikethrough, like the fuzz and the preview). */
    private static final Parser POST = Parser.builder(new MutableDataSet()
                    .set(Parser.EXTENSIONS, List.of(TablesExtension.create(), StrikethroughExtension.create())))
            .build();

    private static List<String> rawHtml(String markdown) {
        List<String> found = new ArrayList<>();
        for (Node n : POST.parse(markdown).getDescendants()) {
            if (n instanceof HtmlBlockBase || n instanceof HtmlInlineBase)
                found.add(n.getNodeName() + " [" + n.getChars() + "]");
        }
        return found;
    }

    private static List<Integer> indexesOf(List<String> lines, String value) {
        List<Integer> found = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) if (lines.get(i).equals(value)) found.add(i);
        return found;
    }
}
