package org.twimbot.render;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.vladsch.flexmark.ast.HtmlBlockBase;
import com.vladsch.flexmark.ast.HtmlInlineBase;
import com.vladsch.flexmark.ast.LinkNodeBase;
import com.vladsch.flexmark.ext.gfm.strikethrough.StrikethroughExtension;
import com.vladsch.flexmark.ext.tables.TablesExtension;
import com.vladsch.flexmark.parser.Parser;
import com.vladsch.flexmark.util.ast.Node;
import com.vladsch.flexmark.util.data.MutableDataSet;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.regex.Matcher;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Test;

/** The sanitiser's own machinery: the quoted form it checks, its id scan, its parser choice and its fall-back. */
class MarkdownSanitizerTest {
    private static final Parser WITH_TABLES = Parser.builder(new MutableDataSet()
                    .set(Parser.EXTENSIONS, List.of(StrikethroughExtension.create(), TablesExtension.create())))
            .build();
    private static final Parser WITHOUT_TABLES = Parser.builder(
                    new MutableDataSet().set(Parser.EXTENSIONS, List.of(StrikethroughExtension.create())))
            .build();

    @Test
    void quotingTheResultGivesBackTheTextThatWasChecked() {
        String news = "one\u2028two\r\nthree\rfour\u0085five\u2029\u000B\n  \nsix <b>x</b>";
        String sanitized = new MarkdownSanitizer().sanitize(news);
        assertEquals("one\ntwo\nthree\nfour\nfive\n\n\nsix &lt;b>x&lt;/b>", sanitized);
        assertEquals("> one\n> two\n> three\n> four\n> five\n>\n>\n> six &lt;b>x&lt;/b>", Quoting.quote(sanitized));
        assertEquals(sanitized, Quoting.unquote(Quoting.quote(sanitized)));
    }

    @Test
    void unquoteRefusesTextThatIsNotAQuote() {
        assertEquals("a\n\nb", Quoting.unquote("> a\n>\n> b"));
        Assertions.assertThrows(IllegalArgumentException.class, () -> Quoting.unquote("> a\nb"));
    }

    /** The id scan tries only '#' and '@' positions; it must report exactly what {@code find()} over the text does. */
    @Test
    void theMatrixIdScanFindsWhatTheRegexFinds() {
        List<String> texts = List.of(
                "join #twim:matrix.org or ask @travis:t2l.io.",
                "mail me at me@example.org",
                "a@b:c.org and x#y:z.org",
                "##a:b.org @@c:d.org #@e:f.org",
                "@u:localhost:8448 @v:[::1]:80 #w:host.example:99999",
                "https://matrix.to/#/@a:b.org",
                "\\@a:b.org .@c:d.org =@e:f.org",
                "@ü:bücher.example @a/b:c.org",
                "@a:b.c #x:y.org- @z:w.org_",
                "",
                "no ids at all: none",
                "@a:b.org@c:d.org #a:b.org#c:d.org");
        for (String text : texts) {
            List<String> expected = new ArrayList<>();
            Matcher m = MarkdownSanitizer.MATRIX_ID.matcher(text);
            while (m.find()) expected.add(m.start() + "-" + m.end());
            List<String> actual = MarkdownSanitizer.matrixIds(text).stream()
                    .map(r -> r[0] + "-" + r[1])
                    .toList();
            assertEquals(expected, actual, text);
        }
    }

    /**
     * Text without a pipe is parsed without the tables extension. That is only right if the extension changes
     * nothing there: the same tree with and without it, over the two published posts with their pipes removed.
     */
    @Test
    void withoutAPipeTheTablesExtensionChangesNothing() throws IOException {
        for (String post : List.of("2020-11-27-this-week-in-matrix.md", "2022-10-28-this-week-in-matrix.md")) {
            String text = resource("reference/" + post).replace("|", "");
            assertEquals(ast(WITHOUT_TABLES, text), ast(WITH_TABLES, text), post);
        }
        String table = "| a | b |\n|---|---|\n| 1 | 2 |";
        assertNotEquals(
                ast(WITHOUT_TABLES, table), ast(WITH_TABLES, table), "the comparison sees a table when there is one");
    }

