package org.twimbot.render;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/**
 * HTML from a submitter that would take the HTML-to-Markdown converter down: deep nesting overflows
 * its stack (an Error, which nothing in the bot catches), and nested tables make its output grow
 * exponentially (25 levels exhaust a 6 GB heap). Such HTML falls back to the plain body.
 */
class DeepHtmlTest {
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
        assertEquals("> quoted **bold**", converter.toMarkdown("x", "<blockquote><p>quoted <b>bold</b></p></blockquote>"));
        String table = converter.toMarkdown("x", "<table><tr><th>a</th></tr><tr><td>1</td></tr></table>");
        assertTrue(table.contains("| a |") && table.contains("| 1 |"), table);
        assertEquals("* one\n  * two", converter.toMarkdown("x", "<ul><li>one<ul><li>two</li></ul></li></ul>"));
    }

    @Test
    void tagOpenersInNamesAndAltTextAreEntities() {
        assertEquals("&lt;script\\>alert(1)&lt;/script\\>", MarkdownText.linkLabel("<script>alert(1)</script>"));
        assertEquals("&lt;img src=x\\>", MarkdownText.escapeInline("<img src=x>"));
        String draft = Fixtures.render(java.util.List.of(
                Fixtures.item(1, "$a", "@a:example.org", "<script>alert(1)</script>", 1, "hi", java.util.List.of("spec"), java.util.List.of()),
                Fixtures.html(2, "$b", "<p><img alt=\"<script>x\" src=\"mxc://a/b\"></p>", java.util.List.of("spec"), java.util.List.of())));
        assertTrue(!draft.toLowerCase(java.util.Locale.ROOT).contains("<script"), draft);
        assertTrue(draft.contains("[&lt;script\\>alert(1)&lt;/script\\>](https://matrix.to/#/@a:example.org)"), draft);
    }
}
