package org.twimbot.bot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The bot in run mode against the dev homeserver over real HTTP, from news to uploaded draft. */
class BotEndToEndTest {
    /** Wednesday 2026-11-25 10:00 UTC: the open edition is Friday 2026-11-27. */
    private static final Clock WEDNESDAY = Clock.fixed(Instant.parse("2026-11-25T10:00:00Z"), ZoneOffset.UTC);

    @TempDir
    Path dir;

    @Test
    void newsSortedByAnEditorComesBackAsTheUploadedDraft() throws Exception {
        try (BotHarness h = new BotHarness(dir, WEDNESDAY)) {
            h.startBot();
            String room = h.week.roomId();
            String synapse = h.week.person("alice").say(room, "TWIM: Synapse 1.70 is out!\n\nUpgrade soon.");
            String spec = h.week.person("carol")
                    .sayHtml(room, "TWIM: the **spec** moved", "TWIM: the <strong>spec</strong> moved");
            String loose = h.week.person("dave").say(room, "TWIM: nobody sorted this");
            h.week.person("bob").say(room, "just chatting, not news");
            h.week.person("frank").react(room, spec, "🏢"); // a non-editor: must change nothing
            h.week.editor().react(room, synapse, "Synapse");
            h.week.editor().react(room, spec, "📜");
            assertFalse(loose.isEmpty());

            List<String> lines = Arrays.asList(h.draft().split("\n", -1));
            String says = "(says|reports|announces)";
            expectLines(
                    lines,
                    "\\+\\+\\+",
                    "title = \"This Week in Matrix 2026-11-27\"",
                    "date = \"2026-11-25T10:00:00Z\"",
                    "path = \"/blog/2026/11/27/this-week-in-matrix-2026-11-27\"",
                    "",
                    "\\[taxonomies\\]",
                    "author = \\[\"Thib\"\\]",
                    "category = \\[\"This Week in Matrix\"\\]",
                    "\\+\\+\\+");
            int specHeading = lines.indexOf("## Dept of Spec 📜");
            int servers = lines.indexOf("## Dept of Servers 🏢");
            int todo = lines.indexOf("## TODO UNKNOWN SECTION");
            assertTrue(specHeading > 0 && servers > specHeading && todo > servers, String.join("\n", lines));
            assertTrue(
                    Pattern.matches(
                            "\\[Carol\\]\\(https://matrix.to/#/@carol:localhost\\) " + says,
                            lines.get(specHeading + 2)),
                    lines.get(specHeading + 2));
            assertEquals("> the **spec** moved", lines.get(specHeading + 4));
            assertTrue(lines.get(servers + 2).startsWith("### Synapse ([website](https://"), lines.get(servers + 2));
            int alice = indexMatching(lines, "\\[Alice\\]\\(https://matrix.to/#/@alice:localhost\\) " + says);
            assertTrue(alice > servers && alice < todo);
            assertEquals(
                    List.of("> Synapse 1.70 is out!", ">", "> Upgrade soon."), lines.subList(alice + 2, alice + 5));
            int dave = indexMatching(lines, "\\[Dave\\]\\(https://matrix.to/#/@dave:localhost\\) " + says);
            assertTrue(dave > todo);
            assertEquals("> nobody sorted this", lines.get(dave + 2));
            assertFalse(lines.contains("> just chatting, not news"));
            assertEquals(
                    1,
                    lines.stream().filter(l -> l.contains("the **spec** moved")).count(),
                    "the non-editor's section reaction must not place the item a second time");
        }
    }

    @Test
    void newsPostedWhileTheBotIsDownIsInTheNextDraftOnce() throws Exception {
        try (BotHarness h = new BotHarness(dir, WEDNESDAY)) {
            h.startBot();
            String room = h.week.roomId();
            h.week.person("alice").say(room, "TWIM: before the outage");
            String first = h.draft();
            assertTrue(first.contains("> before the outage"));
            h.stopBot();

            h.week.person("bob").say(room, "TWIM: while the bot was down");
            for (int i = 0; i < 150; i++)
                h.week.person("erin").say(room, "chatter " + i); // more than one sync timeline
            h.week.person("carol").say(room, "TWIM: right before the restart");

            h.startBot();
            String second = h.draft();
            assertEquals(1, count(second, "> before the outage"), second);
            assertEquals(1, count(second, "> while the bot was down"), second);
            assertEquals(1, count(second, "> right before the restart"), second);
            long stored = h.store().read(tx -> tx.submissions().count());
            assertEquals(3L, stored);
        }
    }

    private static void expectLines(List<String> lines, String... patterns) {
        for (int i = 0; i < patterns.length; i++) {
            assertTrue(Pattern.matches(patterns[i], lines.get(i)), "line " + (i + 1) + ": " + lines.get(i));
        }
    }

    private static int indexMatching(List<String> lines, String regex) {
        for (int i = 0; i < lines.size(); i++) if (Pattern.matches(regex, lines.get(i))) return i;
        throw new AssertionError("no line matches " + regex + " in\n" + String.join("\n", lines));
    }

    private static long count(String text, String line) {
        return Arrays.stream(text.split("\n")).filter(line::equals).count();
    }
}
