package org.twimbot.bot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.twimbot.matrix.RoomEvent;
import org.twimbot.store.SettingsTable;

/**
 * A big week's {@code !draft} notice still arrives, with its counts and warnings, and with the
 * preview cut where it would make the event too large for the homeserver (the dev homeserver refuses
 * what Synapse refuses: over 65,536 bytes of PDU). A small week's preview is whole.
 */
class BigWeekDraftNoticeTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String[] PEOPLE = {"alice", "bob", "carol", "dave", "erin", "frank"};

    @TempDir
    Path dir;

    /** Element-style news of about 700 characters: a bold name, a link, a list. */
    static String[] news(int i) {
        String text =
                "Project " + i + " 1." + i + " is out! This release brings faster room joins, a reworked settings "
                        + "screen and many fixes reported by the community over the last weeks. Thanks to everyone who tested "
                        + "the release candidates and sent feedback; the changelog lists every change and the upgrade notes "
                        + "explain the new configuration options. Packages for Debian, Fedora, Arch and Flathub are "
                        + "already built, and the container image follows later today. Highlights:";
        String items = "state resolution is twice as fast on big rooms|the media repository streams large files|"
                + "threads and polls work on every platform|translations for 12 more languages";
        StringBuilder body = new StringBuilder("TWIM: ").append(text).append("\n");
        StringBuilder html = new StringBuilder("TWIM: <p><strong>Project ")
                .append(i)
                .append("</strong> ")
                .append(text.substring(("Project " + i).length()))
                .append("</p><ul>");
        for (String item : items.split("\\|")) {
            body.append("\n- ").append(item);
            html.append("<li>").append(item).append("</li>");
        }
        body.append("\n\nMore at https://example.org/project-").append(i).append("/releases and in our room.");
        html.append("</ul><p>More at <a href=\"https://example.org/project-")
                .append(i)
                .append("/releases\">")
                .append("the release page</a> and in our room.</p>");
        return new String[] {body.toString(), html.toString()};
    }

    /** Written just after the notice is sent: polled, with a generous deadline. */
    private static String lastDraftAuthor(BotHarness h) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (true) {
            var name = h.store().read(tx -> tx.settings().get(SettingsTable.LAST_DRAFT_AUTHOR));
            if (name.isPresent() || System.nanoTime() > deadline) return name.orElse(null);
            Thread.sleep(50);
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {26, 52, 78, 200})
    void theDraftNoticeOfABigWeekArrivesWithCountsWarningsAndACutPreview(int n) throws Exception {
        try (BotHarness h = new BotHarness(dir, Clock.systemUTC())) {
            h.startBot();
            List<String> ids = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                String[] item = news(i);
                ids.add(h.week.person(PEOPLE[i % PEOPLE.length]).sayHtml(h.week.roomId(), item[0], item[1]));
            }
            for (int i = 0; i < n; i += 3) h.week.editor().react(h.week.roomId(), ids.get(i), "Synapse");
            h.status(); // everything above is processed once !status answers

            h.week.editor().catchUp();
            h.week.editor().say(h.week.roomId(), "!draft");
            RoomEvent notice = h.week.editor()
                    .await(
                            h.week.roomId(),
                            e -> h.week.botUserId().equals(e.sender())
                                    && "m.notice".equals(e.msgtype())
                                    && e.body() != null
                                    && e.body().startsWith("Draft for"),
                            Duration.ofSeconds(90))
                    .orElseThrow(() -> new AssertionError("no !draft notice for " + n + " items"));

            int bytes = JSON.writeValueAsBytes(notice.content()).length;
            System.err.println("!draft notice for " + n + " items: " + bytes + " bytes of content");
            String body = notice.body();
            String html = notice.formattedBody();
            assertTrue(body.contains(n + " items"), body);
            assertTrue(body.contains("Warnings:") && body.contains("unassigned"), body);
            int shown = html.split(" is out!", -1).length - 1;
            boolean cut = html.contains("Preview cut here");
            if (n <= 52) {
                assertFalse(cut, "a small week's preview is whole");
                assertEquals(n, shown, "every news item is in the preview");
                assertEquals("Thib", lastDraftAuthor(h), "remembered for the offline draft's front matter");
            } else {
                assertTrue(cut, "a big week's preview says where it stops");
                assertTrue(shown > 20 && shown < n, shown + " of " + n + " news items in the preview");
                assertTrue(html.contains("twim-") && html.contains(".md"), "and where the rest is: the file");
                assertTrue(
                        body.contains("twim-") && body.contains("whole post"), "the plain body says it too: " + body);
            }
        }
    }
}
