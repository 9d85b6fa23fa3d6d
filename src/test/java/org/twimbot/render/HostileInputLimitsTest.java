package org.twimbot.render;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Input that would take flexmark down, found by the hostile-events fuzz: deep HTML nesting overflows
 * the converter's stack (an Error, which nothing in the bot catches), nested tables make its output
 * grow exponentially (25 levels exhaust a 6 GB heap), and a long bracketed text or display name makes
 * its link-label parsing backtrack for minutes. And no literal {@code <script} in a post, even escaped.
 */
class HostileInputLimitsTest {
    private final TextConverter converter = new TextConverter();

    @Test
    void nestedTablesFallBackToThePlainBody() {
        String html = "<table><tr><td>".repeat(25) + "boom";
        assertEquals("nested tables", converter.toMarkdown("nested tables", html));
    }

    @Test
    void thousandsOfNestedTagsFallBackToThePlainBody() {
        for (String tag : new String[] {"div", "b", "blockquote", "ul><li", "span"}) {
            String html = ("<" + tag + ">").repeat(5_000) + "deep";
            assertEquals("plain", converter.toMarkdown("plain", html), tag);
        }
    }

    @Test
    void ordinaryNestingAndASingleTableStillConvert() {
        assertEquals(
                "> quoted **bold**", converter.toMarkdown("x", "<blockquote><p>quoted <b>bold</b></p></blockquote>"));
        String table = converter.toMarkdown("x", "<table><tr><th>a</th></tr><tr><td>1</td></tr></table>");
        assertTrue(table.contains("| a |") && table.contains("| 1 |"), table);
        assertEquals("* one\n  * two", converter.toMarkdown("x", "<ul><li>one<ul><li>two</li></ul></li></ul>"));
    }

    @Test
    void tagOpenersInNamesAndAltTextAreEntities() {
        assertEquals("&lt;script\\>alert(1)&lt;/script\\>", MarkdownText.linkLabel("<script>alert(1)</script>"));
        assertEquals("&lt;img src=x\\>", MarkdownText.escapeInline("<img src=x>"));
        String draft = Fixtures.render(List.of(
                Fixtures.item(
                        1, "$a", "@a:example.org", "<script>alert(1)</script>", 1, "hi", List.of("spec"), List.of()),
                Fixtures.html(
                        2, "$b", "<p><img alt=\"<script>x\" src=\"mxc://a/b\"></p>", List.of("spec"), List.of())));
        assertTrue(!draft.toLowerCase(Locale.ROOT).contains("<script"), draft);
        assertTrue(draft.contains("[&lt;script\\>alert(1)&lt;/script\\>](https://matrix.to/#/@a:example.org)"), draft);
    }

    @Test
    @Timeout(60) // these inputs hung flexmark for minutes: a regression must fail here, not stall the build
    void enormousDisplayNamesAreCutSoTheirLinkLabelStaysParseable() {
        String name = "Setext === <p>para</p> ".repeat(600); // 13,800 characters: flexmark hung on its label
        String label = MarkdownText.linkLabel(name);
        assertTrue(label.length() < 600 && label.endsWith("…"), label);
        String draft = Fixtures.render(
                List.of(Fixtures.item(1, "$a", "@a:example.org", name, 1, "hi", List.of("spec"), List.of())));
        long start = System.nanoTime();
        PreviewHtml.toHtml(draft); // what the bot does with every draft: must return
        assertTrue(draft.contains("[" + label + "](https://matrix.to/#/@a:example.org)"), draft);
        assertEquals("😀".repeat(128) + "…", MarkdownText.linkLabel("😀".repeat(300)), "cut on code points, not chars");
    }

    @Test
    @Timeout(60) // these inputs hung flexmark for minutes: a regression must fail here, not stall the build
    void longBracketedNewsIsEscapedSoItStaysParseable() {
        String hostile =
                "[" + "Setext === &lt;p\\>para&lt;/p\\> ".repeat(60) + "](x) says"; // hung flexmark for minutes
        String clean = new MarkdownSanitizer().sanitize(hostile);
        assertTrue(clean.startsWith("\\[Setext"), clean);
        assertEquals("\\\\\\[" + "x".repeat(600), MarkdownSanitizer.escapeLongBrackets("\\\\[" + "x".repeat(600)));
        assertEquals(
                "\\[" + "x".repeat(600),
                MarkdownSanitizer.escapeLongBrackets("\\[" + "x".repeat(600)),
                "already escaped");
        assertEquals(
                "[a link](https://example.org) and [x]",
                MarkdownSanitizer.escapeLongBrackets("[a link](https://example.org) and [x]"));
        String draft = Fixtures.render(
                List.of(Fixtures.item(1, "$a", "@a:example.org", "A", 1, hostile, List.of("spec"), List.of())));
        PreviewHtml.toHtml(draft); // returns
    }

    @Test
    void aTabIndentedTagStaysCodeOnceQuoted() {
        String draft = Fixtures.render(List.of(Fixtures.item(
                1, "$a", "@a:example.org", "A", 1, "look\n\n\t<script>alert(1)</script>", List.of("spec"), List.of())));
        // alone, the tab line is indented code; after "> " the tab would only indent by two columns: raw HTML
        assertTrue(draft.contains("\n>     <script>alert(1)</script>\n"), draft);
        assertTrue(!PreviewHtml.toHtml(draft).contains("<script>"), "a raw script tag in the rendered post");
    }
}
