package org.twimbot.it;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A test's own directory under {@code target/it-work}: the bot's config, database and logs stay there after
 * the run, so that a failure in CI can be read afterwards ({@code mvn clean} removes them).
 */
final class WorkDir {
    private WorkDir() {}

    static Path create(String name) throws IOException {
        return Files.createDirectories(
                Path.of("target", "it-work", Homeserver.unique(name)).toAbsolutePath());
    }
}
