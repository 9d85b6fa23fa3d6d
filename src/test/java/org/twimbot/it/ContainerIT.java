package org.twimbot.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.twimbot.app.ScriptedUser;
import org.twimbot.matrix.RoomEvent;

/**
 * The container image as the Dockerfile's header documents its first run: built from the real Dockerfile with podman
 * ({@code build-image}), started on a NEW empty volume with the configuration from the environment alone, against the
 * Synapse at TWIMBOT_IT_HOMESERVER (host network). It must take news, answer {@code !draft} with the file, run as uid
 * 10001, pass its own health check, print no JVM notice, and stop cleanly; a root-owned bind folder must be refused in
 * one line naming uid 10001 and the chown.
 *
 * <p>Runs only with TWIMBOT_IT_HOMESERVER and TWIMBOT_IT_CONTAINER=1 (podman needs root; .ci/run sets both). Set
 * TWIMBOT_IT_IMAGE to use an image already built instead of building one (development).
 */
class ContainerIT {
    private static final String PASSWORD = "container-it-password";
    private static final Duration WAIT = Duration.ofMinutes(3);

    @TempDir
    Path dir;

    private final String homeserver = System.getenv("TWIMBOT_IT_HOMESERVER");
    private final String conf = System.getenv().getOrDefault("WORK", "/tmp/twimbot-standins") + "/containers.conf";

    @Test
    void theDocumentedFirstRunWorksOnANewVolume() throws Exception {
        Assumptions.assumeTrue(
                homeserver != null && !homeserver.isBlank(), "TWIMBOT_IT_HOMESERVER is not set: no Synapse");
        Assumptions.assumeTrue(
                "1".equals(System.getenv("TWIMBOT_IT_CONTAINER")), "TWIMBOT_IT_CONTAINER=1 is not set: no podman");
        String image = imageUnderTest();
        String run = UUID.randomUUID().toString().substring(0, 8);
        String name = "twimbot-it-" + run;
        String volume = "twimbot-it-" + run;
        try (ScriptedUser editor = ScriptedUser.register(homeserver, "editor" + run, PASSWORD, "Editor");
                ScriptedUser alice = ScriptedUser.register(homeserver, "alice" + run, PASSWORD, "Alice")) {
            ScriptedUser.register(homeserver, "bot" + run, PASSWORD, "TWIM Bot").close();
            String server = editor.userId().substring(editor.userId().indexOf(':') + 1);
            String botId = "@bot" + run + ":" + server;
            String roomId = editor.client().createRoom("twim" + run, "TWIM " + run, true);
            String alias = "#twim" + run + ":" + server;
            alice.join(roomId);
            editor.client().inviteUser(roomId, botId);
            int healthPort = freePort();
            List<String> env = List.of(
                    "TWIMBOT_HOMESERVER_URL=" + homeserver, "TWIMBOT_HOMESERVER_USER_ID=" + botId,
                    "TWIMBOT_PASSWORD=" + PASSWORD, "TWIMBOT_ROOMS_SUBMISSIONS=" + alias,
                    "TWIMBOT_EDITORS_USERS=" + editor.userId(), "TWIMBOT_HTTP_HEALTH_PORT=" + healthPort);
            podman("volume", "create", volume);
            try {
                List<String> args = new ArrayList<>(
                        List.of("run", "-d", "--name", name, "--network", "host", "-v", volume + ":/data"));
                for (String e : env) args.addAll(List.of("-e", e));
                args.add(image);
                long started = System.nanoTime();
                podman(args.toArray(String[]::new));
                awaitHealthy(name);
                System.out.printf("ContainerIT: start to healthy %.1f s%n", (System.nanoTime() - started) / 1e9);

                editor.catchUp();
                String first =
                        alice.say(roomId, "TWIM: Container news one: the image runs from the environment alone.");
                alice.say(roomId, "TWIM: Container news two: a new volume needs no config file.");
                editor.say(roomId, "TWIM: Container news three, from the editor.");
                editor.await(
                                roomId,
                                e -> botId.equals(e.sender())
                                        && "m.reaction".equals(e.type())
                                        && first.equals(e.relatesTo()),
                                WAIT)
                        .orElseThrow(() -> new AssertionError("no ✍️ from the bot\n" + logs(name)));
                editor.say(roomId, "!draft");
                RoomEvent file = editor.await(
                                roomId, e -> botId.equals(e.sender()) && "m.file".equals(e.msgtype()), WAIT)
                        .orElseThrow(() -> new AssertionError("no draft file\n" + logs(name)));
                String draft = new String(
                        editor.client().download(file.content().path("url").asText(), 10_000_000),
                        StandardCharsets.UTF_8);
                assertTrue(draft.contains("Container news one") && draft.contains("Container news three"), draft);

                assertEquals("10001", podman("exec", name, "id", "-u").strip());
                assertEquals("", podman("healthcheck", "run", name).strip(), "healthy: exit 0, nothing said");
                String log = logs(name);
                assertFalse(log.contains("Picked up"), log);
                assertFalse(log.contains("\tat "), log);
                assertTrue(log.contains("configuration from the environment alone"), log);

                long stopping = System.nanoTime();
                podman("stop", "-t", "10", name);
                System.out.printf("ContainerIT: stopped in %.1f s%n", (System.nanoTime() - stopping) / 1e9);
                assertEquals(
                        "0",
                        podman("inspect", "--format", "{{.State.ExitCode}}", name)
                                .strip(),
                        logs(name));
                String files = podman(
                        "run",
                        "--rm",
                        "--no-healthcheck",
                        "-v",
                        volume + ":/data",
                        "--entrypoint",
                        "ls",
                        image,
                        "/data");
                assertTrue(files.contains("twimbot.db"), "the database is in the volume: " + files);
            } finally {
                podmanQuietly("rm", "-f", name);
                podmanQuietly("volume", "rm", "-f", volume);
            }
            rootOwnedBindFolderIsOneLine(image, env);
        }
    }

