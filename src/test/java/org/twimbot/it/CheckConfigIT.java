package org.twimbot.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Issue 17, defect 3, on Synapse: {@code check-config} asks the homeserver whose token it is and whether the bot
 * is in its room (one ✘ line each, exit 2), and {@code run} refuses another user's token (exit 3) instead of
 * posting in their name. A token that fits passes once the bot has joined.
 */
@RequiresHomeserver
class CheckConfigIT {
    private static final int EXIT_CONFIG = 2;
    private static final int EXIT_AUTH = 3;

    @Test
    void wrongTokensAndARoomTheBotIsNotInAreCaughtAndRunRefusesAnotherUsersToken() throws Exception {
        Path dir = WorkDir.create("check-config");
        Newsroom room = Newsroom.create(dir, 1);
        MatrixUser alice = room.person(0);
        String config = room.writeConfig("").toString();

        CliProcess wrong = check(dir, "syt_this_is_not_a_token");
        assertEquals(EXIT_CONFIG, wrong.exit(), wrong.output());
        assertTrue(wrong.fails("access token"), wrong.output());
        assertFalse(wrong.output().contains("syt_this_is_not_a_token"), "the token is never printed");

        CliProcess others = check(dir, alice.accessToken);
        assertEquals(EXIT_CONFIG, others.exit(), others.output());
        assertTrue(others.fails("belongs to " + alice.userId), others.output());
        assertFalse(others.output().contains(alice.accessToken), others.output());

        CliProcess notIn = check(dir, room.bot.accessToken);
        assertEquals(EXIT_CONFIG, notIn.exit(), notIn.output());
        assertTrue(notIn.fails("neither joined nor invited"), notIn.output());

        room.bot.join(room.roomId);
        CliProcess fine = check(dir, room.bot.accessToken);
        assertEquals(0, fine.exit(), fine.output());
        assertTrue(!fine.marks().isEmpty() && fine.marks().stream().allMatch(l -> l.startsWith("✔")), fine.output());

        CliProcess run = CliProcess.run(dir, Map.of("TWIMBOT_ACCESS_TOKEN", alice.accessToken), "run", "-c", config);
        assertEquals(EXIT_AUTH, run.exit(), run.output());
        assertTrue(run.output().contains("belongs to " + alice.userId), run.output());
        assertFalse(run.output().contains("\tat "), "one line, no stack trace:\n" + run.output());
        assertTrue(
                alice.messages(room.roomId, 1_000).stream()
                        .noneMatch(e -> "m.reaction".equals(e.path("type").asText())
                                || alice.userId.equals(e.path("sender").asText())
                                        && "m.room.message"
                                                .equals(e.path("type").asText())),
                "nothing was posted in Alice's name");
    }

    private static CliProcess check(Path dir, String token) throws Exception {
        return CliProcess.run(
                dir,
                Map.of("TWIMBOT_ACCESS_TOKEN", token),
                "check-config",
                "-c",
                dir.resolve("config.yaml").toString());
    }
}
