package org.twimbot.render;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.twimbot.render.Fixtures.*;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import org.junit.jupiter.api.Test;

class PreviewAndBundleTest {

    @Test
    void previewHtmlHasNoFrontMatterAndNoRawHtml() {
        String draft = render(HostileTextTest.hostile());
        String html = PreviewHtml.toHtml(draft);
        assertFalse(html.contains("<script"), html);
        assertFalse(html.contains("<img src=x"), html);
        assertFalse(html.contains("<iframe"), html);
        assertFalse(html.contains("taxonomies"), "front matter dropped");
        assertTrue(html.contains("<h2>Dept of Spec 📜</h2>"), html);
        assertTrue(html.contains("<blockquote>"), html);
    }

    @Test
    void previewEscapesRawHtmlEvenInUnsanitisedMarkdown() {
        String html = PreviewHtml.toHtml(
                "+++\ntitle = \"x\"\n+++\n\nhi <script>alert(1)</script> ~~gone~~\n\n|a|\n|-|\n|1|\n");
        assertFalse(html.contains("<script"), html);
        assertTrue(html.contains("&lt;script&gt;"), html);
        assertTrue(html.contains("<del>gone</del>"), html);
        assertTrue(html.contains("<table>"), html);
        assertFalse(html.contains("title"), html);
    }

    @Test
    void bundleHoldsThePostAndTheMediaUnderTheirNames() throws IOException {
        Map<String, byte[]> media = new LinkedHashMap<>();
        media.put("2022-10-28-bBbBb-b.png", new byte[] {2});
        media.put("2022-10-28-aAaAa-a.png", new byte[] {1, 1});
        byte[] zip = DraftBundle.zip("twim-2022-10-28.md", "# post\n", media);
        Map<String, byte[]> entries = new LinkedHashMap<>();
        try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(zip))) {
            for (ZipEntry e; (e = in.getNextEntry()) != null; ) entries.put(e.getName(), in.readAllBytes());
        }
        assertEquals(
                List.of("twim-2022-10-28.md", "2022-10-28-aAaAa-a.png", "2022-10-28-bBbBb-b.png"),
                List.copyOf(entries.keySet()));
        assertEquals("# post\n", new String(entries.get("twim-2022-10-28.md"), StandardCharsets.UTF_8));
        assertArrayEquals(new byte[] {1, 1}, entries.get("2022-10-28-aAaAa-a.png"));
        assertArrayEquals(zip, DraftBundle.zip("twim-2022-10-28.md", "# post\n", media), "same input, same bytes");
    }

    @Test
    void bundleRefusesUnsafeNames() {
        assertThrows(
                IllegalArgumentException.class,
                () -> DraftBundle.zip("twim.md", "x", Map.of("../evil.png", new byte[0])));
        assertThrows(
                IllegalArgumentException.class,
                () -> DraftBundle.zip("twim.md", "x", Map.of("/etc/passwd", new byte[0])));
        assertThrows(
                IllegalArgumentException.class, () -> DraftBundle.zip("twim.md", "x", Map.of(".hidden", new byte[0])));
        assertThrows(IllegalArgumentException.class, () -> DraftBundle.zip("dir/twim.md", "x", Map.of()));
    }
}
