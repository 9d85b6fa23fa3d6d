package org.twimbot.render;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** The HTML a Matrix client sends, through the real flexmark converter and the sanitiser. */
class TextConverterTest {
    private final TextConverter converter = new TextConverter();
    private final MarkdownSanitizer sanitizer = new MarkdownSanitizer();

    private String md(String html) {
        return sanitizer.sanitize(converter.toMarkdown("plain body", html));
    }

    @Test
    void linksAndEmphasis() {
        assertEquals(
                "See [the spec](https://spec.matrix.org) for *why* and **how**",
                md("See <a href=\"https://spec.matrix.org\">the spec</a> for <em>why</em> and <strong>how</strong>"));
    }

    @Test
    void nestedListsKeepTheirNesting() {
        assertEquals("* one\n  * nested\n* two", md("<ul><li>one<ul><li>nested</li></ul></li><li>two</li></ul>"));
    }

    @Test
    void codeBlockIsFencedAndKeepsItsBlankLineAndTags() {
        assertEquals(
                "```rust\nlet x = \"<b>\";\n\nfn main() {}\n```",
                md("<pre><code class=\"language-rust\">let x = \"&lt;b&gt;\";\n\nfn main() {}\n</code></pre>"));
    }

    @Test
    void headingsBecomeHashHeadingsThatStayInsideTheQuote() {
        String markdown = md("<p>intro</p><h2>Why?</h2><p>because</p>");
        assertEquals("intro\n\n## Why?\n\nbecause", markdown);
        assertEquals("> intro\n>\n> ## Why?\n>\n> because", Quoting.quote(markdown));
    }

    /** 2022-10-28 post: "Dash's Preferences > Downloads > User Contributed", "research & testing" (2020-11-27). */
    @Test
    void ampersandsAndGreaterThanSignsInTextAreNotEscapedWhereTheyMeanNothing() {
        assertEquals(
                "Preferences > Downloads > User Contributed\nresearch & testing, -> here",
                md("Preferences &gt; Downloads &gt; User Contributed<br />research &amp; testing, -&gt; here"));
    }

    @Test
    void escapesThatMatterStay() {
        // a '>' starting a line would open a block quote; "&amp;" typed as text would read as an entity
        assertEquals("first\n\\> not a quote", converter.toMarkdown("", "first<br />&gt; not a quote"));
        assertEquals(
                "\\&amp; and \\&#38; but & and &x",
                converter.toMarkdown("", "&amp;amp; and &amp;#38; but &amp; and &amp;x"));
        assertEquals("`a > b & c`", converter.toMarkdown("", "<code>a &gt; b &amp; c</code>"));
    }

    @Test
    void strikethroughFromDelAndS() {
        assertEquals("~~old~~ and ~~older~~", md("<del>old</del> and <s>older</s>"));
    }

    @Test
    void mxReplyIsRemovedEntirely() {
        String html = "<mx-reply><blockquote><a href=\"https://matrix.to/#/!r:x/$e\">In reply to</a> "
                + "<a href=\"https://matrix.to/#/@bob:example.org\">@bob:example.org</a><br>old message</blockquote></mx-reply>"
                + "the actual news";
        assertEquals("the actual news", md(html));
    }

    @Test
    void pillsStayLinksWithTheDisplayName() {
        assertEquals(
                "thanks to [Timo](https://matrix.to/#/@timo:conduit.rs)!",
                md("thanks to <a href=\"https://matrix.to/#/@timo:conduit.rs\">Timo</a>!"));
    }

    @Test
    void blockquoteInNewsIsNestedQuote() {
        assertEquals("> cited", md("<blockquote><p>cited</p></blockquote>"));
    }

    @Test
    void plainBodyReplyFallbackIsStripped() {
        String body = "> <@bob:example.org> what's new?\n> second line\n\nHere is the news";
        assertEquals("Here is the news", sanitizer.sanitize(converter.toMarkdown(body, null)));
    }

    @Test
    void anOrdinaryLeadingQuoteInThePlainBodyIsKept() {
        String body = "> a quote I like\n\nand my news";
        assertEquals(body, converter.toMarkdown(body, null));
    }

