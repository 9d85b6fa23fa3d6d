package org.twimbot.bot;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.twimbot.app.Main;
import org.twimbot.store.Store;

/** {@code twimbot run} in a separate JVM, as an operator runs it, for tests that kill or signal it. */
final class ChildBot {
    private ChildBot() {}

    /**
     * The child gets a temporary directory next to its configuration: sqlite-jdbc unpacks its 1 MB native
     * library there and deletes it only on a clean exit, so every killed child would leave one in /tmp.
     */
    static Process launch(Path config, Path log, String... jvmOptions) throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Path tmp = Files.createDirectories(config.toAbsolutePath().resolveSibling("child-tmp"));
        List<String> command = new ArrayList<>(
                List.of(java, "-Xmx64m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-Djava.io.tmpdir=" + tmp));
        command.addAll(List.of(jvmOptions));
        command.addAll(List.of(
                "-cp", System.getProperty("java.class.path"), Main.class.getName(), "run", "-c", config.toString()));
        return new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(log.toFile())
                .start();
    }

    static long processed(Store store) {
        return store.read(tx -> tx.processed().count());
    }

    /**
     * Waits until the bot has committed something beyond {@code before}; false when it did not within 60 s. Generous:
     * on a loaded machine a child JVM can take several seconds to start and its first requests are retried.
     */
    static boolean awaitProgress(Store store, long before, Process bot) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (System.nanoTime() < deadline && bot.isAlive()) {
            if (processed(store) > before) return true;
            Thread.sleep(5);
        }
        return false;
    }

    /** Waits until {@code eventId} is processed; fails the test after {@code timeout}. */
    static void awaitProcessed(Store store, String eventId, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            boolean done = store.read(tx -> tx.processed().isProcessed(eventId));
            if (done) return;
            Thread.sleep(50);
        }
        throw new AssertionError("the bot did not reach " + eventId + " within " + timeout);
    }
}
