package org.twimbot.render;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.twimbot.render.Fixtures.item;

import java.util.List;
import org.commonmark.parser.Parser;
import org.commonmark.renderer.html.HtmlRenderer;
import org.junit.jupiter.api.Test;

/**
 * Issue 16, finding 9: what the sanitiser does to harmless text. Braces show as typed (no invisible character in the
 * post), a link to a script keeps its text, and HTML blocks keep their words apart.
 */
class HarmlessTextTest {
    private final TextConverter converter = new TextConverter();
    private final MarkdownSanitizer sanitizer = new MarkdownSanitizer();

    private String md(String html) {
        return sanitizer.sanitize(converter.toMarkdown("plain body", html));
    }

    @Test
    void shortcodesOutsideCodeAreCharacterReferences() {
        assertEquals(
                "&#123;{ youtube(id=\"x\") }} and &#123;% raw %} and &#123;&#123;{ triple }}}",
                sanitizer.sanitize("{{ youtube(id=\"x\") }} and {% raw %} and {{{ triple }}}"));
        String draft = Fixtures.render(List.of(
                item(1, "$a", "@a:example.org", "A", 1, "see {{ youtube(id=\"x\") }}", List.of("spec"), List.of())));
        assertFalse(draft.contains(MarkdownSanitizer.ZWSP), draft);
        // the site shows the braces: CommonMark decodes the reference
        assertEquals(
                "<blockquote>\n<p>see {{ youtube(id=&quot;x&quot;) }}</p>\n</blockquote>\n",
                HtmlRenderer.builder()
                        .build()
                        .render(Parser.builder().build().parse("> see &#123;{ youtube(id=\"x\") }}")));
    }

    @Test
    void shortcodeCallsInCodeUseZolasEscapeAndOtherBracesStay() {
        assertEquals(
                "`{{/* youtube(id=\"x\") */}}` and `${{ secrets.TOKEN }}`",
                sanitizer.sanitize("`{{ youtube(id=\"x\") }}` and `${{ secrets.TOKEN }}`"));
        assertEquals(
                "```\n{%/* note(kind='x') */%}\nbody\n{%/* end */%}\n{{ var }}\n```",
                sanitizer.sanitize("```\n{% note(kind='x') %}\nbody\n{% end %}\n{{ var }}\n```"));
        // a call that opens in code but does not end in the news could end in the next item: broken where it opens
        assertEquals("`{" + MarkdownSanitizer.ZWSP + "{ youtube(id=\"`", sanitizer.sanitize("`{{ youtube(id=\"`"));
    }

    @Test
    void aScriptLinkInHtmlKeepsItsTextOnly() {
        assertEquals("tap", md("<a href=\" JaVaScRiPt:alert(1)\">tap</a>"));
        assertEquals("see tap here", md("see <a href=\"jav&#x61;script:alert(1)\">tap</a> here"));
        assertEquals("tap **bold**", md("<a href=\"data:text/html,x\">tap <b>bold</b></a>"));
        assertEquals("[ok](https://example.org)", md("<a href=\"https://example.org\">ok</a>"));
    }

    @Test
    void detailsKeepTheirWordsApart() {
        assertEquals("open\n\nhidden", md("<details><summary>open</summary>hidden</details>"));
        assertEquals(
                "before\n\nopen\n\nhidden **x**\n\nafter",
                md("<p>before</p><details><summary>open</summary><p>hidden <b>x</b></p></details><p>after</p>"));
    }
}
