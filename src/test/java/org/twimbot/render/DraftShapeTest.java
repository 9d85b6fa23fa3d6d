package org.twimbot.render;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.twimbot.render.Fixtures.*;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.twimbot.catalog.Catalog;
import org.twimbot.catalog.Project;
import org.twimbot.catalog.Section;

class DraftShapeTest {

    /** Items deliberately listed out of time order, covering every placement rule. */
    static List<DraftItem> week() {
        return List.of(
                item(
                        1,
                        "$servers-late",
                        "@ann:example.org",
                        "Ann",
                        5_000,
                        "servers, later",
                        List.of("servers"),
                        List.of()),
                item(2, "$conduit-1", "@timo:conduit.rs", "Timo", 3_000, "conduit news", List.of(), List.of("Conduit")),
                item(
                        3,
                        "$synapse-2",
                        "@dmr:matrix.org",
                        "dmr",
                        6_000,
                        "synapse, second",
                        List.of(),
                        List.of("Synapse")),
                item(4, "$synapse-1", "@dmr:matrix.org", "dmr", 2_000, "synapse, first", List.of(), List.of("Synapse")),
                item(
                        5,
                        "$servers-early",
                        "@bob:example.org",
                        "Bob",
                        1_000,
                        "servers, earlier",
                        List.of("servers"),
                        List.of()),
                item(6, "$spec-1", "@anoa:example.org", "anoa", 4_000, "spec news", List.of("spec"), List.of()),
                item(
                        7,
                        "$nheko-in-bots",
                        "@nico:example.org",
                        "Nico",
                        7_000,
                        "nheko, but filed under bots",
                        List.of("bots"),
                        List.of("Nheko")),
                item(8, "$nothing", "@new:example.org", "Newcomer", 8_000, "nobody placed me", List.of(), List.of()),
                item(9, "$unknown", "@odd:example.org", "Odd", 500, "unknown keys", List.of("nope"), List.of("Nope")),
                item(
                        10,
                        "$lost",
                        "@lost:example.org",
                        "Lost",
                        9_000,
                        "project without a known section",
                        List.of(),
                        List.of("Lost")));
    }

    private static String by(String name, String id, String eventId) {
        return "[" + name + "](https://matrix.to/#/" + id + ") " + expectedVerb(eventId);
    }

    @Test
    void wholeDraftHasTheExpectedShapeLineByLine() {
        List<String> expected = List.of(
                "+++",
                "title = \"This Week in Matrix 2022-10-28\"",
                "date = \"2022-10-28T19:07:25Z\"",
                "path = \"/blog/2022/10/28/this-week-in-matrix-2022-10-28\"",
                "",
                "[taxonomies]",
                "author = [\"Thib\"]",
                "category = [\"This Week in Matrix\"]",
                "+++",
                "",
                "## Matrix Live",
                "",
                "## Dept of Spec 📜",
                "",
                by("anoa", "@anoa:example.org", "$spec-1"),
                "",
                "> spec news",
                "",
                "## Dept of Servers 🏢",
                "",
                by("Bob", "@bob:example.org", "$servers-early"),
                "",
                "> servers, earlier",
                "",
                by("Ann", "@ann:example.org", "$servers-late"),
                "",
                "> servers, later",
                "",
                "### Synapse ([website](https://github.com/matrix-org/synapse/))",
                "",
                "Synapse is a Matrix homeserver implementation developed by the matrix.org core team",
                "",
                by("dmr", "@dmr:matrix.org", "$synapse-1"),
                "",
                "> synapse, first",
                "",
                by("dmr", "@dmr:matrix.org", "$synapse-2"),
                "",
                "> synapse, second",
                "",
                "### Conduit ([website](https://conduit.rs))",
                "",
                "Conduit is a simple, fast and reliable chat server powered by Matrix",
                "",
                by("Timo", "@timo:conduit.rs", "$conduit-1"),
                "",
                "> conduit news",
                "",
                "## Dept of Bots 🤖",
                "",
                "### Nheko",
                "",
                "Desktop client for Matrix using Qt and C++17.",
                "",
                by("Nico", "@nico:example.org", "$nheko-in-bots"),
                "",
                "> nheko, but filed under bots",
                "",
                "## TODO UNKNOWN SECTION",
                "",
                by("Odd", "@odd:example.org", "$unknown"),
                "",
                "> unknown keys",
                "",
                by("Newcomer", "@new:example.org", "$nothing"),
                "",
                "> nobody placed me",
                "",
                by("Lost", "@lost:example.org", "$lost"),
                "",
                "> project without a known section",
                "",
                "## That's all I know",
                "",
                "See you next week, and be sure to stop by [#twim:matrix.org](https://matrix.to/#/#twim:matrix.org) with your updates!");
        String draft = render(week());
        assertTrue(draft.endsWith("updates!\n") && !draft.endsWith("\n\n"), "ends with exactly one newline");
        assertEquals(expected, List.of(draft.substring(0, draft.length() - 1).split("\n", -1)));
    }

