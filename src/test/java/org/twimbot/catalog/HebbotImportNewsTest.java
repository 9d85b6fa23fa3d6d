package org.twimbot.catalog;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URISyntaxException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class HebbotImportNewsTest {
    private static Path resource(String name) throws URISyntaxException {
        return Path.of(HebbotImportNewsTest.class.getResource(name).toURI());
    }

    @Test
    void parsesHebbotsStoreFormatOrderedByTime() throws Exception {
        List<HebbotImportNews.News> news = HebbotImport.readNews(resource("hebbot-store.json"));
        assertEquals(
                List.of("$a1:matrix.org", "$b2:matrix.org", "$c3:matrix.org"),
                news.stream().map(HebbotImportNews.News::eventId).toList());

        HebbotImportNews.News kim = news.get(0);
        assertEquals("@kim:sosnowkadub.de", kim.reporterId());
        assertEquals("Kim", kim.reporterDisplayName());
        assertEquals(Instant.parse("2024-05-01T06:00:00Z"), kim.timestamp());
        assertEquals(List.of("talks"), kim.sectionKeys());
        assertEquals(List.of("element-web"), kim.projectNames());
        assertEquals(
                List.of(new HebbotImportNews.Media("$v1:matrix.org", "talk.mp4", "mxc://example.org/VvVv")),
                kim.videos());

        HebbotImportNews.News erik = news.get(1);
        assertEquals("Synapse 1.106 is out!\n\nIt is faster.", erik.message());
        assertEquals(Instant.parse("2024-05-02T10:15:30.123456789Z"), erik.timestamp());
        assertEquals(List.of("synapse"), erik.projectNames(), "two reactions naming the same project count once");
        assertEquals("mxc://matrix.org/AbCdEf", erik.images().get(0).mxcUri());

        HebbotImportNews.News old = news.get(2);
        assertTrue(old.sectionKeys().isEmpty()
                && old.images().isEmpty()
                && old.videos().isEmpty());
    }

    @Test
    void projectNamesMapToTwimbotKeysThroughTheImportedConfig() throws Exception {
        HebbotImport.Result config = HebbotImport.readConfig(resource("twim-config.toml"));
        List<HebbotImportNews.News> news = HebbotImport.readNews(resource("hebbot-store.json"));
        assertEquals(List.of("Emt Web"), news.get(0).projectKeys(config));
        assertEquals(List.of("Synapse"), news.get(1).projectKeys(config));
    }

    /**
     * hebbot since early 2025 stores media as [file event id, file name, mxc uri] under the reaction's
     * event id (pairs before); both shapes read, even in one file. The media is known by its file event.
     */
    @Test
    void readsMediaAsTriplesOfCurrentHebbotAndPairsOfOlderOnes() throws Exception {
        String json = """
                {
                  "$new": { "event_id": "$new", "reporter_id": "@a:b.c", "timestamp": "2025-03-01T10:00:00Z",
                            "message": "new hebbot",
                            "images": { "$reaction1": ["$file1", "shot.png", "mxc://b.c/Img1"],
                                        "$reaction2": ["$file1", "shot.png", "mxc://b.c/Img1"] },
                            "videos": { "$reaction3": ["$file2", "demo.mp4", "mxc://b.c/Vid2"] } },
                  "$old": { "event_id": "$old", "reporter_id": "@a:b.c", "timestamp": "2024-03-01T10:00:00Z",
                            "message": "old hebbot", "images": { "$img": ["old.png", "mxc://b.c/Old"] } }
                }
                """;
        List<HebbotImportNews.News> news = HebbotImportNews.parse(json, "store.json");
        assertEquals(
                List.of(new HebbotImportNews.Media("$img", "old.png", "mxc://b.c/Old")),
                news.get(0).images());
        assertEquals(
                List.of(new HebbotImportNews.Media("$file1", "shot.png", "mxc://b.c/Img1")),
                news.get(1).images(),
                "two editors' reactions on one picture: one picture");
        assertEquals(
                List.of(new HebbotImportNews.Media("$file2", "demo.mp4", "mxc://b.c/Vid2")),
                news.get(1).videos());
    }

    @Test
    void malformedEntriesAreReportedWithTheirPath() {
        String json = """
                {
                  "$x": { "event_id": "$x", "reporter_id": "@a:b.c", "timestamp": "yesterday", "message": "hi",
                          "images": { "$i": ["only-a-name"] } },
                  "$y": { "event_id": "$y", "timestamp": "2024-01-01T00:00:00Z", "message": 5 },
                  "$z": [1, 2]
                }
                """;
        HebbotImportException e =
                assertThrows(HebbotImportException.class, () -> HebbotImportNews.parse(json, "store.json"));
        assertEquals(
                List.of(
                        "[\"$x\"].timestamp: not an RFC 3339 time: 'yesterday'",
                        "[\"$x\"].images[\"$i\"]: expected [file event id, file name, mxc uri] or [file name, mxc uri]",
                        "[\"$y\"].reporter_id: missing",
                        "[\"$y\"].message: expected a string",
                        "[\"$z\"]: expected an object"),
                e.problems());
    }

    @Test
    void invalidJsonGivesTheLineAndAnEmptyStoreNoNews() throws Exception {
        HebbotImportException e = assertThrows(
                HebbotImportException.class, () -> HebbotImportNews.parse("{\n  \"$x\": {,\n}", "store.json"));
        assertTrue(
                e.problems().get(0).startsWith("store.json: invalid JSON at line 2"),
                e.problems().toString());
        assertEquals(List.of(), HebbotImportNews.parse("{}", "store.json"));
        assertEquals(List.of(), HebbotImportNews.parse("", "store.json"));
    }
}
