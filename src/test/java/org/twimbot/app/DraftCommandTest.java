package org.twimbot.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.twimbot.store.Posted;
import org.twimbot.store.SettingsTable;
import org.twimbot.store.Store;

/**
 * {@code twimbot draft} renders offline: it needs no secret (it never connects), and the front
 * matter's author comes from {@code --author}, else {@code render.author}, else the editor who last
 * sent {@code !draft}, else a placeholder the operator is warned about — never {@code author = [""]}.
 */
class DraftCommandTest {
    @TempDir
    Path dir;

    private Path out;

    @BeforeEach
    void aDatabaseWithOneItem() throws Exception {
        out = dir.resolve("post.md");
        try (Store store = Store.open(dir.resolve("twimbot.db"))) {
            store.write(tx -> {
                long edition = tx.editions()
                        .openOrCreate(LocalDate.of(2026, 12, 4), 1_000L)
                        .id();
                tx.submissions()
                        .insert(
                                edition,
                                new Posted(
                                        "$news",
                                        "!room:example.org",
                                        "@ann:example.org",
                                        2_000L,
                                        "Synapse 1.200 is out",
                                        null));
            });
        }
    }

    private Path config(String extra) throws Exception {
        Path config = dir.resolve("config.yaml");
        Files.writeString(config, """
                homeserver:
                  url: "https://matrix.example.org"
                  user_id: "@twimbot:example.org"
                rooms:
                  submissions: "#twim:example.org"
                editors:
                  users: ["@editor:example.org"]
                store:
                  path: twimbot.db
                """ + extra);
        return config;
    }

    private static ConfigExitTest.Result run(String... args) {
        return ConfigExitTest.run(args);
    }

    private String post() throws Exception {
        return Files.readString(out, StandardCharsets.UTF_8);
    }

    @Test
    void needsNoSecretAndTakesTheAuthorFromRenderAuthor() throws Exception {
        ConfigExitTest.Result r = run(
                "draft", "-c", config("render:\n  author: \"The TWIM team\"\n").toString(), "-o", out.toString());
        assertEquals(0, r.status(), r.err());
        assertTrue(post().contains("author = [\"The TWIM team\"]"), post());
        assertTrue(post().contains("Synapse 1.200 is out"));
    }

    @Test
    void withoutRenderAuthorTheEditorWhoLastDraftedIsTheAuthor() throws Exception {
        try (Store store = Store.open(dir.resolve("twimbot.db"))) {
            store.write(tx -> tx.settings().put(SettingsTable.LAST_DRAFT_AUTHOR, "Thib"));
        }
        ConfigExitTest.Result r = run("draft", "-c", config("").toString(), "-o", out.toString());
        assertEquals(0, r.status(), r.err());
        assertTrue(post().contains("author = [\"Thib\"]"), post());
        assertTrue(run("draft", "-c", config("").toString(), "-o", out.toString(), "--author", "Kim")
                        .status()
                == 0);
        assertTrue(post().contains("author = [\"Kim\"]"), "--author wins: " + post());
    }

    @Test
    void withNoAuthorAnywhereAPlaceholderAndAWarning() throws Exception {
        ConfigExitTest.Result r = run("draft", "-c", config("").toString(), "-o", out.toString());
        assertEquals(0, r.status(), r.err());
        assertFalse(post().contains("author = [\"\"]"), post());
        assertTrue(post().contains("author = [\"TODO author\"]"), post());
        assertTrue(r.err().contains("render.author") && r.err().contains("--author"), r.err());
    }
}
