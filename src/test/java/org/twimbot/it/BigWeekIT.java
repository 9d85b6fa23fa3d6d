package org.twimbot.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Issue 17, defect 1, on Synapse (which refuses events over 64 KiB): the {@code !draft} notice of a week of 78
 * Element-formatted items, about 70 KB as a whole preview, still arrives with its counts, its preview cut with a
 * line naming the file, and nothing is dropped for its size.
 */
@RequiresHomeserver
class BigWeekIT {
    private static final int ITEMS = 78;

    @Test
    void theDraftNoticeOfSeventyEightItemsArrivesWithItsCountsAndACutPreview() throws Exception {
        Path dir = WorkDir.create("big-week");
        Newsroom room = Newsroom.create(dir, 3);
        try (BotProcess bot = room.botWithToken("").start()) {
            bot.awaitLog("first start: synced", Newsroom.WAIT);
            List<String> ids = new ArrayList<>();
            for (int i = 0; i < ITEMS; i++) {
                String[] item = news(i);
                ids.add(room.person(i % 3).html(room.roomId, item[0], item[1]));
            }
            room.awaitAcks(ids);

            String cmd = room.editor.text(room.roomId, "!draft");
            JsonNode notice = room.awaitNotice(cmd, "Draft for");
            String body = notice.path("content").path("body").asText();
            String html = notice.path("content").path("formatted_body").asText();
            int bytes =
                    MatrixUser.JSON.writeValueAsString(notice.path("content")).getBytes(StandardCharsets.UTF_8).length;
            System.out.printf("figure: !draft notice for %d items: %,d bytes of content%n", ITEMS, bytes);
            assertTrue(body.contains(ITEMS + " items"), body);
            assertTrue(body.contains("Warnings:") && body.contains("unassigned"), body);
            assertTrue(
                    html.contains("Preview cut here") && html.contains("twim-"), "the preview says where the rest is");
            int shown = html.split(" is out!", -1).length - 1;
            assertTrue(shown > 20 && shown < ITEMS, shown + " of " + ITEMS + " items in the preview");
            room.awaitFile(cmd, "twim-");
            assertEquals(
                    0,
                    bot.log()
                            .lines()
                            .filter(l -> l.contains("dropping") || l.contains(" ERROR "))
                            .count(),
                    bot.log());
        }
    }

    /** Element-style news of about 700 characters: a bold name, a link, a list (as BigWeekDraftNoticeTest's). */
    private static String[] news(int i) {
        String text = " 1." + i + " is out! This release brings faster room joins, a reworked settings screen and many "
                + "fixes reported by the community over the last weeks. Thanks to everyone who tested the release "
                + "candidates and sent feedback; the changelog lists every change and the upgrade notes explain the "
                + "new configuration options. Packages for Debian, Fedora, Arch and Flathub are already built, and "
                + "the container image follows later today. Highlights:";
        String[] points = {
            "state resolution is twice as fast on big rooms",
            "the media repository streams large files",
            "threads and polls work on every platform",
            "translations for 12 more languages"
        };
        StringBuilder body =
                new StringBuilder("TWIM: Project ").append(i).append(text).append("\n");
        StringBuilder html = new StringBuilder("TWIM: <p><strong>Project ")
                .append(i)
                .append("</strong>")
                .append(text)
                .append("</p><ul>");
        for (String p : points) {
            body.append("\n- ").append(p);
            html.append("<li>").append(p).append("</li>");
        }
        String url = "https://example.org/project-" + i + "/releases";
        body.append("\n\nMore at ").append(url).append(" and in our room.");
        html.append("</ul><p>More at <a href=\"").append(url).append("\">the release page</a> and in our room.</p>");
        return new String[] {body.toString(), html.toString()};
    }
}