    @Test
    void sameDataRendersByteIdenticallyWhateverTheInputOrder() {
        String first = render(week());
        assertEquals(first, render(week()));
        for (long seed = 1; seed <= 5; seed++) {
            List<DraftItem> shuffled = new ArrayList<>(week());
            Collections.shuffle(shuffled, new Random(seed));
            assertEquals(first, render(shuffled), "shuffle seed " + seed);
        }
    }

    @Test
    void itemInTwoSectionsAndProjectWithSectionOverrideAppearsInEach() {
        String draft = render(List.of(
                item(1, "$both", "@a:example.org", "A", 1_000, "twice", List.of("spec", "clients"), List.of())));
        assertEquals(2, draft.split("> twice", -1).length - 1);
        assertTrue(draft.indexOf("## Dept of Spec") < draft.indexOf("## Dept of Clients"));
        assertTrue(!draft.contains("TODO UNKNOWN SECTION"));
    }

    @Test
    void sectionWithoutEmojiAndProjectWithoutWebsiteOrDescriptionHaveBareHeadings() {
        Catalog catalog = new Catalog(
                List.of(new Section("ping", "", "Dept of Ping", 1, List.of())),
                List.of(new Project("meetup", "Matrix User Meetup Berlin", "", "", "ping", List.of(), List.of())));
        String draft = new DraftRenderer(config())
                .render(
                        request(List.of(item(
                                1,
                                "$m",
                                "@saces:c-base.org",
                                "saces",
                                1,
                                "Next Matrix user meetup",
                                List.of(),
                                List.of("meetup")))),
                        catalog);
        assertTrue(
                draft.contains(
                        "\n## Dept of Ping\n\n### Matrix User Meetup Berlin\n\n[saces](https://matrix.to/#/@saces:c-base.org) "),
                draft);
    }

    private static String live(String url) {
        return new DraftRenderer(config())
                .render(new DraftRequest(EDITION, GENERATED, "Thib", url, List.of()), catalog());
    }

    @Test
    void youtubeLiveUrlBecomesTheSameEmbedAsThePublishedPost() {
        // line 13 of shared/reference/posts/2022-10-28-this-week-in-matrix.md
        String embed =
                "<iframe src=\"https://www.youtube.com/embed/oLTOh9Wpec4\" title=\"YouTube video player\" frameborder=\"0\" "
                        + "allow=\"accelerometer; autoplay; clipboard-write; encrypted-media; gyroscope; picture-in-picture\" allowfullscreen></iframe>";
        for (String url : List.of(
                "https://www.youtube.com/watch?v=oLTOh9Wpec4",
                "https://youtu.be/oLTOh9Wpec4",
                "https://www.youtube.com/watch?app=desktop&v=oLTOh9Wpec4&t=5")) {
            assertTrue(live(url).contains("## Matrix Live\n\n" + embed + "\n\n## That's all I know\n"), url);
        }
    }

    @Test
    void otherLiveUrlsAreLinkedAndTextIsEscaped() {
        assertTrue(live("https://peertube.example/w/abc")
                .contains("## Matrix Live\n\n<https://peertube.example/w/abc>\n\n"));
        String text = live("<script>x</script> {{ youtube(id=1) }}");
        assertTrue(text.contains("\n&lt;script\\>x&lt;/script\\> &#123;{ youtube(id=1) }}\n"), text);
    }

    @Test
    void frontMatterEscapesTheAuthorAndLinkLabelsEscapeNames() {
        DraftRequest req = new DraftRequest(
                EDITION,
                GENERATED,
                "Evil \"\\\" ]\nname = \"x",
                "",
                List.of(item(
                        1,
                        "$e",
                        "@m:example.org",
                        "Mallory [x](https://evil)\n## hi",
                        1,
                        "news",
                        List.of("spec"),
                        List.of())));
        String draft = new DraftRenderer(config()).render(req, catalog());
        assertTrue(draft.contains("author = [\"Evil \\\"\\\\\\\" ] name = \\\"x\"]\n"), draft);
        assertTrue(draft.contains("[Mallory \\[x\\](https://evil) ## hi](https://matrix.to/#/@m:example.org) "), draft);
        assertEquals(2, draft.lines().filter(l -> l.equals("+++")).count());
    }
}
