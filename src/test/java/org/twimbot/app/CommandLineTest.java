package org.twimbot.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** The command line as a newcomer meets it: {@code help}, {@code --version}, and README's table of commands. */
class CommandLineTest {
    @Test
    void helpListsEveryCommand() {
        CliRun r = CliRun.of("help");
        assertEquals(0, r.status(), r.all());
        for (String name : subcommands()) assertTrue(r.out().contains(name), name + " missing from:\n" + r.all());
        CliRun sub = CliRun.of("help", "check-config");
        assertEquals(0, sub.status(), sub.all());
        assertTrue(sub.out().contains("--offline"), sub.all());
    }

    @Test
    void versionNamesTheCommitTheJarWasBuiltFrom() throws Exception {
        CliRun r = CliRun.of("--version");
        assertEquals(0, r.status(), r.all());
        Matcher m = Pattern.compile("twimbot (\\S+) \\(commit ([0-9a-f]{7,40}|unknown)\\)")
                .matcher(r.out().strip());
        assertTrue(m.matches(), r.all());
        assertEquals(Main.version(), m.group(1));
        String head = gitHead();
        // built from a git checkout with git installed: that commit; from a source archive: "unknown"
        assertEquals(head == null ? "unknown" : head, m.group(2), r.all());
    }

    @Test
    void readmesCommandTableListsEveryCommand() throws IOException {
        String readme = Files.readString(Path.of("README.md"), StandardCharsets.UTF_8);
        String table = readme.substring(readme.indexOf("## Commands"));
        for (String name : subcommands()) {
            assertTrue(table.contains("| `twimbot " + name), "README's Commands table lacks twimbot " + name);
        }
    }

    private static List<String> subcommands() {
        return new CommandLine(new Main())
                .getSubcommands().keySet().stream()
                        .filter(n -> !n.equals("help"))
                        .toList();
    }

    /** The abbreviated HEAD commit as the build takes it, or null without git or a checkout. */
    private static String gitHead() throws InterruptedException {
        if (!Files.exists(Path.of(".git"))) return null;
        try {
            Process p = new ProcessBuilder("git", "rev-parse", "--short=12", "HEAD")
                    .redirectErrorStream(true)
                    .start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
            if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) return null;
            return out;
        } catch (IOException e) {
            return null;
        }
    }
}
