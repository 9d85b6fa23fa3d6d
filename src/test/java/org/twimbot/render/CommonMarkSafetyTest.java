package org.twimbot.render;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.twimbot.render.Fixtures.item;
import static org.twimbot.render.Fixtures.render;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The post as a CommonMark 0.31 site reads it (commonmark.js, markdown-it: here commonmark-java), not only as flexmark
 * 0.64 does. flexmark implements an older spec, so what it reads as text or code can be raw HTML for the site.
 */
class CommonMarkSafetyTest {

    /** Issue 16, finding 1: flexmark sees no HTML block and a code span; CommonMark 0.31 an HTML block with a live script. */
    @Test
    void theDoctypeLineIsNoScriptForACommonMarkSite() {
        String news = "<!doctype> ``<script>alert('twim')</script>`` ";
        String draft =
                render(List.of(item(1, "$a", "@a:example.org", "A", 1, "look\n" + news, List.of("spec"), List.of())));
        assertEquals(List.of(), PostJudge.problems(draft), draft);
        assertEquals(
                List.of(),
                PostJudge.problems(render(List.of(item(
                        1,
                        "$a",
                        "@a:example.org",
                        "A",
                        1,
                        news,
                        List.of("spec"),
                        List.of()))))); // at the start of the news, too
    }

    /** Every way CommonMark 0.31 starts an HTML block (conditions 1 to 7), and what flexmark reads differently. */
    static List<String> starts() {
        return HostilePayloads.htmlBlockStarts();
    }

    @ParameterizedTest
    @MethodSource("starts")
    void noHtmlBlockStartSurvivesInAnyContext(String start) {
        MarkdownSanitizer sanitizer = new MarkdownSanitizer();
        for (String context : HostilePayloads.CONTEXTS) {
            String news = context.formatted(start);
            String quoted = Quoting.quote(sanitizer.sanitize(news));
            assertEquals(List.of(), PostJudge.problems(quoted), () -> news + "\n=>\n" + quoted);
            assertTrue(quoted.lines().allMatch(l -> l.equals(">") || l.startsWith("> ")), quoted);
        }
    }

    /** Links CommonMark reads and flexmark does not (or reads with another target) are no way round the scheme check. */
    @Test
    void linksOnlyCommonMarkSeesAreDisarmed() {
        MarkdownSanitizer sanitizer = new MarkdownSanitizer();
        for (String news : List.of(
                "[x](<javascript:alert(1)>)",
                "[x]: <javascript:alert(1)>\n\n[x]",
                "<JaVaScRiPt:alert(1)>",
                "<vbscript:msgbox(1)>",
                "<data:text/html;base64,PHNjcmlwdD4=>",
                "![x](data:image/svg+xml,<svg onload=alert(1)>)",
                "[a](javascript&#x3A;alert(1))",
                "[a]( javascript:alert(1) )",
                "[x][y]\n\n[y]:\njavascript:alert(1)",
                "[x](jav&#x61;script:alert(1) \"t\")",
                "[x]:\n  javascript:alert(1)\n\n[x]",
                "<a href=\"javascript:alert(1)\">x</a>")) {
            String quoted = Quoting.quote(sanitizer.sanitize(news));
            assertEquals(List.of(), PostJudge.problems(quoted), () -> news + "\n=>\n" + quoted);
        }
    }
}
