package org.twimbot.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.twimbot.devserver.DevServer;

/** A broken config stops the bot before it touches the network: one message, every problem, exit status 2. */
class ConfigExitTest {
    @TempDir
    Path dir;

    @Test
    void missingUserIdAndUnknownSectionAreReportedTogetherWithStatus2() throws Exception {
        Path config = dir.resolve("config.yaml");
        Files.writeString(config, """
                homeserver:
                  url: "https://matrix.example.org"
                  access_token: "syt_secret_token_value"
                rooms:
                  submissions: "#twim:example.org"
                editors:
                  users: ["@editor:example.org"]
                sections:
                  - { key: servers, emoji: "🏢", title: "Dept of Servers 🏢", order: 10 }
                projects:
                  - { key: Synapse, title: Synapse, section: serverz }
                """);
        for (String command : new String[] {"run", "check-config"}) {
            Result r = run(command, "-c", config.toString());
            assertEquals(Main.EXIT_CONFIG, r.status, command + ": " + r.err);
            assertTrue(r.err.contains("homeserver.user_id: missing"), r.err);
            assertTrue(r.err.contains("projects[0].section"), r.err);
            assertTrue(r.err.contains("serverz"), r.err);
            assertEquals(1, r.err.split("invalid configuration", -1).length - 1, "one message: " + r.err);
            assertFalse(r.err.contains("syt_secret_token_value"), "the token never appears in errors");
        }
    }

    @Test
    void theExampleConfigIsAcceptedByCheckConfig() throws Exception {
        Path example = Path.of("config.example.yaml").toAbsolutePath();
        Result r = run("check-config", "--offline", "-c", example.toString());
        // without TWIMBOT_ACCESS_TOKEN in this JVM's environment the example lacks its secret: exactly that is reported
        if (System.getenv("TWIMBOT_ACCESS_TOKEN") == null && System.getenv("TWIMBOT_PASSWORD") == null) {
            assertEquals(Main.EXIT_CONFIG, r.status, r.err);
            assertTrue(r.err.contains("set access_token or password"), r.err);
            assertEquals(
                    1, r.err.lines().filter(l -> l.strip().startsWith("- ")).count(), r.err);
        } else {
            assertEquals(0, r.status, r.err);
        }
    }

    @Test
    void checkConfigResolvesAliasesWhenTheHomeserverAnswers() throws Exception {
        try (DevServer server = DevServer.start(0, "localhost");
                DemoWeek week = new DemoWeek(server.baseUrl(), "localhost")) {
            week.cast();
            week.editor()
                    .client()
                    .inviteUser(week.roomId(), week.botUserId()); // the online check wants the bot invited
            Path config = dir.resolve("check.yaml");
            Files.writeString(config, DemoCommand.demoConfig(server.baseUrl(), week));
            Result good = run("check-config", "-c", config.toString());
            assertEquals(0, good.status, good.err);
            assertTrue(good.err.contains("room #twim:localhost is " + week.roomId()), good.err);
            Files.writeString(
                    config,
                    DemoCommand.demoConfig(server.baseUrl(), week).replace("#twim:localhost", "#nope:localhost"));
            Result bad = run("check-config", "-c", config.toString());
            assertEquals(Main.EXIT_CONFIG, bad.status, bad.err);
            assertTrue(bad.err.contains("alias #nope:localhost does not exist"), bad.err);
        }
    }

    /** A command's exit status and what it wrote to stderr. */
    record Result(int status, String err) {}

    /** Runs a twimbot command in this JVM, capturing stderr. */
    static Result run(String... args) {
        PrintStream original = System.err;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
        try {
            int status = Main.execute(args);
            return new Result(status, captured.toString(StandardCharsets.UTF_8));
        } finally {
            System.setErr(original);
        }
    }
}
