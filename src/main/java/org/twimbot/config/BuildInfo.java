package org.twimbot.config;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;

/** What Maven wrote into the jar at build time. */
public final class BuildInfo {
    private static final Properties PROPERTIES = load();

    private BuildInfo() {}

    /** The project version, e.g. {@code 0.1.0-SNAPSHOT}; "unknown" when run from unpackaged classes without resources. */
    public static String version() {
        return value("version");
    }

    /**
     * The abbreviated git commit the jar was built from, or "unknown" when the build had no git checkout (a source
     * archive, the Docker build) or no git: the pom then leaves the placeholder unfilled.
     */
    public static String commit() {
        return value("commit");
    }

    private static String value(String key) {
        String v = PROPERTIES.getProperty(key, "").strip();
        return v.isEmpty() || v.startsWith("${") ? "unknown" : v;
    }

    private static Properties load() {
        Properties p = new Properties();
        try (InputStream in = BuildInfo.class.getResourceAsStream("/org/twimbot/version.properties")) {
            if (in != null) p.load(in);
        } catch (IOException e) {
            // an unreadable resource in our own jar: report "unknown" rather than fail a --version
        }
        return p;
    }
}
