package org.twimbot.config;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * A secret read from the file a {@code TWIMBOT_*_FILE} variable names: Docker and Podman secrets
 * ({@code /run/secrets/NAME}) and systemd credentials ({@code $CREDENTIALS_DIRECTORY/NAME}) hand
 * secrets over this way, so they stay out of the environment of every child process and out of
 * {@code docker inspect}. Problems name the variable and the file, never the content.
 */
final class SecretFile {
    /** A token or password is a line; a variable pointing at a log or a disk image must not be read whole. */
    static final int MAX_BYTES = 64 * 1024;

    private SecretFile() {}

    /**
     * The file's content without its line end(s) (editors and {@code echo} add one), or null with the
     * problem added to {@code problems}.
     */
    static String read(String variable, String file, List<String> problems) {
        Path path = Path.of(file);
        byte[] bytes;
        try (InputStream in = Files.newInputStream(path)) {
            bytes = in.readNBytes(MAX_BYTES + 1);
        } catch (IOException | RuntimeException e) {
            problems.add(
                    variable + ": cannot read " + path + " (" + e.getClass().getSimpleName() + ")");
            return null;
        }
        if (bytes.length > MAX_BYTES) {
            problems.add(variable + ": " + path + " is larger than " + MAX_BYTES
                    + " bytes; it should hold the secret alone");
            return null;
        }
        String text = new String(bytes, StandardCharsets.UTF_8);
        int end = text.length();
        while (end > 0 && (text.charAt(end - 1) == '\n' || text.charAt(end - 1) == '\r')) end--;
        if (end == 0) {
            problems.add(variable + ": " + path + " is empty");
            return null;
        }
        return text.substring(0, end);
    }
}