    @Test
    void leftoverColonOrCommaAndBlankLinesAreTrimmed() {
        assertEquals("news", converter.toMarkdown(":  \n\nnews\n\n\n", null));
        assertEquals("news", converter.toMarkdown(null, "<p>, news</p>"));
    }

    @Test
    void roomAliasesAndUserIdsInTextBecomeLinksButNotInCodeOrLinks() {
        assertEquals(
                "join [#twim:matrix.org](https://matrix.to/#/#twim:matrix.org) or ask "
                        + "[@travis:t2l.io](https://matrix.to/#/@travis:t2l.io).",
                sanitizer.sanitize("join #twim:matrix.org or ask @travis:t2l.io."));
        String untouched =
                "`#twim:matrix.org` and [#a:b.org](https://matrix.to/#/#a:b.org) and https://matrix.to/#/#c:d.org";
        assertEquals(untouched, sanitizer.sanitize(untouched));
        assertEquals("mail me at me@example.org", sanitizer.sanitize("mail me at me@example.org"));
    }

    @Test
    void customEmojiImagesKeepOnlyTheirAltText() {
        String markdown = md("nice <img data-mx-emoticon src=\"mxc://example.org/abc\" alt=\":party:\" height=\"32\">");
        assertEquals("nice :party:", markdown);
    }

    @Test
    void javascriptLinksAreDisarmed() {
        String markdown = md("<a href=\"javascript:alert(1)\">click</a>");
        assertFalse(markdown.contains("javascript:alert"), markdown);
        assertTrue(markdown.contains("click"));
        assertFalse(sanitizer.sanitize("<javascript:alert(1)>").contains("<javascript"));
    }

    // ---------------------------------------------------------------------------------------------
    // the text as the author wrote it (issue #18)

    /** {@code <strong>Bubo</strong>, the …} became {@code **Bubo** ,} when another inline element followed. */
    @Test
    void noSpaceBeforePunctuationAfterBoldOrItalic() {
        assertEquals("**A**, x *y*", md("<p><strong>A</strong>, x <em>y</em></p>"));
        assertEquals(
                "*A*. Then **b** and [c](https://c.example)",
                md("<em>A</em>. Then <b>b</b> and <a href=\"https://c.example\">c</a>"));
        // right next to another element a space is still needed, or the delimiters would run together
        String adjacent = md("<strong>a</strong><em>b</em>");
        assertTrue(adjacent.equals("**a** *b*") || adjacent.equals("**a** *b* "), adjacent);
    }

    /** Element sends {@code <br />} for a single typed line break, which the typed Markdown reads as a space. */
    @Test
    void lineBreaksAreSoftBreaks() {
        assertEquals("first\nsecond\nthird", md("first<br>second<br/>third"));
        assertEquals(
                "* a\n  b\n\n> q\n> r",
                converter.toMarkdown("", "<ul><li>a<br />b</li></ul><blockquote>q<br />r</blockquote>"));
    }

    /** Element's composer: body typed, formatted_body its CommonMark rendering. The body is used as typed. */
    @Test
    void theBodyIsUsedAsTypedWhenTheHtmlIsItsRendering() {
        String body = "_Happy_ Friday all!  Once again\n\n- one\n- two";
        String html = "<p><em>Happy</em> Friday all!  Once again</p>\n<ul>\n<li>one</li>\n<li>two</li>\n</ul>\n";
        assertEquals(body, converter.toMarkdown(body, html));
        String single = "a **b**\nc";
        assertEquals(
                single, converter.toMarkdown(single, "a <strong>b</strong><br />c"), "a single paragraph is sent bare");
    }

    /** A rich-text editor's HTML is not the body's rendering: it is converted, and sanitised the same way. */
    @Test
    void otherHtmlIsConverted() {
        assertEquals("*Happy* Friday", converter.toMarkdown("Happy Friday", "<em>Happy</em> Friday"));
        assertEquals(
                md("<p>see #room:example.org</p>"),
                sanitizer.sanitize(converter.toMarkdown("see #room:example.org", "<p>see #room:example.org</p>")),
                "same sanitising either way");
    }
}
