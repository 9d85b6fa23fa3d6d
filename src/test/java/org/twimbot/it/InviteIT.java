package org.twimbot.it;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * README says: start the bot, then invite it. On Synapse the bot started before its invite waits (and says so)
 * instead of exiting on M_FORBIDDEN, joins when invited, and takes everything posted from its join on as news.
 */
@RequiresHomeserver
class InviteIT {
    @Test
    void aBotStartedBeforeItsInviteWaitsJoinsAndMissesNothingAfterItsJoin() throws Exception {
        Path dir = WorkDir.create("invite");
        Newsroom room = Newsroom.create(dir, 1);
        String privateRoom = room.editor.createPrivateRoom(Homeserver.unique("editors"));
        try (BotProcess bot = room.botWithPassword("""
                rooms:
                  editors: "%s"
                """.formatted(privateRoom)).start()) {
            bot.awaitLog("waiting for an invite", Newsroom.WAIT);
            assertTrue(bot.alive(), "waiting, not ended");
            String before = room.person(0).text(room.roomId, "TWIM: news while the bot waits for its invite");
            room.editor.invite(privateRoom, room.bot.userId);
            bot.awaitLog("invited to " + privateRoom + " at last", Newsroom.WAIT);
            // from the join on (here: the public room's, long before the first sync) nothing is lost
            String after = room.person(0).text(room.roomId, "TWIM: news right after the invite");
            room.awaitAcks(List.of(before, after));
            // asked once both are stored: within one first batch the editors room is applied before the other room
            String command = room.editor.text(privateRoom, "!status");
            String status = Eventually.await(
                            "the bot answers in the editors room",
                            Newsroom.WAIT,
                            () -> room.editor.messages(privateRoom, 1_000).stream()
                                    .filter(e -> room.bot.userId.equals(
                                                    e.path("sender").asText())
                                            && e.path("content")
                                                    .path("body")
                                                    .asText()
                                                    .contains("#2"))
                                    .findFirst()
                                    .orElse(null))
                    .path("content")
                    .path("body")
                    .asText();
            assertTrue(status.contains("while the bot waits") && status.contains("right after the invite"), status);
            assertTrue(command.startsWith("$"));
        }
    }
}
