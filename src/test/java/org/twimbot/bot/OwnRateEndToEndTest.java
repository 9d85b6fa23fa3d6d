package org.twimbot.bot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.twimbot.app.ScriptedUser;

/**
 * An editor's client gone wild: 200 commands the bot cannot run, with a {@code !status} in the middle
 * and one at the end. The room gets at most six notices about the mistakes (five hints and one
 * "slowing down"), and both valid commands are answered.
 */
class OwnRateEndToEndTest {
    private static final Clock WEDNESDAY = Clock.fixed(Instant.parse("2026-11-25T10:00:00Z"), ZoneOffset.UTC);

    @TempDir
    Path dir;

    @Test
    void aFloodOfBadCommandsGetsSixNoticesAndValidCommandsAreStillAnswered() throws Exception {
        try (BotHarness h = new BotHarness(dir, WEDNESDAY)) {
            h.startBot();
            String room = h.week.roomId();
            ScriptedUser editor = h.week.editor();
            h.week.person("alice").say(room, "TWIM: Synapse 1.70 is out with faster joins");
            editor.catchUp();
            for (int i = 0; i < 200; i++) {
                editor.say(room, i % 2 == 0 ? "!frobnicate" : "!assign 999 Synapse");
                if (i == 100) editor.say(room, "!status");
            }
            editor.say(room, "!status");

            // the outbox is sent in order, so once the second status answer is in, everything before it is too
            List<String> notices = new ArrayList<>();
            int[] statusAnswers = {0};
            editor.await(
                            room,
                            e -> {
                                if (!h.week.botUserId().equals(e.sender()) || !"m.notice".equals(e.msgtype()))
                                    return false;
                                notices.add(e.body());
                                if (e.body().startsWith("Edition ")) statusAnswers[0]++;
                                return statusAnswers[0] == 2;
                            },
                            Duration.ofSeconds(60))
                    .orElseThrow(() -> new AssertionError("no second status answer; notices: " + notices));

            List<String> aboutMistakes =
                    notices.stream().filter(b -> !b.startsWith("Edition ")).toList();
            assertTrue(aboutMistakes.size() <= 6, "at most six notices about 200 mistakes: " + aboutMistakes);
            assertEquals(
                    5,
                    aboutMistakes.stream()
                            .filter(b -> b.startsWith("Unknown command") || b.startsWith("There is no item"))
                            .count(),
                    aboutMistakes.toString());
            assertEquals(
                    1,
                    aboutMistakes.stream()
                            .filter(b -> b.startsWith("Slowing down"))
                            .count(),
                    aboutMistakes.toString());
            List<String> statuses =
                    notices.stream().filter(b -> b.startsWith("Edition ")).toList();
            assertEquals(2, statuses.size());
            assertTrue(
                    statuses.get(0).contains("Synapse 1.70"),
                    "the status in the middle of the flood is a real answer: " + statuses.get(0));
        }
    }
}
