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
import org.twimbot.app.DemoWeek;
import org.twimbot.app.ScriptedUser;
import org.twimbot.store.SettingsTable;
import org.twimbot.store.Store;

/** Edits, redactions, media and gaps over the dev homeserver with real HTTP. */
class LifecycleEndToEndTest {
    private static final Clock WEDNESDAY = Clock.fixed(Instant.parse("2026-11-25T10:00:00Z"), ZoneOffset.UTC);
    private static final Pattern IMAGE = Pattern.compile("> !\\[\\]\\(/blog/img/2026-11-27-[A-Za-z0-9]{5}-([^)]+)\\)");

    @TempDir
    Path dir;

    @Test
    void editsAndTheirRedactionsAndDeletedNews() throws Exception {
        try (BotHarness h = new BotHarness(dir, WEDNESDAY)) {
            h.startBot();
            String room = h.week.roomId();
            ScriptedUser alice = h.week.person("alice");
            String news = alice.say(room, "TWIM: version 1");
            alice.edit(room, news, "TWIM: version 2");
            Thread.sleep(5); // edits in one millisecond are ordered by event id (deterministic, not chronological)
            String second = alice.edit(room, news, "TWIM: version 3");
            String gone = h.week.person("bob").say(room, "TWIM: posted by mistake");
            h.week.person("bob").redact(room, gone);
            String draft = h.draft();
            assertTrue(draft.contains("> version 3") && !draft.contains("> version 2"), draft);
            assertFalse(draft.contains("posted by mistake"), draft);
            alice.redact(room, second);
            String after = h.draft();
            assertTrue(after.contains("> version 2") && !after.contains("> version 3"), after);
        }
    }

    @Test
    void picturesAttachByReplyThreadTimeWindowAndAttachCommand() throws Exception {
        try (BotHarness h = new BotHarness(dir, WEDNESDAY)) {
            h.startBot();
            String room = h.week.roomId();
            ScriptedUser erin = h.week.person("erin");
            byte[] png = DemoWeek.demoPicture();
            String news = erin.say(room, "TWIM: our release");
            erin.replyWithImage(room, news, png, "by-reply.png");
            erin.threadImage(room, news, png, "in-thread.png");
            erin.postImage(room, png, "by-window.png", null);
            erin.say(room, "that was all for today");
            String stray = erin.postImage(room, png, "needs-attach.png", null);
            h.week.editor().reply(room, stray, "!attach 1");
            String draft = h.draft();
            // sorted: pictures posted in the same millisecond (a script can) are ordered by event id, not posting order
            List<String> names =
                    IMAGE.matcher(draft).results().map(m -> m.group(1)).sorted().toList();
            assertEquals(List.of("by-reply.png", "by-window.png", "in-thread.png", "needs-attach.png"), names, draft);
        }
    }

    @Test
    void aFiveHundredEventGapIsBackFilledWithEverySubmissionAndReactionAppliedOnce() throws Exception {
        try (BotHarness h = new BotHarness(dir, WEDNESDAY)) {
            h.startBot();
            h.stopBot();
            String room = h.week.roomId();
            ScriptedUser[] people = {h.week.person("alice"), h.week.person("bob"), h.week.person("carol")};
            int submissions = 0;
            for (int i = 0; i < 500; ) {
                ScriptedUser who = people[i % 3];
                String id = who.say(room, "TWIM: gap news " + i);
                submissions++;
                h.week.editor().react(room, id, "🏢");
                who.say(room, "chatter " + i);
                who.say(room, "more chatter " + i);
                i += 4;
            }
            h.startBot();
            String draft = h.draft();
            int expected = submissions;
            long stored = h.store().read(tx -> tx.submissions().count());
            assertEquals(expected, stored);
            List<String> lines = Arrays.asList(draft.split("\n"));
            for (int i = 0; i < 500; i += 4) {
                String quote = "> gap news " + i;
                assertEquals(1, lines.stream().filter(quote::equals).count(), quote);
            }
            int servers = lines.indexOf("## Dept of Servers 🏢");
            assertTrue(
                    servers > 0 && lines.indexOf("## TODO UNKNOWN SECTION") < 0, "every item placed by its reaction");
            long placements = h.store().read(tx -> {
                long n = 0;
                for (var s : tx.submissions()
                        .ofEdition(tx.editions().open().orElseThrow().id()))
                    n += tx.placements().active(s.id()).size();
                return n;
            });
            assertEquals(expected, placements, "each reaction applied exactly once");
        }
    }

    @Test
    void aRejectedSyncPositionFallsBackToAFreshSyncAndBackFillsWithoutSkipping() throws Exception {
        try (BotHarness h = new BotHarness(dir, WEDNESDAY)) {
            h.startBot();
            String room = h.week.roomId();
            h.week.person("alice").say(room, "TWIM: before the restore");
            h.draft();
            h.stopBot();
            h.week.person("bob").say(room, "TWIM: while the server forgot us");
            try (Store store = Store.open(h.config.store().path())) {
                store.write(tx -> tx.settings().put(SettingsTable.SYNC_TOKEN, "a-token-the-server-never-issued"));
            }
            h.startBot();
            String draft = h.draft();
            assertEquals(1, count(draft, "> before the restore"), draft);
            assertEquals(1, count(draft, "> while the server forgot us"), draft);
        }
    }

    private static long count(String text, String line) {
        return Arrays.stream(text.split("\n")).filter(line::equals).count();
    }
}
