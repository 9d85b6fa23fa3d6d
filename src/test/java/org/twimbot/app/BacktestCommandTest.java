package org.twimbot.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code twimbot backtest} on the two published reference posts. */
class BacktestCommandTest {
    private static final String POST_2020 = "2020-11-27-this-week-in-matrix.md";
    private static final String POST_2022 = "2022-10-28-this-week-in-matrix.md";

    @TempDir
    Path dir;

    private record Result(int status, String out, String err) {}

    private static Result run(String... args) {
        PrintStream out = System.out;
        PrintStream err = System.err;
        ByteArrayOutputStream o = new ByteArrayOutputStream();
        ByteArrayOutputStream e = new ByteArrayOutputStream();
        System.setOut(new PrintStream(o, true, StandardCharsets.UTF_8));
        System.setErr(new PrintStream(e, true, StandardCharsets.UTF_8));
        try {
            int status = Main.execute(args);
            return new Result(status, o.toString(StandardCharsets.UTF_8), e.toString(StandardCharsets.UTF_8));
        } finally {
            System.setOut(out);
            System.setErr(err);
        }
    }

    private Path post(String name) throws Exception {
        try (InputStream in = BacktestCommandTest.class.getResourceAsStream("/org/twimbot/render/reference/" + name)) {
            Path file = dir.resolve(name);
            Files.write(file, in.readAllBytes());
            return file;
        }
    }

    private static long reporterLines(Path post) throws Exception {
        return Files.readAllLines(post).stream()
                .filter(l -> l.startsWith("[") && l.contains("](https://matrix.to/#/@"))
                .count();
    }

    @Test
    void everyItemOfEveryPostIsReportedWithTotalsAndProgress() throws Exception {
        Path a = post(POST_2020);
        Path b = post(POST_2022);
        long items = reporterLines(a) + reporterLines(b);
        Result r = run("backtest", a.toString(), b.toString());
        assertEquals(0, r.status(), r.err());
        assertEquals(
                items,
                r.out().lines().filter(l -> l.strip().startsWith("expected:")).count(),
                r.out());
        assertTrue(r.out().contains("items: " + items + "\n"), r.out());
        assertTrue(r.out().contains("Dept of Clients / Element Web/Desktop"), r.out());
        assertTrue(r.err().contains("2/2 posts, " + items + " items"), r.err());
    }

    @Test
    void jsonHasOneEntryPerItemAndTotalsThatAddUp() throws Exception {
        Path a = post(POST_2022);
        Result r = run("backtest", "--json", a.toString());
        assertEquals(0, r.status(), r.err());
        JsonNode json = new ObjectMapper().readTree(r.out());
        assertEquals(reporterLines(a), json.get("items").size());
        JsonNode t = json.get("totals");
        assertEquals(
                t.get("items").asInt(),
                t.get("known_project_items").asInt()
                        + t.get("section_or_unknown_items").asInt());
        int right = 0;
        for (JsonNode item : json.get("items")) if (item.get("outcome").asText().startsWith("right")) right++;
        assertEquals(
                right, t.get("right_project").asInt() + t.get("right_section").asInt());
    }

    /** With -c, the config's catalog is used: a catalog without Conduit cannot file the Conduit item under it. */
    @Test
    void theConfiguredCatalogIsUsed() throws Exception {
        Path a = post(POST_2022);
        Path config = dir.resolve("config.yaml");
        Files.writeString(config, """
                homeserver:
                  url: https://matrix.example.org/
                  user_id: "@twim:example.org"
                  access_token: "syt_x"
                rooms:
                  submissions: "#twim:example.org"
                sections:
                  - {key: servers, emoji: "🏢", title: "Dept of Servers 🏢", order: 1}
                projects:
                  - {key: synapse, title: Synapse, section: servers}
                """);
        Result r = run("backtest", "-c", config.toString(), a.toString());
        assertEquals(0, r.status(), r.err());
        assertTrue(r.out().contains("Dept of Servers / Conduit (not in the catalog)"), r.out());
        assertTrue(r.out().contains("project in the catalog: 1,"), r.out()); // the post's one Synapse item
    }

    @Test
    void aFileThatIsNotAPostIsNamed() throws Exception {
        Path bad = dir.resolve("notes.md");
        Files.writeString(bad, "just some notes\n## later\n");
        Result r = run("backtest", bad.toString());
        assertEquals(1, r.status());
        assertTrue(r.err().contains("notes.md: line 1: text before the first section"), r.err());
        Result missing = run("backtest", dir.resolve("nope.md").toString());
        assertEquals(1, missing.status());
        assertTrue(missing.err().contains("nope.md"), missing.err());
    }
}
