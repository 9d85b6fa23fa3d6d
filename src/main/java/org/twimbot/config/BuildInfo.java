package org.twimbot.config;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;

/** What Maven wrote into the jar at build time. */
public final class BuildInfo {
    private static final String VERSION = load();

    private BuildInfo() {}

    /** The project version, e.g. {@code 0.1.0-SNAPSHOT}; "unknown" when run from unpackaged classes without resources. */
    public static String version() {
        return VERSION;
    }

    private static String load() {
        try (InputStream in = BuildInfo.class.getResourceAsStream("/org/twimbot/version.properties")) {
            Properties p = new Properties();
            if (in != null) p.load(in);
            return p.getProperty("version", "unknown");
        } catch (IOException e) {
            return "unknown";
        }
    }
}
