package org.twimbot.it;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** One run of the bot jar's command line to its end (check-config, or a run that refuses to start): exit code and output. */
record CliProcess(int exit, String output) {
    static CliProcess run(Path workDir, Map<String, String> env, String... args) throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> command = new ArrayList<>(List.of(java));
        command.addAll(BotProcess.JVM_FLAGS);
        command.add("-Djava.io.tmpdir=" + Files.createDirectories(workDir.resolve("tmp")));
        command.addAll(List.of("-jar", BotProcess.jar().toString()));
        command.addAll(List.of(args));
        Path out = Files.createTempFile(workDir, "cli-", ".log");
        ProcessBuilder pb =
                new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(out.toFile());
        pb.environment().keySet().removeIf(k -> k.startsWith("TWIMBOT_IT_")); // the suite's settings are not the bot's
        pb.environment().putAll(env);
        Process p = pb.start();
        if (!p.waitFor(120, TimeUnit.SECONDS)) {
            p.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
            throw new AssertionError(
                    "twimbot " + String.join(" ", args) + " did not end within 120 s:\n" + Files.readString(out));
        }
        return new CliProcess(p.exitValue(), Files.readString(out));
    }

    /** The ✔ and ✘ lines. */
    List<String> marks() {
        return output.lines()
                .filter(l -> l.startsWith("✔") || l.startsWith("✘"))
                .toList();
    }

    boolean fails(String text) {
        return marks().stream().anyMatch(l -> l.startsWith("✘") && l.contains(text));
    }
}
