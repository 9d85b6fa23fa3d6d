package org.twimbot.it;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The bot jar ({@code target/twimbot.jar}, built by {@code package}) running {@code twimbot run} as its own
 * process with the Docker image's JVM flags, as an operator runs it. Its output goes to a log file the test
 * reads; it can be stopped politely (SIGTERM) or killed (SIGKILL) and started again on the same database.
 */
final class BotProcess implements AutoCloseable {
    /**
     * The Dockerfile's heap and collector (its JAVA_OPTS but the exit on OOM), so that the memory figure is the image's; {@code -Dtwimbot.it.jvm="…"}
     * tries other flags.
     */
    static final List<String> JVM_FLAGS =
            List.of(System.getProperty("twimbot.it.jvm", "-Xmx64m -Xms16m -XX:+UseSerialGC")
                    .trim()
                    .split("\\s+"));

    private final Path config;
    private final Map<String, String> env;
    private final Path dir;
    private Process process;
    private Path log;
    private int starts;

    /**
     * @param config the config file; its directory also holds the logs and the database
     * @param env    extra environment, e.g. TWIMBOT_PASSWORD
     */
    BotProcess(Path config, Map<String, String> env) {
        this.config = config;
        this.env = env;
        this.dir = config.toAbsolutePath().getParent();
    }

    static Path jar() {
        String jar = System.getProperty("twimbot.jar", "target/twimbot.jar");
        Path path = Path.of(jar);
        if (!Files.isRegularFile(path))
            throw new IllegalStateException("no bot jar at " + path + ": run mvn package first");
        return path;
    }

    /** Starts a new bot process (the previous one must have ended). */
    BotProcess start() throws IOException {
        if (process != null && process.isAlive()) throw new IllegalStateException("the bot is still running");
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        // sqlite-jdbc unpacks its native library into java.io.tmpdir and deletes it only on a clean exit
        Path tmp = Files.createDirectories(dir.resolve("tmp"));
        List<String> command = new ArrayList<>(List.of(java));
        command.addAll(JVM_FLAGS);
        command.addAll(List.of("-Djava.io.tmpdir=" + tmp, "-jar", jar().toString(), "run", "-c", config.toString()));
        log = dir.resolve("bot-" + (++starts) + ".log");
        ProcessBuilder pb =
                new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
        pb.environment().keySet().removeIf(k -> k.startsWith("TWIMBOT_IT_")); // the suite's settings are not the bot's
        pb.environment().putAll(env);
        process = pb.start();
        return this;
    }

    /** This start's output so far. */
    String log() throws IOException {
        return log == null || !Files.exists(log) ? "" : Files.readString(log);
    }

    /** Every start's output so far. */
    String allLogs() throws IOException {
        StringBuilder all = new StringBuilder();
        for (int i = 1; i <= starts; i++) {
            Path p = dir.resolve("bot-" + i + ".log");
            if (Files.exists(p)) all.append(Files.readString(p));
        }
        return all.toString();
    }

    /** Waits until this start's log contains {@code text}; fails when the bot ends or the deadline passes first. */
    void awaitLog(String text, Duration timeout) throws Exception {
        Eventually.until("the bot logs \"" + text + "\"", timeout, () -> {
            if (log().contains(text)) return true;
            if (!process.isAlive())
                throw new AssertionError(
                        "the bot ended (exit " + process.exitValue() + ") before logging \"" + text + "\":\n" + log());
            return false;
        });
    }

    boolean alive() {
        return process != null && process.isAlive();
    }

    long pid() {
        return process.pid();
    }

    /** Resident memory of the bot's JVM in KiB, from /proc. */
    long rssKiB() throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc/" + process.pid() + "/status"))) {
            if (line.startsWith("VmRSS:")) return Long.parseLong(line.replaceAll("\\D+", ""));
        }
        throw new IOException("no VmRSS for " + process.pid());
    }

    /** SIGKILL, as a crash or the OOM killer would. */
    void kill9() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor(30, TimeUnit.SECONDS);
    }

    /** SIGTERM and wait; returns the exit code. */
    int stop() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
            throw new AssertionError("the bot did not stop within 60 s of SIGTERM");
        }
        return process.exitValue();
    }

    /** Waits for the process to end by itself; null when it is still running after {@code timeout}. */
    Integer awaitExit(Duration timeout) throws InterruptedException {
        return process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS) ? process.exitValue() : null;
    }

    @Override
    public void close() throws InterruptedException {
        if (alive()) {
            process.destroy();
            if (!process.waitFor(30, TimeUnit.SECONDS))
                process.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
        }
    }
}
