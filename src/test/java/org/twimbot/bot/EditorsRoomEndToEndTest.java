package org.twimbot.bot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.twimbot.app.DemoWeek;
import org.twimbot.app.ScriptedUser;
import org.twimbot.matrix.RoomEvent;

/**
 * With a separate editors room, the public submissions room never sees what only editors may read: commands
 * typed there are not run (a polite redirect at most once a minute), reply-commands on a submission still curate
 * but answer in the editors room, and non-editors are refused. Judged by what the homeserver holds for the public room.
 */
class EditorsRoomEndToEndTest {
    @TempDir
    Path dir;

    @Test
    void commandsInThePublicRoomLeakNothingAndReplyCommandsAnswerInTheEditorsRoom() throws Exception {
        try (TwoRoomBot bot = new TwoRoomBot(dir, null)) {
            DemoWeek week = bot.week;
            ScriptedUser editor = week.editor();
            bot.start();
            String news = week.person("alice")
                    .say(bot.submissions, "TWIM: Synapse 1.70 ships the unreleased-feature-x preview");
            String other = week.person("bob").say(bot.submissions, "TWIM: Nheko 0.12 brings threads and polls");
            assertTrue(bot.status().contains("#2"), "both items are stored");

            editor.say(bot.submissions, "!status");
            editor.say(bot.submissions, "!draft");
            editor.say(bot.submissions, "!bundle");
            editor.say(bot.submissions, "!projects");
            editor.reply(bot.submissions, other, "!reject");
            week.person("alice").say(bot.submissions, "!status");
            week.person("alice").reply(bot.submissions, news, "!reject");
            editor.await(
                            bot.editors,
                            e -> bot.fromBot(e) && e.body().startsWith("#2 rejected by Thib"),
                            Duration.ofSeconds(60))
                    .orElseThrow(() -> new AssertionError("the editor's !reject reply did not curate"));
            String status = bot.status(); // everything above has been applied and answered by now
            assertTrue(status.contains("#1") && status.contains("unreleased-feature-x"), status);

            List<RoomEvent> pub = bot.botEventsIn(bot.submissions);
            for (RoomEvent e : pub) {
                String body = e.body() == null ? "" : e.body();
                assertTrue(!"m.file".equals(e.msgtype()), "a file was posted in the public room: " + body);
                assertTrue(
                        !body.contains("unreleased-feature-x")
                                && !body.contains("Nheko")
                                && !body.startsWith("Edition ")
                                && !body.startsWith("Draft for")
                                && !body.contains("#2 rejected"),
                        "leaked to the public room: " + body);
            }
            List<String> notices =
                    pub.stream().filter(bot::fromBot).map(RoomEvent::body).toList();
            assertEquals(
                    1,
                    notices.stream()
                            .filter(b -> b.contains("Thib") && b.contains("editors room"))
                            .count(),
                    "one redirect for the editor, whatever the number of commands: " + notices);
            assertEquals(
                    1,
                    notices.stream()
                            .filter(b -> b.contains("Alice") && b.contains("only editors"))
                            .count(),
                    "one refusal for the non-editor: " + notices);
            assertTrue(rejectedItems(bot) == 1, "alice's !reject did nothing, the editor's rejected #2");
            assertTrue(bot.alive());
        }
    }

    @Test
    void anAuthorMaySubmitHerOwnMessageWithTwimInThePublicRoom() throws Exception {
        try (TwoRoomBot bot = new TwoRoomBot(dir, null)) {
            DemoWeek week = bot.week;
            bot.start();
            ScriptedUser alice = week.person("alice");
            String line = alice.say(bot.submissions, "We released Fractal 5 with a new media viewer");
            alice.reply(bot.submissions, line, "!twim");
            assertTrue(bot.status().contains("Fractal 5"), "her own !twim reply submitted the message");
        }
    }

    @Test
    void nonEditorCommandsInTheEditorsRoomAreRefusedAndChangeNothing() throws Exception {
        try (TwoRoomBot bot = new TwoRoomBot(dir, null)) {
            DemoWeek week = bot.week;
            ScriptedUser dave = week.person("dave");
            dave.join(bot.editors);
            bot.start();
            week.person("alice").say(bot.submissions, "TWIM: Synapse 1.70 is out with faster joins");
            assertTrue(bot.status().contains("#1"));
            dave.say(bot.editors, "!reject 1");
            dave.say(bot.editors, "!status");
            dave.await(bot.editors, e -> bot.fromBot(e) && e.body().contains("only editors"), Duration.ofSeconds(60))
                    .orElseThrow(() -> new AssertionError("dave was not refused"));
            bot.status();
            assertEquals(0, rejectedItems(bot));
            long answersToDave = bot.botEventsIn(bot.editors).stream()
                    .filter(e -> e.body() != null && e.body().startsWith("Edition "))
                    .count();
            assertEquals(2, answersToDave, "only the editor's two !status got an answer");
        }
    }

    private static long rejectedItems(TwoRoomBot bot) {
        return bot
                .store()
                .read(tx -> tx.submissions()
                        .ofEdition(tx.editions().open().orElseThrow().id()))
                .stream()
                .filter(s -> s.rejected())
                .count();
    }
}
