package org.twimbot.app;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import org.slf4j.LoggerFactory;

/** Sets log levels at run time from the config ({@code logging.level}) or the command line. */
final class Logging {
    private Logging() {}

    static void setLevel(String level) {
        Logger twimbot = (Logger) LoggerFactory.getLogger("org.twimbot");
        twimbot.setLevel(Level.toLevel(level, Level.INFO));
    }
}
