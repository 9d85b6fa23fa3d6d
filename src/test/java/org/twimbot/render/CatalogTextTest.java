package org.twimbot.render;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.twimbot.render.Fixtures.item;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.toml.TomlMapper;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.twimbot.catalog.Catalog;
import org.twimbot.catalog.Project;
import org.twimbot.catalog.Section;

/**
 * Issue 16, finding 7: catalog text (from the config, a hebbot import or {@code !project add}) goes into every post.
 * It gets the news' treatment: no raw HTML, no script links, no shortcodes, one line on a heading, and a website
 * that is an http(s) link or nothing.
 */
class CatalogTextTest {
    private static final String SHORTCODE = "{{ youtube(id=\"x\") }}";

    private static String render(Catalog catalog) {
        return new DraftRenderer(Fixtures.config())
                .render(
                        Fixtures.request(List.of(
                                item(1, "$a", "@a:example.org", "A", 1, "news about evil", List.of(), List.of("evil")),
                                item(2, "$b", "@b:example.org", "B", 2, "section news", List.of("bad"), List.of()))),
                        catalog);
    }

    private static Catalog hostile(String title, String description, String website, String sectionTitle) {
        return new Catalog(
                List.of(new Section("bad", "🏢", sectionTitle, 10, List.of())),
                List.of(new Project("evil", title, description, website, "bad", List.of(), List.of())));
    }

    @Test
    void hostileCatalogTextIsEscapedLikeNews() throws Exception {
        String draft = render(hostile(
                "Evil <img src=x onerror=alert(1)> " + SHORTCODE + "\n+++\n## Top",
                "Hi <script>alert(1)</script>\n+++\ntitle = \"pwned\"\n+++\n" + SHORTCODE + " [x](javascript:alert(1))",
                "javascript:alert(1)",
                "Dept <!-- of --> Evil\n+++ " + SHORTCODE));
        assertEquals(List.of(), PostJudge.problems(draft), draft);
        List<String> lines = draft.lines().toList();
        assertEquals(List.of(0, 8), indexesOf(lines, "+++"), "only the front matter's fences:\n" + draft);
        assertFalse(
                lines.stream().skip(9).anyMatch(l -> l.startsWith("+++")), () -> "a +++ line in the body:\n" + draft);
        JsonNode front = new TomlMapper().readTree(String.join("\n", lines.subList(1, 8)));
        assertEquals("This Week in Matrix 2022-10-28", front.path("title").asText());
        assertTrue(
                draft.contains("\n### Evil &lt;img src=x onerror=alert(1)> &#123;{ youtube(id=\"x\") }} +++ ## Top\n"),
                draft);
        assertTrue(draft.contains("\n## Dept &lt;!-- of --> Evil +++ &#123;{ youtube(id=\"x\") }}\n"), draft);
        assertFalse(draft.contains("website"), "a javascript: website is dropped:\n" + draft);
        assertEquals(
                List.of(
                        "## Matrix Live",
                        "## Dept &lt;!-- of --> Evil +++ &#123;{ youtube(id=\"x\") }}",
                        "### Evil &lt;img src=x onerror=alert(1)> &#123;{ youtube(id=\"x\") }} +++ ## Top",
                        "## That's all I know"),
                lines.stream().filter(l -> l.startsWith("#")).toList());
    }

    @Test
    void aDescriptionCannotStartABlock() {
        Map<String, String> expected = new LinkedHashMap<>();
        expected.put("+++", "\\+++");
        expected.put("## Heading", "\\## Heading");
        expected.put("- item", "\\- item");
        expected.put("1. item", "1\\. item");
        expected.put("> quote", "\\> quote");
        expected.put("    code <b>", "code &lt;b>");
        expected.put("***", "\\***");
        expected.put("[x]: javascript:y", "\\[x]: javascript:y");
        expected.put("```js", "\\```js");
        expected.put("<div>", "&lt;div>");
        expected.put("===", "\\===");
        expected.put(
                "#twim:matrix.org is the room", "[#twim:matrix.org](https://matrix.to/#/#twim:matrix.org) is the room");
        expected.put("*Fast* and **small**", "*Fast* and **small**");
        expected.put("[Matrix](https://matrix.org) bridge", "[Matrix](https://matrix.org) bridge");
        expected.forEach((description, line) -> {
            String draft = render(hostile("Evil", description, "", "Dept"));
            assertEquals(List.of(), PostJudge.problems(draft), draft);
            List<String> lines = draft.lines().toList();
            int heading = lines.indexOf("### Evil");
            assertEquals(line, lines.get(heading + 2), draft);
            assertEquals(
                    "[A](https://matrix.to/#/@a:example.org) " + Fixtures.expectedVerb("$a"),
                    lines.get(heading + 4),
                    draft);
            assertEquals(
                    List.of("## Matrix Live", "## Dept", "### Evil", "## That's all I know"),
                    lines.stream().filter(l -> l.startsWith("#")).toList(),
                    draft);
        });
    }

    @Test
    void websitesMustBeHttpLinks() {
        assertTrue(render(hostile("Evil", "", "https://evil.example/a_(b)", "Dept"))
                .contains("### Evil ([website](https://evil.example/a_%28b%29))"));
        for (String website : List.of(
                "javascript:alert(1)",
                " JaVaScRiPt:alert(1)",
                "data:text/html,x",
                "evil.example",
                "https://a b",
                "https://x.org\n+++",
                "https://x.org/\"><script>")) {
            String draft = render(hostile("Evil", "", website, "Dept"));
            assertTrue(draft.contains("\n### Evil\n"), website + "\n" + draft);
            assertEquals(List.of(), PostJudge.problems(draft), draft);
        }
    }

    @Test
    void ordinaryCatalogTextIsUnchanged() {
        Catalog catalog = new Catalog(
                List.of(new Section("bad", "📱", "Dept of Clients 📱", 10, List.of())),
                List.of(new Project(
                        "evil",
                        "Element iOS",
                        "Secure and independent communication for iOS, connected via Matrix. Come "
                                + "talk with us in [#element-ios:matrix.org](https://matrix.to/#/#element-ios:matrix.org)!",
                        "https://github.com/vector-im/element-ios",
                        "bad",
                        List.of(),
                        List.of())));
        String draft = render(catalog);
        assertTrue(draft.contains("\n## Dept of Clients 📱\n"), draft);
        assertTrue(
                draft.contains(
                        "\n### Element iOS ([website](https://github.com/vector-im/element-ios))\n\nSecure and independent "
                                + "communication for iOS, connected via Matrix. Come talk with us in "
                                + "[#element-ios:matrix.org](https://matrix.to/#/#element-ios:matrix.org)!\n"),
                draft);
    }

    private static List<Integer> indexesOf(List<String> lines, String value) {
        List<Integer> found = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) if (lines.get(i).equals(value)) found.add(i);
        return found;
    }
}
