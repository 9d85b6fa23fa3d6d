package org.twimbot.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Secrets from files, as Docker/Podman secrets and systemd credentials provide them: TWIMBOT_*_FILE. */
class SecretFilesTest {
    @TempDir
    Path dir;

    private BotConfig load(Map<String, String> env) throws ConfigException {
        return ConfigLoader.parse(ConfigLoaderTest.MINIMAL, dir, env);
    }

    private List<String> problems(Map<String, String> env) {
        return assertThrows(ConfigException.class, () -> load(env)).problems();
    }

    @Test
    void theTokenFileIsReadWithoutItsTrailingNewline() throws Exception {
        Path secret = Files.writeString(dir.resolve("token"), "syt_from_a_file\n");
        BotConfig c = load(Map.of("TWIMBOT_ACCESS_TOKEN_FILE", secret.toString()));
        assertEquals("syt_from_a_file", c.homeserver().accessToken());
        Files.writeString(secret, "syt_crlf\r\n");
        assertEquals(
                "syt_crlf",
                load(Map.of("TWIMBOT_ACCESS_TOKEN_FILE", secret.toString()))
                        .homeserver()
                        .accessToken());
    }

    @Test
    void thePasswordFileIsReadAsIs() throws Exception {
        Path secret = Files.writeString(dir.resolve("password"), " pass word \n");
        BotConfig c = load(Map.of("TWIMBOT_PASSWORD_FILE", secret.toString()));
        assertEquals(
                " pass word ",
                c.homeserver().password(),
                "only the line end is dropped; spaces are the password's own");
        assertEquals(null, c.homeserver().accessToken());
    }

    @Test
    void anUnreadableFileIsOneProblemNamingTheVariableAndNeverItsContent() throws Exception {
        List<String> missing =
                problems(Map.of("TWIMBOT_ACCESS_TOKEN_FILE", dir.resolve("nope").toString()));
        assertEquals(1, missing.size(), missing.toString());
        assertTrue(
                missing.get(0).startsWith("TWIMBOT_ACCESS_TOKEN_FILE: cannot read " + dir.resolve("nope")),
                missing.get(0));

        List<String> directory = problems(Map.of("TWIMBOT_PASSWORD_FILE", dir.toString()));
        assertTrue(directory.get(0).startsWith("TWIMBOT_PASSWORD_FILE: cannot read"), directory.toString());

        Path empty = Files.writeString(dir.resolve("empty"), "\n");
        assertEquals(
                List.of("TWIMBOT_ACCESS_TOKEN_FILE: " + empty + " is empty"),
                problems(Map.of("TWIMBOT_ACCESS_TOKEN_FILE", empty.toString())));
    }

    @Test
    void aFileTooLargeForASecretIsRefusedWithoutReadingItAll() throws Exception {
        // the bound: a secret is a line; a variable pointing at a log file or a disk image must not be read whole
        Path big = dir.resolve("big");
        Files.write(big, ("syt_" + "x".repeat(SecretFile.MAX_BYTES)).getBytes(StandardCharsets.UTF_8));
        List<String> p = problems(Map.of("TWIMBOT_ACCESS_TOKEN_FILE", big.toString()));
        assertEquals(
                List.of("TWIMBOT_ACCESS_TOKEN_FILE: " + big + " is larger than " + SecretFile.MAX_BYTES
                        + " bytes; it should hold the secret alone"),
                p);
        assertFalse(p.toString().contains("syt_"));
        Path justFits = Files.writeString(dir.resolve("fits"), "y".repeat(SecretFile.MAX_BYTES));
        assertEquals(
                SecretFile.MAX_BYTES,
                load(Map.of("TWIMBOT_ACCESS_TOKEN_FILE", justFits.toString()))
                        .homeserver()
                        .accessToken()
                        .length());
    }

    @Test
    void theVariableAndItsFileFormTogetherAreAMistake() throws Exception {
        Path secret = Files.writeString(dir.resolve("token"), "syt_file\n");
        List<String> p =
                problems(Map.of("TWIMBOT_ACCESS_TOKEN_FILE", secret.toString(), "TWIMBOT_ACCESS_TOKEN", "syt_env"));
        assertEquals(List.of("set TWIMBOT_ACCESS_TOKEN or TWIMBOT_ACCESS_TOKEN_FILE, not both"), p);
    }

    @Test
    void theFileVariablesAreKnownSettingsNotTypos() throws Exception {
        Path secret = Files.writeString(dir.resolve("token"), "syt_file");
        ConfigLoader.LoadedConfig loaded = ConfigLoader.parseWithWarnings(
                ConfigLoaderTest.MINIMAL, dir, Map.of("TWIMBOT_ACCESS_TOKEN_FILE", secret.toString()));
        assertEquals(
                List.of(),
                loaded.warnings().stream()
                        .filter(w -> w.contains("environment variable"))
                        .toList());
        assertFalse(ConfigPrinter.toYaml(loaded.config()).contains("syt_file"), "printed masked like any secret");
    }
}
