package org.twimbot.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Issue 17, defects 8 and 9, on Synapse: the bot says in the editors room that it started, once (not again
 * after a restart within a minute); and its notices name people by display name, with a pill and m.mentions
 * where it addresses someone, without pinging anyone in a status list.
 */
@RequiresHomeserver
class NoticesIT {
    private static boolean isStartNotice(Newsroom room, JsonNode e) {
        String body = e.path("content").path("body").asText();
        return room.bot.userId.equals(e.path("sender").asText())
                && body.startsWith("twimbot ")
                && body.contains(" started; ");
    }

    @Test
    void oneStartNoticeAndNoneAfterARestartWithinAMinute() throws Exception {
        Path dir = WorkDir.create("start-notice");
        Newsroom room = Newsroom.create(dir, 1);
        String news = room.person(0).text(room.roomId, "TWIM: posted before the bot's first start");
        try (BotProcess bot = room.botWithToken("").start()) {
            JsonNode notice = room.awaitBotMessage(news, "the start notice", e -> isStartNotice(room, e));
            String body = notice.path("content").path("body").asText();
            assertEquals("m.notice", notice.path("content").path("msgtype").asText());
            assertTrue(
                    body.matches(
                            "twimbot \\S+ started; (no open edition yet|edition \\d{4}-\\d\\d-\\d\\d is open with \\d+ items?)"
                                    + "; (no config warnings|config warnings: .+)\\."),
                    body);

            assertEquals(0, bot.stop());
            bot.start(); // a command sent while it starts is answered once it has synced
            String status = room.editor.text(room.roomId, "!status");
            room.awaitNotice(status, "Edition ");
            List<JsonNode> starts =
                    room.timeline().stream().filter(e -> isStartNotice(room, e)).toList();
            assertEquals(1, starts.size(), "a restart within a minute is quiet: " + starts);
        }
    }

    @Test
    void noticesNamePeople_aRefusalWithAPillAndStatusWithoutPinging() throws Exception {
        Path dir = WorkDir.create("names");
        Newsroom room = Newsroom.create(dir, 2);
        MatrixUser alice = room.person(0);
        MatrixUser bob = room.person(1);
        try (BotProcess bot = room.botWithToken("").start()) {
            bot.awaitLog("first start: synced", Newsroom.WAIT);
            String news = alice.text(
                    room.roomId, "TWIM: Nheko now supports threads and polls, and the settings were redone.");
            room.awaitAck(news);

            String asked = bob.text(room.roomId, "!status");
            JsonNode refusal = room.awaitNotice(asked, "only editors can use bot commands");
            String body = refusal.path("content").path("body").asText();
            assertTrue(body.startsWith("Sorry Bob, "), body);
            assertFalse(body.contains(bob.userId), body);
            String html = refusal.path("content").path("formatted_body").asText();
            assertTrue(html.contains("<a href=\"https://matrix.to/#/" + bob.userId + "\">Bob</a>"), html);
            assertEquals(List.of(bob.userId), mentions(refusal), "Bob is notified");

            String status = room.editor.text(room.roomId, "!status");
            JsonNode answer = room.awaitNotice(status, "Edition ");
            String text = answer.path("content").path("body").asText();
            assertTrue(text.contains(" Alice — "), text);
            assertFalse(text.contains(alice.userId), text);
            assertEquals(List.of(), mentions(answer), "a list pings nobody");
        }
    }

    private static List<String> mentions(JsonNode event) {
        List<String> ids = new ArrayList<>();
        event.path("content").path("m.mentions").path("user_ids").forEach(n -> ids.add(n.asText()));
        return ids;
    }
}
