package org.twimbot.it;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayInputStream;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import org.junit.jupiter.api.Test;

/**
 * A week as people and editors make it in Element, against the real homeserver: formatted news, an edit, a
 * deletion, a picture as a reply, editors' and a non-editor's reactions, a suggestion confirmed, then the
 * editors' commands; the draft and the bundle are downloaded and read.
 */
@RequiresHomeserver
class WeekIT {

    @Test
    void aWeekFromSeveralPeopleEndsInTheDraftAndTheBundle() throws Exception {
        Path dir = WorkDir.create("week");
        Newsroom room = Newsroom.create(dir, 3);
        MatrixUser alice = room.person(0);
        MatrixUser bob = room.person(1);
        MatrixUser carol = room.person(2);
        try (BotProcess bot = room.botWithToken("").start()) {
            bot.awaitLog("first start: synced", Newsroom.WAIT);
            String rid = room.roomId;

            String conduit = alice.html(
                    rid,
                    "TWIM: **Conduit** 0.9 is out, see [the site](https://conduit.rs)\n\n- faster\n- smaller",
                    "TWIM: <strong>Conduit</strong> 0.9 is out, see <a href=\"https://conduit.rs\">the site</a><ul>\n"
                            + "<li>faster</li>\n<li>smaller</li>\n</ul>\n");
            String synapse = bob.html(
                    rid, "TWIM: Synapse 1.67 has _lots_ of fixes", "TWIM: Synapse 1.67 has <em>lots</em> of fixes");
            String doomed = carol.text(rid, "TWIM: this one will be deleted");
            String nheko = carol.html(rid, "TWIM: a client release", "TWIM: a client <code>release</code>");
            room.awaitAcks(List.of(conduit, synapse, doomed, nheko));

            alice.edit(
                    rid,
                    conduit,
                    "TWIM: **Conduit** 0.9.1 is out, see [the site](https://conduit.rs)",
                    "TWIM: <strong>Conduit</strong> 0.9.1 is out, see <a href=\"https://conduit.rs\">the site</a>");
            carol.redact(rid, doomed);
            byte[] png = Pictures.png(7);
            alice.imageReply(rid, conduit, png, "conduit-shot.png");
            room.editor.react(rid, conduit, "🏢");
            String refused = bob.react(rid, nheko, "🏢"); // not an editor: refused, item stays where it was
            JsonNode suggestion = Eventually.await(
                    "a suggestion on the Synapse news",
                    Newsroom.WAIT,
                    () -> room.botEvents().stream()
                            .filter(e -> Newsroom.isReaction(e, synapse, null)
                                    && e.path("content")
                                            .path("m.relates_to")
                                            .path("key")
                                            .asText()
                                            .endsWith(" ?"))
                            .findFirst()
                            .orElse(null));
            String key =
                    suggestion.path("content").path("m.relates_to").path("key").asText();
            assertTrue(key.toLowerCase().contains("synapse"), key);
            room.editor.react(rid, synapse, key.substring(0, key.length() - 2));
            room.awaitNotice(refused, "only editors");

            String status = room.editor.text(rid, "!status");
            String statusText =
                    room.awaitNotice(status, "#").path("content").path("body").asText();
            assertTrue(statusText.contains("#1") && statusText.contains("#2") && statusText.contains("#4"), statusText);

            String draftCmd = room.editor.text(rid, "!draft");
            String md = room.fileText(room.awaitFile(draftCmd, "twim-"));
            assertTrue(md.contains("**Conduit** 0.9.1 is out, see [the site](https://conduit.rs)"), md);
            assertFalse(md.contains("0.9 is out"), "the edit replaced the text:\n" + md);
            assertTrue(md.contains("has *lots* of fixes") || md.contains("has _lots_ of fixes"), md);
            assertTrue(md.contains("`release`"), md);
            assertFalse(md.contains("will be deleted"), md);
            assertFalse(md.contains("<strong>") || md.contains("<ul>"), "no raw HTML in the post:\n" + md);
            assertTrue(md.contains("conduit-shot.png"), "the picture is referenced:\n" + md);
            int servers = md.indexOf("## Dept of Servers");
            assertTrue(
                    servers >= 0
                            && md.indexOf("Conduit", servers) > servers
                            && md.indexOf("Synapse", servers) > servers,
                    md);
            int unknown = md.indexOf("TODO UNKNOWN SECTION");
            assertTrue(
                    unknown > servers && md.indexOf("a client", unknown) > unknown,
                    "the non-editor's reaction did not place it:\n" + md);

            String bundleCmd = room.editor.text(rid, "!bundle");
            JsonNode zip = room.awaitFile(bundleCmd, "twim-");
            Map<String, byte[]> entries =
                    unzip(room.editor.download(zip.path("content").path("url").asText()));
            assertTrue(
                    entries.keySet().stream().anyMatch(n -> n.endsWith(".md")),
                    entries.keySet().toString());
            byte[] picture = entries.entrySet().stream()
                    .filter(e -> e.getKey().endsWith("conduit-shot.png"))
                    .map(Map.Entry::getValue)
                    .findFirst()
                    .orElseThrow(() -> new AssertionError("no picture in " + entries.keySet()));
            assertArrayEquals(png, picture);

            String publish = room.editor.text(rid, "!publish");
            room.awaitNotice(publish, "published");
            String after = alice.text(rid, "TWIM: news for the next week");
            room.awaitAck(after);
            String reopen = room.editor.text(rid, "!reopen");
            room.awaitNotice(reopen, "reopened");
            String again = room.editor.text(rid, "!draft");
            String reopened = room.fileText(room.awaitFile(again, "twim-"));
            assertTrue(reopened.contains("0.9.1 is out") && reopened.contains("news for the next week"), reopened);
            assertEquals(0, bot.log().lines().filter(l -> l.contains(" ERROR ")).count(), bot.log());
        }
    }

    private static Map<String, byte[]> unzip(byte[] zip) throws Exception {
        Map<String, byte[]> entries = new HashMap<>();
        try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(zip))) {
            for (ZipEntry e; (e = in.getNextEntry()) != null; ) entries.put(e.getName(), in.readAllBytes());
        }
        return entries;
    }
}
