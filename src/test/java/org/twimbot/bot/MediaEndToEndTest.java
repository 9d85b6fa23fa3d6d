package org.twimbot.bot;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.twimbot.app.DemoWeek;
import org.twimbot.devserver.DevServer;
import org.twimbot.matrix.RoomEvent;

/** Pictures from news to draft and bundle, over both media download APIs a homeserver may offer. */
class MediaEndToEndTest {
    private static final Clock WEDNESDAY = Clock.fixed(Instant.parse("2026-11-25T10:00:00Z"), ZoneOffset.UTC);
    private static final Pattern IMAGE_LINE =
            Pattern.compile("> !\\[\\]\\(/blog/img/(2026-11-27-[A-Za-z0-9]{5}-[^)]+)\\)");

    @TempDir
    Path dir;

    @Test
    void anOldServerServesMediaOnTheLegacyPath() throws Exception {
        DevServer.Options old = DevServer.Options.defaults().withVersions(List.of("r0.6.1", "v1.1", "v1.2"));
        assertPictureReachesTheDraft(old);
    }

    @Test
    void aCurrentServerWithoutUnauthenticatedMediaServesItOnTheAuthenticatedPath() throws Exception {
        DevServer.Options current = DevServer.Options.defaults().withLegacyMediaEnabled(false);
        assertPictureReachesTheDraft(current);
    }

    private void assertPictureReachesTheDraft(DevServer.Options options) throws Exception {
        try (BotHarness h = new BotHarness(dir, WEDNESDAY, options)) {
            h.startBot();
            String room = h.week.roomId();
            byte[] png = DemoWeek.demoPicture();
            String news = h.week.person("erin").say(room, "TWIM: a new screenshot of our app");
            h.week.person("erin").replyWithImage(room, news, png, "screenshot.png");
            String draft = h.draft();
            Matcher m = IMAGE_LINE.matcher(draft);
            assertTrue(m.find(), draft);
            assertTrue(m.group(1).endsWith("-screenshot.png"), m.group(1));
            try (Stream<Path> cached = Files.list(h.config.media().dir().resolve("cache"))) {
                List<Path> files = cached.toList();
                assertEquals(1, files.size(), files.toString());
                assertArrayEquals(png, Files.readAllBytes(files.get(0)), "the picture was downloaded into the cache");
            }
        }
    }

    @Test
    void theBundleHoldsThePostAndItsPicturesAndHostileNamesStayHarmless() throws Exception {
        try (BotHarness h = new BotHarness(dir, WEDNESDAY)) {
            h.startBot();
            String room = h.week.roomId();
            byte[] png = DemoWeek.demoPicture();
            String news = h.week.person("erin").say(room, "TWIM: pictures of the hackfest");
            h.week.person("erin").replyWithImage(room, news, png, "../../etc/passwd.png");
            h.week.person("erin").replyWithImage(room, news, png, "group photo.png");

            h.week.editor().catchUp();
            h.week.editor().say(room, "!bundle");
            RoomEvent file = h.week.editor()
                    .await(
                            room,
                            e -> h.week.botUserId().equals(e.sender())
                                    && "m.file".equals(e.msgtype())
                                    && e.body() != null
                                    && e.body().endsWith(".zip"),
                            Duration.ofSeconds(30))
                    .orElseThrow(() -> new AssertionError("no bundle"));
            assertEquals("twim-2026-11-27.zip", file.body());
            Map<String, byte[]> entries = unzip(
                    h.week.editor().client().download(file.content().path("url").asText(), 10_000_000));

            String post = new String(entries.get("twim-2026-11-27.md"), StandardCharsets.UTF_8);
            Matcher m = IMAGE_LINE.matcher(post);
            List<String> referenced = m.results().map(r -> r.group(1)).toList();
            assertEquals(2, referenced.size(), post);
            assertTrue(referenced.stream().anyMatch(n -> n.endsWith("-etc_passwd.png")), referenced.toString());
            assertTrue(referenced.stream().anyMatch(n -> n.endsWith("-group_photo.png")), referenced.toString());
            for (String name : referenced) {
                assertArrayEquals(png, entries.get(name), name + " is in the zip under the name the post uses");
                assertFalse(name.contains("/") || name.contains(".."), name);
            }
            assertEquals(3, entries.size(), entries.keySet().toString());
            try (Stream<Path> files = Files.walk(dir)) {
                assertTrue(
                        files.noneMatch(p -> p.getFileName().toString().equals("passwd.png")),
                        "nothing was written outside the media directory under the sender's path");
            }
        }
    }

    /** media.max_per_item (default 10): the eleventh and twelfth pictures are refused with an audit line each, not lost silently. */
    @Test
    void attachmentsPerItemAreCappedAndTheEditorsAreToldOfEachRefusedOne() throws Exception {
        try (BotHarness h = new BotHarness(dir, WEDNESDAY)) {
            h.startBot();
            String room = h.week.roomId();
            byte[] png = DemoWeek.demoPicture();
            String news = h.week.person("erin").say(room, "TWIM: a gallery of twelve screenshots");
            h.week.editor().catchUp();
            for (int i = 1; i <= 12; i++) h.week.person("erin").replyWithImage(room, news, png, "shot" + i + ".png");
            List<String> refusals = new ArrayList<>();
            h.week.editor()
                    .await(
                            room,
                            e -> {
                                if (h.week.botUserId().equals(e.sender()) && e.body() != null) {
                                    // audit lines waiting together may be joined into one message
                                    for (String line : e.body().split("\n"))
                                        if (line.contains("not attached to #")) refusals.add(line);
                                }
                                return refusals.size() >= 2;
                            },
                            Duration.ofSeconds(60));
            assertEquals(2, refusals.size(), refusals.toString());
            assertTrue(refusals.get(0).contains("media.max_per_item"), refusals.get(0));
            String draft = h.draft();
            List<String> images =
                    IMAGE_LINE.matcher(draft).results().map(r -> r.group(1)).toList();
            assertEquals(10, images.size(), draft);
            assertTrue(
                    images.stream().noneMatch(n -> n.endsWith("-shot11.png") || n.endsWith("-shot12.png")),
                    images.toString());
        }
    }

    private static Map<String, byte[]> unzip(byte[] zip) throws Exception {
        Map<String, byte[]> entries = new LinkedHashMap<>();
        try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(zip))) {
            for (ZipEntry e; (e = in.getNextEntry()) != null; ) entries.put(e.getName(), in.readAllBytes());
        }
        return entries;
    }
}
