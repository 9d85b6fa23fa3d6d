package org.twimbot.it;

import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** The bot jar's first start against the homeserver: it joins by alias, acknowledges news and drafts it. */
@RequiresHomeserver
class FirstStartIT {

    @Test
    void aFirstStartAcknowledgesNewsAndDraftsIt() throws Exception {
        Path dir = WorkDir.create("first-start");
        Newsroom room = Newsroom.create(dir, 1);
        try (BotProcess bot = room.botWithToken("").start()) {
            long started = System.nanoTime();
            bot.awaitLog("first start: synced", Newsroom.WAIT);
            System.out.printf(
                    "figure: start to first sync %d ms (jar process, access token)%n",
                    (System.nanoTime() - started) / 1_000_000);
            String news = room.person(0).text(room.roomId, "TWIM: the first news on a real homeserver");
            room.awaitAck(news);
            String cmd = room.editor.text(room.roomId, "!draft");
            JsonNode file = room.awaitFile(cmd, "twim-");
            String markdown = room.fileText(file);
            assertTrue(markdown.contains("> the first news on a real homeserver"), markdown);
        }
    }
}
