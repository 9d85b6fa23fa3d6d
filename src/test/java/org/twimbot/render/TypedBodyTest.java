package org.twimbot.render;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.twimbot.placement.AuthorMessage;
import org.twimbot.placement.PublishedPost;

/**
 * {@link TypedBody} decides most messages without parsing their HTML (a cheap "no" from the text, a cheap "yes"
 * from the HTML itself): those shortcuts must never decide otherwise than the parser's comparison would.
 */
class TypedBodyTest {
    private static final Path POSTS = Path.of("../shared/reference/posts");

    @Test
    void theShortcutsDecideAsTheParsersComparisonOnEveryPairOfACorpus() throws IOException {
        List<String> bodies = corpus();
        Random random = new Random(7);
        int yes = 0;
        int pairs = 0;
        for (int i = 0; i < bodies.size(); i++) {
            String body = bodies.get(i);
            String rendered = ElementMarkdown.html(ElementMarkdown.parse(body));
            List<String> htmls = Arrays.asList(
                    rendered,
                    AuthorMessage.elementHtml(body),
                    rendered.replace("\n", ""),
                    rendered.replace("<p>", "<p> ").replace("</p>", " </p>"),
                    rendered.replace("<br />", "<br>"),
                    rendered.replace("e", "é"),
                    rendered.replaceFirst(" ", "&nbsp;"),
                    "<p>" + rendered + "</p>",
                    rendered + "<!-- x -->",
                    ElementMarkdown.html(ElementMarkdown.parse(bodies.get(random.nextInt(bodies.size())))),
                    rendered.replace("<strong>", "<b>").replace("</strong>", "</b>"),
                    "<em>" + body + "</em>",
                    rendered.replace("&quot;", "\"").replace("&amp;", "&#38;"),
                    withoutOuterParagraph(rendered));
            for (String html : htmls) {
                if (html == null || html.isBlank()) continue; // a plain body: Element sends no HTML
                boolean full = html.length() <= 4L * body.length() + 256 && TypedBody.sameHtml(rendered, html);
                assertEquals(full, TypedBody.isSourceOf(body, html), () -> "body " + body + "\nhtml " + html);
                if (full) yes++;
                pairs++;
            }
        }
        assertTrue(pairs > 500 && yes > 100 && yes < pairs - 100, pairs + " pairs, " + yes + " the body's rendering");
    }

    @Test
    void aRichTextEditorsHtmlIsNotTheBodysRenderingAndElementsIs() {
        assertFalse(TypedBody.isSourceOf(
                "Widget 1.2 is out! See https://example.org",
                "<h3>Widget 1.2 is out!</h3><p>See <a href=\"https://example.org\">the notes</a></p>"));
        assertTrue(TypedBody.isSourceOf("_Happy_ Friday", "<em>Happy</em> Friday"));
    }

    /** "<p>a</p><p>b</p>" → "a</p><p>b": what a bare single paragraph looks like, for a text that has several. */
    private static String withoutOuterParagraph(String html) {
        String s = html.strip();
        return s.startsWith("<p>") && s.endsWith("</p>") ? s.substring(3, s.length() - 4) : s;
    }

    /** What authors typed in the two reference posts, plus short Markdown of every kind. */
    private static List<String> corpus() throws IOException {
        List<String> bodies = new ArrayList<>(List.of(
                "_Happy_ Friday all!  Once again\n\n- one\n- two",
                "a **b**\nc",
                "# Title\n\ntext",
                "> quoted\n\nafter",
                "1. one\n2. two",
                "`code` and ``more``",
                "```\nfenced\n```",
                "[link](https://example.org \"t>x\")",
                "<b>raw</b> html",
                "a & b < c > d",
                "\"quoted\" & more",
                "one\n\ntwo",
                "para\n\n- item",
                "line one\nline two",
                "* a\n\n* b",
                "---",
                "x\\\ny",
                "![img](https://example.org/a.png)"));
        try (var files = Files.list(POSTS)) {
            for (Path post : files.sorted().toList()) {
                for (PublishedPost.SectionPart s :
                        PublishedPost.parse(Files.readString(post)).sections()) {
                    s.items().forEach(item -> bodies.add(PublishedPost.typed(item)));
                    s.projects().forEach(p -> p.items().forEach(item -> bodies.add(PublishedPost.typed(item))));
                }
            }
        }
        bodies.removeIf(String::isBlank);
        return bodies;
    }
}