    /** A host folder owned by root (the bot runs as 10001): one line with the uid and the chown, exit 4. */
    private void rootOwnedBindFolderIsOneLine(String image, List<String> env) throws Exception {
        Path data = Files.createDirectory(dir.resolve("data")); // created by this (root) process, mode 755
        List<String> args =
                new ArrayList<>(List.of("run", "--rm", "--no-healthcheck", "--network", "host", "-v", data + ":/data"));
        for (String e : env) args.addAll(List.of("-e", e));
        args.add(image);
        Result r = exec(podmanCommand(args.toArray(String[]::new)));
        assertEquals(4, r.status(), r.output());
        assertTrue(r.output().contains("not writable by uid 10001"), r.output());
        assertTrue(r.output().contains("chown -R 10001:10001"), r.output());
        assertFalse(r.output().contains("\tat "), r.output());
    }

    private String imageUnderTest() throws Exception {
        String given = System.getenv("TWIMBOT_IT_IMAGE");
        if (given != null && !given.isBlank()) return given;
        String script = System.getenv().getOrDefault("TWIMBOT_IT_BUILD_IMAGE", "../shared/container/build-image");
        long started = System.nanoTime();
        Result r = exec(List.of(script, Path.of("").toAbsolutePath().toString(), "twimbot-it"));
        assertEquals(0, r.status(), r.output());
        System.out.printf("ContainerIT: image built in %.0f s%n", (System.nanoTime() - started) / 1e9);
        return "twimbot-it";
    }

    private void awaitHealthy(String name) throws Exception {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (System.nanoTime() < deadline) {
            if (exec(podmanCommand("healthcheck", "run", name)).status() == 0) return;
            if (!podman("inspect", "--format", "{{.State.Running}}", name)
                    .strip()
                    .equals("true")) {
                throw new AssertionError("the container exited\n" + logs(name));
            }
            Thread.sleep(1000);
        }
        throw new AssertionError("not healthy within " + WAIT + "\n" + logs(name));
    }

    private String logs(String name) {
        try {
            return exec(podmanCommand("logs", name)).output();
        } catch (Exception e) {
            return "(no logs: " + e + ")";
        }
    }

    private String podman(String... args) throws Exception {
        Result r = exec(podmanCommand(args));
        if (r.status() != 0)
            throw new AssertionError("podman " + String.join(" ", args) + ": exit " + r.status() + "\n" + r.output());
        return r.output();
    }

    private void podmanQuietly(String... args) {
        try {
            exec(podmanCommand(args));
        } catch (Exception e) {
            // cleaning up after a failure: the failure is what matters
        }
    }

    private static List<String> podmanCommand(String... args) {
        List<String> command = new ArrayList<>(List.of("podman"));
        command.addAll(List.of(args));
        return command;
    }

    private record Result(int status, String output) {}

    private Result exec(List<String> command) throws IOException, InterruptedException {
        ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true);
        Map<String, String> env = pb.environment();
        env.put("CONTAINERS_CONF", conf);
        Path out = Files.createTempFile(dir, "exec", ".log");
        pb.redirectOutput(out.toFile());
        Process p = pb.start();
        if (!p.waitFor(30, TimeUnit.MINUTES)) {
            p.destroyForcibly();
            throw new AssertionError(String.join(" ", command) + ": no end within 30 minutes");
        }
        return new Result(p.exitValue(), Files.readString(out));
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }
}
