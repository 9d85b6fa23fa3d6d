package org.twimbot.placement;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.twimbot.placement.AuthorMessage.composerText;
import static org.twimbot.placement.AuthorMessage.elementHtml;

import org.junit.jupiter.api.Test;

class AuthorMessageTest {

    /** The emulation of Element's sending side on the examples of matrix-react-sdk's test/editor/serialize-test.ts, and a few more. */
    @Test
    void elementHtmlIsWhatElementSends() {
        assertEquals("<em>hello</em> world", elementHtml("*hello* world"));
        assertEquals(
                "<a href=\"https://matrix.to/#/#room:hs.tld\">#room:hs.tld</a>",
                elementHtml("[#room:hs.tld](https://matrix.to/#/#room:hs.tld)"));
        assertEquals(null, elementHtml("hello world"), "plain text: no formatted_body");
        assertEquals(
                null, elementHtml("first line\nsecond line\n\nnext paragraph"), "paragraphs and breaks are plain text");
        assertEquals("<p>TWIM: a <strong>b</strong><br />c</p>\n<p>d</p>\n", elementHtml("TWIM: a **b**\nc\n\nd"));
        assertEquals("<p>TWIM:</p>\n<ul>\n<li>one</li>\n</ul>\n", elementHtml(composerText("* one")));
        assertEquals(
                "TWIM: &lt;b&gt;hi&lt;/b&gt; <em>x</em>", elementHtml("TWIM: <b>hi</b> *x*"), "raw HTML is escaped");
    }
}