    /**
     * News that cannot hold raw HTML, a bad link target or an id skips the parse. Over random text built from pieces
     * that come close (schemes in and out of links, colons in prose, escapes, entities, ids, code), the shortcut must
     * give exactly what parsing gives, and must actually be taken for part of it.
     */
    @Test
    void skippingTheParseForPlainNewsChangesNothing() {
        String[] pieces = {
            "[x](",
            "](",
            ")",
            "[y]: ",
            "[y]",
            "javascript:alert(1)",
            "JavaScript:x",
            "java script:",
            "data:text/html,x",
            "https://example.org/a:b",
            "HTTP://x.org",
            "mailto:me@example.org",
            "x.https:",
            "1javascript:",
            "a+b.c-d:",
            "(javascript:",
            "Note: ",
            "12:30",
            ":",
            "::",
            " ",
            "\n",
            "\n\n",
            "    ",
            "`",
            "```\n",
            "@room",
            "{{",
            "{%",
            "@a:b.org",
            "#r:s.org",
            "me@example.org",
            "\\:",
            "&#58;",
            "&colon;",
            "&amp;",
            "<",
            "<https://x.org>",
            "<b>",
            "*",
            "_",
            "~~",
            "| a |",
            "hello",
            "world",
            "## ",
            "> ",
            "- ",
            "www.x.org",
            "ftp:",
            "#",
            "@",
            "javascript",
            "data",
            "[x](javascript&#58;alert(1))",
            "[x](javascript\\:alert(1))",
            "[y]: java&#x73;cript&colon;x",
            "[x](data&#58;x)"
        };
        Random random = new Random(20261122);
        MarkdownSanitizer withShortcut = new MarkdownSanitizer();
        MarkdownSanitizer alwaysParsing = new MarkdownSanitizer(MarkdownSanitizer.MAX_ROUNDS, false);
        int shortcuts = 0;
        for (int i = 0; i < 8_000; i++) {
            StringBuilder text = new StringBuilder();
            for (int k = 1 + random.nextInt(8); k > 0; k--) text.append(pieces[random.nextInt(pieces.length)]);
            String news = text.toString();
            if (MarkdownSanitizer.nothingToParseFor(Quoting.quote(news))) shortcuts++;
            assertEquals(alwaysParsing.sanitize(news), withShortcut.sanitize(news), news);
        }
        assertTrue(shortcuts > 800 && shortcuts < 7_200, "shortcut taken " + shortcuts + " times");
    }

    @Test
    void whatTheShortcutLeavesToTheParse() {
        assertTrue(MarkdownSanitizer.nothingToParseFor(
                "> Synapse 1.2 is out! See [the notes](https://example.org/1.2).\n>\n> ```\n> cargo install x\n> ```"));
        assertTrue(MarkdownSanitizer.nothingToParseFor("> at 12:30, mailto:me@example.org or HTTPS://x.org"));
        for (String needsParse : List.of(
                "> a <b>",
                "> [x](javascript:alert(1))",
                "> [x](java&#x73;cript:x)",
                "> [x](javascript\\:x)",
                "> Note: see",
                "> #twim:matrix.org",
                "> x.javascript:")) {
            assertFalse(MarkdownSanitizer.nothingToParseFor(needsParse), needsParse);
        }
    }

