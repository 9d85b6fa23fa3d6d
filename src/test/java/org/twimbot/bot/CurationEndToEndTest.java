package org.twimbot.bot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Editors' curation with real events over the dev homeserver, with the embedded TWIM catalog. */
class CurationEndToEndTest {
    private static final Clock WEDNESDAY = Clock.fixed(Instant.parse("2026-11-25T10:00:00Z"), ZoneOffset.UTC);

    @TempDir
    Path dir;

    @Test
    void onlyEditorsCurateAndRedactingTheirReactionUndoesIt() throws Exception {
        try (BotHarness h = new BotHarness(dir, WEDNESDAY)) {
            h.startBot();
            String room = h.week.roomId();
            String news = h.week.person("alice").say(room, "TWIM: our community call moved to Tuesdays");
            h.week.person("frank").react(room, news, "🏢");
            assertTrue(line(h.status(), 1).contains(" — unassigned — "), "a non-editor's reaction changes nothing");

            String reaction = h.week.editor().react(room, news, "Synapse");
            assertTrue(line(h.status(), 1).contains(" — Synapse — "));
            h.week.editor().redact(room, reaction);
            assertTrue(line(h.status(), 1).contains(" — unassigned — "), "redacting the reaction moves the item back");
        }
    }

    @Test
    void aSuggestionIsOfferedAndAClickConfirmsIt() throws Exception {
        try (BotHarness h = new BotHarness(dir, WEDNESDAY)) {
            h.startBot();
            String room = h.week.roomId();
            h.week.editor().catchUp();
            String news = h.week.person("alice").say(room, "TWIM: Synapse 1.70 is out with faster joins");
            boolean suggested = h.week.editor()
                    .await(
                            room,
                            e -> h.week.botUserId().equals(e.sender())
                                    && "m.reaction".equals(e.type())
                                    && news.equals(e.relatesTo())
                                    && "Synapse ?".equals(e.relationKey()),
                            Duration.ofSeconds(30))
                    .isPresent();
            assertTrue(suggested, "the bot reacts \"Synapse ?\"");
            assertTrue(
                    line(h.status(), 1).contains(" — suggested Synapse — "),
                    "a sole suggestion places the item provisionally");
            h.week.editor().react(room, news, "Synapse ?"); // the editor clicks the bot's reaction
            assertTrue(line(h.status(), 1).contains(" — Synapse — "), "the click confirms it");
        }
    }

    /** The !draft notice lists the bot's guesses apart; a proposed project is created and filed with one reaction. */
    @Test
    void theBotsGuessesAreListedApartAndAProposalBecomesAProjectWithOneReaction() throws Exception {
        try (BotHarness h = new BotHarness(dir, WEDNESDAY)) {
            h.startBot();
            String room = h.week.roomId();
            h.week.editor().catchUp();
            h.week.person("alice").say(room, "TWIM: Synapse 1.70 is out with faster joins");
            String news = h.week.person("bob")
                    .say(
                            room,
                            "TWIM: We wrote a bridge called Chatrix: the bridge connects WordPress"
                                    + " comments to rooms. Code at https://github.com/example/chatrix");
            boolean proposed = h.week.editor()
                    .await(
                            room,
                            e -> h.week.botUserId().equals(e.sender())
                                    && "m.reaction".equals(e.type())
                                    && news.equals(e.relatesTo())
                                    && "🆕 Chatrix ?".equals(e.relationKey()),
                            Duration.ofSeconds(30))
                    .isPresent();
            assertTrue(proposed, "the bot proposes the new project by a reaction");
            String notice = h.command("!draft", body -> body.startsWith("Draft for"));
            assertTrue(
                    notice.contains("2 placed by the bot, not yet confirmed: #1 → Synapse, #2 → Dept of Bridges 🌉"),
                    notice);
            assertTrue(line(h.status(), 2).contains("proposed new project: Chatrix (react 🆕 Chatrix ?)"), h.status());
            h.week.editor().react(room, news, "🆕 Chatrix ?"); // the editor clicks the bot's reaction
            assertTrue(
                    line(h.status(), 2).contains(" — Chatrix — "), "the click creates the project and files the news");
            List<String> lines = Arrays.asList(h.draft().split("\n"));
            assertTrue(
                    lines.contains("### Chatrix ([website](https://github.com/example/chatrix))"),
                    String.join("\n", lines));
            assertUnder(
                    lines,
                    "## Dept of Bridges 🌉",
                    "### Chatrix",
                    "> We wrote a bridge called Chatrix: the bridge connects WordPress"
                            + " comments to rooms. Code at https://github.com/example/chatrix");
        }
    }

