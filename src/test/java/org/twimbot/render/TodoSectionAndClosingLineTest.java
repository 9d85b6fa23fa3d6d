package org.twimbot.render;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.twimbot.render.Fixtures.EDITION;
import static org.twimbot.render.Fixtures.GENERATED;
import static org.twimbot.render.Fixtures.item;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.twimbot.catalog.Catalog;
import org.twimbot.config.BotConfig;
import org.twimbot.config.ConfigLoader;

/**
 * TWIM's catalog has hebbot's own "TODO UNKNOWN SECTION" (key todo, ✅): news filed there joins the
 * unplaced news under one heading, the final one. And the closing line honours an empty submissions room link.
 */
class TodoSectionAndClosingLineTest {
    /** The embedded TWIM catalog and render settings, as a config without sections gets them. */
    private static BotConfig twimConfig(String extraYaml) throws Exception {
        return ConfigLoader.parse("""
                homeserver: {url: "https://matrix.example.org", user_id: "@bot:example.org", password: pw}
                rooms: {submissions: "#news:example.org"}
                editors: {users: ["@ed:example.org"]}
                """ + extraYaml, Path.of("/srv"), Map.of());
    }

    private static List<DraftItem> week() {
        return List.of(
                item(1, "$placed", "@a:example.org", "Ann", 1_000, "synapse news", List.of(), List.of("Synapse")),
                item(2, "$todo", "@b:example.org", "Bob", 2_000, "filed under todo with ✅", List.of("todo"), List.of()),
                item(3, "$nobody", "@c:example.org", "Cat", 3_000, "nobody placed me", List.of(), List.of()));
    }

    private static String render(BotConfig config, List<DraftItem> items) {
        return new DraftRenderer(config.render())
                .render(new DraftRequest(EDITION, GENERATED, "Thib", "", items), config.catalog());
    }

    @Test
    void withTwimsCatalogNewsFiledInItsTodoSectionJoinsTheUnplacedUnderOneFinalHeading() throws Exception {
        String draft = render(twimConfig(""), week());
        assertEquals(1, draft.split("## TODO UNKNOWN SECTION", -1).length - 1, draft);
        int heading = draft.indexOf("## TODO UNKNOWN SECTION");
        int next = draft.indexOf("\n## ", heading + 1);
        String todo = draft.substring(heading, next);
        assertTrue(todo.contains("filed under todo") && todo.contains("nobody placed me"), todo);
        assertTrue(draft.indexOf("synapse news") > 0
                && draft.indexOf("synapse news") < heading
                && !todo.contains("synapse news"));
        assertTrue(
                todo.contains("filed under todo")
                        && todo.indexOf("filed under todo") < todo.indexOf("nobody placed me"),
                "in time order");
        assertTrue(draft.substring(next).startsWith("\n## That's all I know"), "the final heading");
    }

    @Test
    void withoutSuchASectionUnplacedNewsGetsTheFinalHeadingAsBefore() {
        Catalog small = Fixtures.catalog();
        String draft = new DraftRenderer(Fixtures.config())
                .render(
                        new DraftRequest(
                                EDITION,
                                GENERATED,
                                "Thib",
                                "",
                                List.of(item(
                                        1,
                                        "$nobody",
                                        "@c:example.org",
                                        "Cat",
                                        3_000,
                                        "nobody placed me",
                                        List.of(),
                                        List.of()))),
                        small);
        assertEquals(1, draft.split("## TODO UNKNOWN SECTION", -1).length - 1);
        assertTrue(draft.indexOf("## TODO UNKNOWN SECTION") < draft.indexOf("## That's all I know"));
    }

    @Test
    void anEmptySubmissionsRoomLinkMeansNoLinkAndTheClosingLineStillReads() throws Exception {
        String draft = render(twimConfig("render: {submissions_room_link: \"\"}\n"), week());
        assertFalse(draft.contains("#twim:matrix.org"), "no hard-coded room");
        assertFalse(draft.contains("matrix.to/#/#"), "no room link at all");
        String closing = draft.substring(draft.indexOf("## That's all I know"));
        assertEquals("## That's all I know\n\nSee you next week, and be sure to send us your updates!\n", closing);
    }

    @Test
    void theLinkDefaultsToTheConfiguredSubmissionsRoomsAlias() throws Exception {
        String draft = render(twimConfig(""), week());
        assertTrue(
                draft.endsWith("be sure to stop by [#news:example.org](https://matrix.to/#/#news:example.org) "
                        + "with your updates!\n"),
                draft.substring(draft.length() - 150));
    }
}