    /**
     * Random news from pieces that have leaked or broken the quote before (line separators, declarations and
     * processing instructions spanning lines, setext underlines, encoded schemes): the sanitised news, quoted, holds
     * no raw HTML and no link to a script, and every line of it is still a line of the quote.
     */
    @Test
    void randomHostileNewsStaysQuotedAndHarmless() {
        String[] pieces = {
            "\u2028",
            "\u2029",
            "\u0085",
            "\r",
            "\n",
            "\n\n",
            "\t",
            "    ",
            "\u3000",
            "\u000B",
            "\u0000",
            "para",
            "Setext\n===\n",
            "<?php x",
            "<?",
            "?>",
            "<!X",
            "<!-- c",
            "-->",
            "<![CDATA[ x",
            "]]>",
            "<pre>",
            "<script>alert(1)</script>",
            "<div>",
            "</div>",
            "<a href=x>",
            "<b>",
            "<",
            ">",
            "`",
            "```\n",
            "> ",
            "- ",
            "1. ",
            "|",
            "\n|---|\n",
            "+++",
            "## x",
            "[x](",
            ")",
            "[y]: ",
            "[y]",
            "javascript",
            ":",
            "&#58;",
            "&#x73;",
            "\\",
            "&colon;",
            "<javascript:alert(1)>",
            "@room",
            "{{",
            "@a:b.org",
            "#r:s.org",
            "https://ok.org",
            "&",
            "*",
            "_"
        };
        Random random = new Random(7717);
        MarkdownSanitizer sanitizer = new MarkdownSanitizer();
        for (int i = 0; i < 6_000; i++) {
            StringBuilder text = new StringBuilder();
            for (int k = 1 + random.nextInt(7); k > 0; k--) text.append(pieces[random.nextInt(pieces.length)]);
            String news = text.toString();
            String quoted = Quoting.quote(sanitizer.sanitize(news));
            assertEquals(List.of(), rawHtml(WITH_TABLES, quoted), () -> news + "\n=>\n" + quoted);
            for (Node n : WITH_TABLES.parse(quoted).getDescendants()) {
                if (n instanceof LinkNodeBase link
                        && !MarkdownSanitizer.isSafeUrl(link.getUrl().toString())) {
                    Assertions.fail("unsafe target " + link.getUrl() + " in\n" + quoted);
                }
            }
            assertTrue(
                    quoted.lines().allMatch(l -> l.equals(">") || l.startsWith("> ")), () -> news + "\n=>\n" + quoted);
        }
    }

    @Test
    void rawHtmlInATableCellIsEscapedAndTheTableKept() {
        String table = "| x | y |\n|---|---|\n| <b>z</b> | `<i>` |";
        assertEquals("| x | y |\n|---|---|\n| &lt;b>z&lt;/b> | `<i>` |", new MarkdownSanitizer().sanitize(table));
    }

    /**
     * Escaping {@code <a href='`'>} lets its backtick open a code span, which leaves the {@code <b>} after it
     * outside code: a second round is needed. With one round allowed, the fall-back escapes what is left.
     */
    @Test
    void theFallBackEscapesWhatTheRoundsLeft() {
        String news = "<a href='`'>`<b>`";
        String settled = new MarkdownSanitizer().sanitize(news);
        assertEquals("&lt;a href='`'>`&lt;b>`", settled);
        assertEquals(settled, new MarkdownSanitizer(1, true).sanitize(news));
        String withCode = "<a href='`'>`<b>`\n\nand `<i>` in code";
        String fallBack = new MarkdownSanitizer(1, true).sanitize(withCode);
        assertEquals(List.of(), rawHtml(WITH_TABLES, Quoting.quote(fallBack)), fallBack);
        assertTrue(fallBack.endsWith("`<i>` in code"), "code keeps its '<': " + fallBack);
    }

    private static List<String> rawHtml(Parser parser, String markdown) {
        List<String> found = new ArrayList<>();
        for (Node n : parser.parse(markdown).getDescendants()) {
            if (n instanceof HtmlBlockBase || n instanceof HtmlInlineBase)
                found.add(n.getChars().toString());
        }
        return found;
    }

    /** The tree as node names and source ranges, one line a node, indented by depth. */
    private static String ast(Parser parser, String text) {
        StringBuilder out = new StringBuilder();
        dump(parser.parse(text), 0, out);
        return out.toString();
    }

    private static void dump(Node node, int depth, StringBuilder out) {
        out.append("  ".repeat(depth))
                .append(node.getNodeName())
                .append(' ')
                .append(node.getStartOffset())
                .append('-')
                .append(node.getEndOffset())
                .append('\n');
        for (Node child = node.getFirstChild(); child != null; child = child.getNext()) dump(child, depth + 1, out);
    }

    private static String resource(String name) throws IOException {
        try (InputStream in = MarkdownSanitizerTest.class.getResourceAsStream(name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