    @Test
    void assignByNumberAndPublishReopen() throws Exception {
        try (BotHarness h = new BotHarness(dir, WEDNESDAY)) {
            h.startBot();
            String room = h.week.roomId();
            h.week.person("alice").say(room, "TWIM: first item of the week");
            h.week.person("bob").say(room, "TWIM: second item of the week");
            h.week.person("carol").say(room, "TWIM: third item, about a homeserver release");
            String answer = h.command("!assign 3 Synapse", body -> body.startsWith("#3"));
            assertTrue(answer.startsWith("#3 → project Synapse"), answer);
            String draft = h.draft();
            List<String> lines = Arrays.asList(draft.split("\n"));
            int synapse = indexStarting(lines, "### Synapse");
            assertEquals("> third item, about a homeserver release", lines.get(indexStarting(lines, "[Carol]") + 2));
            assertTrue(indexStarting(lines, "[Carol]") > synapse);

            String published = h.command("!publish", body -> body.startsWith("Edition 2026-11-27 published"));
            assertTrue(published.contains("with 3 items") && published.contains("2026-12-04"), published);
            String empty = h.draft();
            assertFalse(empty.contains("> first item of the week"), empty);
            assertTrue(empty.contains("title = \"This Week in Matrix 2026-12-04\""), empty);

            h.command("!reopen", body -> body.startsWith("Edition 2026-11-27 reopened"));
            String back = h.draft();
            assertTrue(
                    back.contains("> first item of the week")
                            && back.contains("> third item, about a homeserver release"),
                    back);
            assertTrue(back.contains("title = \"This Week in Matrix 2026-11-27\""));
        }
    }

    @Test
    void newsNamingKnownProjectsLandsUnderThemWithoutAnyEditorAction() throws Exception {
        try (BotHarness h = new BotHarness(dir, WEDNESDAY)) {
            h.startBot();
            String room = h.week.roomId();
            h.week.person("alice").say(room, "TWIM: Synapse 1.70 is out and makes room joins faster.");
            h.week.person("bob").say(room, "TWIM: Nheko now supports polls and voice messages.");
            h.week.person("carol").say(room, "TWIM: Fractal 5 has a fresh look and better notifications.");
            h.week.person("dave").say(room, "TWIM: maubot 0.5 is released with a web UI for plugins.");
            h.week.person("erin").say(room, "TWIM: Trixnity 4.0 now runs on iOS as well.");
            List<String> lines = Arrays.asList(h.draft().split("\n"));
            assertUnder(
                    lines,
                    "## Dept of Servers 🏢",
                    "### Synapse",
                    "> Synapse 1.70 is out and makes room joins faster.");
            assertUnder(lines, "## Dept of Clients 📱", "### Nheko", "> Nheko now supports polls and voice messages.");
            assertUnder(
                    lines,
                    "## Dept of Clients 📱",
                    "### Fractal",
                    "> Fractal 5 has a fresh look and better notifications.");
            assertUnder(
                    lines, "## Dept of Bots 🤖", "### maubot", "> maubot 0.5 is released with a web UI for plugins.");
            assertUnder(
                    lines,
                    "## Dept of SDKs and Frameworks 🧰",
                    "### Trixnity",
                    "> Trixnity 4.0 now runs on iOS as well.");
            assertEquals(-1, lines.indexOf("## TODO UNKNOWN SECTION"), "nothing is left unassigned");
        }
    }

    /** The quote sits after the project heading, which sits after the section heading, with no other section between. */
    private static void assertUnder(List<String> lines, String section, String projectPrefix, String quote) {
        int s = lines.indexOf(section);
        int q = lines.indexOf(quote);
        assertTrue(s >= 0 && q > s, section + " / " + quote + " in\n" + String.join("\n", lines));
        int p = -1;
        for (int i = q; i > s; i--) {
            if (lines.get(i).startsWith("## ")) throw new AssertionError(quote + " is not in " + section);
            if (lines.get(i).startsWith("### ")) {
                p = i;
                break;
            }
        }
        assertTrue(
                p > 0 && lines.get(p).startsWith(projectPrefix),
                quote + " is under " + (p > 0 ? lines.get(p) : "no project"));
    }

    private static int indexStarting(List<String> lines, String prefix) {
        for (int i = 0; i < lines.size(); i++) if (lines.get(i).startsWith(prefix)) return i;
        throw new AssertionError("no line starts with " + prefix);
    }

    /** The status line of item #n. */
    private static String line(String status, int n) {
        return Arrays.stream(status.split("\n"))
                .filter(l -> l.startsWith("#" + n + " "))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no #" + n + " in " + status));
    }
}
