package org.twimbot.render;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.twimbot.render.Fixtures.*;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class MediaNamesTest {

    @Test
    void nameIsDateEventPrefixAndSanitisedFileName() {
        assertEquals(
                "2022-10-28-aBcDe-screenshot.png",
                MediaNames.fileName(EDITION, "$aBcDeFgHiJ:example.org", "screenshot.png"));
    }

    @Test
    void pathTraversalBecomesAHarmlessName() {
        String name = MediaNames.fileName(EDITION, "$aBcDeFg", "../../etc/passwd.png");
        assertEquals("2022-10-28-aBcDe-etc_passwd.png", name);
        assertTrue(MediaNames.isSafe(name));
        assertEquals("2022-10-28-aBcDe-x.png", MediaNames.fileName(EDITION, "$aBcDeFg", "..\\..\\x.png"));
        assertEquals("2022-10-28-aBcDe-a.b", MediaNames.fileName(EDITION, "$aBcDeFg", "a...b"));
    }

    @Test
    void unsafeCharactersBecomeUnderscoresAndEmptyNamesFallBack() {
        assertEquals("my_screen_shot_1.png", MediaNames.sanitize("my screen shot (1).png"));
        assertEquals("image", MediaNames.sanitize(""));
        assertEquals("image", MediaNames.sanitize(null));
        assertEquals("image", MediaNames.sanitize("../.."));
        assertEquals("image", MediaNames.sanitize("🖼️"));
        assertEquals("hidden", MediaNames.sanitize(".hidden"));
        assertEquals("2022-10-28-media-image", MediaNames.fileName(EDITION, "$$$", null));
    }

    @Test
    void namelessVideosAndFilesFallBackToTheirKind() {
        DraftItem item = new DraftItem(
                1,
                "$i",
                "@a:x.org",
                "A",
                1,
                "a",
                null,
                List.of("spec"),
                List.of(),
                List.of(
                        new DraftMedia("$vvvvv1", "video", "", "mxc://s/1", "video/mp4", 1),
                        new DraftMedia("$fffff1", "file", "../", "mxc://s/2", "application/pdf", 2),
                        new DraftMedia("$iiiii1", "image", null, "mxc://s/3", "image/png", 3)));
        Map<String, String> names = MediaNames.assign(EDITION, List.of(item));
        assertEquals(
                List.of("2022-10-28-vvvvv-video", "2022-10-28-fffff-file", "2022-10-28-iiiii-image"),
                List.copyOf(names.values()));
    }

    @Test
    void longNamesAreCappedKeepingTheExtension() {
        String name = MediaNames.sanitize("a".repeat(500) + ".jpeg");
        assertEquals(MediaNames.MAX_NAME_LENGTH, name.length());
        assertTrue(name.endsWith(".jpeg"));
    }

    @Test
    void everyProducedNameIsSafe() {
        for (String raw : List.of(
                "../../etc/passwd.png",
                "/abs/path",
                "C:\\Windows\\x.exe",
                "..",
                ".",
                "a\u0000b.png",
                "名前.png",
                "x/../../y.gif")) {
            String name = MediaNames.fileName(EDITION, "$ev", raw);
            assertTrue(MediaNames.isSafe(name), raw + " -> " + name);
            assertFalse(name.contains("/") || name.contains("\\") || name.contains(".."), name);
        }
    }

    @Test
    void clashingNamesInOneEditionGetDistinctDeterministicSuffixes() {
        DraftMedia first = new DraftMedia("$abcdeONE", "image", "shot.png", "mxc://s/1", "image/png", 100);
        DraftMedia second = new DraftMedia("$abcdeTWO", "image", "shot.png", "mxc://s/2", "image/png", 200);
        DraftItem one =
                new DraftItem(1, "$i1", "@a:x.org", "A", 1, "a", null, List.of("spec"), List.of(), List.of(second));
        DraftItem two =
                new DraftItem(2, "$i2", "@a:x.org", "A", 2, "b", null, List.of("spec"), List.of(), List.of(first));
        Map<String, String> names = MediaNames.assign(EDITION, List.of(one, two));
        assertEquals("2022-10-28-abcde-shot.png", names.get("$abcdeONE"), "earlier media keeps the plain name");
        assertEquals("2022-10-28-abcde-shot-2.png", names.get("$abcdeTWO"));
        assertEquals(names, MediaNames.assign(EDITION, List.of(two, one)));
        assertNotEquals(names.get("$abcdeONE"), names.get("$abcdeTWO"));
    }

    @Test
    void mediaLinesAreQuotedInsideTheItem() {
        DraftItem item = new DraftItem(
                1,
                "$news",
                "@timo:conduit.rs",
                "Timo",
                1,
                "first line of the news",
                null,
                List.of(),
                List.of("Conduit"),
                List.of(
                        new DraftMedia("$aBcDeImg", "image", "screenshot.png", "mxc://c/1", "image/png", 2),
                        new DraftMedia("$vIdEoXyz", "video", "demo.mp4", "mxc://c/2", "video/mp4", 3),
                        new DraftMedia("$fIlEsXyz", "file", "notes.pdf", "mxc://c/3", "application/pdf", 4)));
        String draft = render(List.of(item));
        assertTrue(
                draft.contains("> first line of the news\n"
                        + ">\n"
                        + "> ![](/blog/img/2022-10-28-aBcDe-screenshot.png)\n"
                        + ">\n"
                        + "> {{< video src=\"/blog/img/2022-10-28-vIdEo-demo.mp4\" >}}\n"
                        + ">\n"
                        + "> [2022-10-28-fIlEs-notes.pdf](/blog/img/2022-10-28-fIlEs-notes.pdf)\n"),
                draft);
        DraftRenderer renderer = new DraftRenderer(config());
        List<String> names = renderer.model(request(List.of(item)), catalog()).media().stream()
                .map(MediaFile::name)
                .toList();
        assertEquals(
                List.of("2022-10-28-aBcDe-screenshot.png", "2022-10-28-vIdEo-demo.mp4", "2022-10-28-fIlEs-notes.pdf"),
                names);
    }
}
