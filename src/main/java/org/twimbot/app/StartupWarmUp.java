package org.twimbot.app;

import org.twimbot.matrix.MatrixClient;
import org.twimbot.render.PostTemplate;
import org.twimbot.store.Store;

/**
 * The one-time initialisations of {@code run} that do not depend on the configuration — loading
 * SQLite's native library, the HTTP client's TLS trust store and the template engine — started on a
 * background thread while the main thread parses the command line and reads the configuration. On
 * the 2-core hosts the bot runs on they otherwise add up to about half the time to the first sync.
 * Best effort: the main thread does each of them again as it needs them (then cheaply, or with the
 * proper error report if one fails).
 */
final class StartupWarmUp {
    private StartupWarmUp() {}

    static void start() {
        Thread t = new Thread(StartupWarmUp::warm, "twimbot-warm-up");
        t.setDaemon(true);
        t.setPriority(Thread.NORM_PRIORITY - 1);
        t.start();
    }

    private static void warm() {
        try {
            Store.loadNativeLibrary();
            MatrixClient.defaultHttpClient();
            PostTemplate.load(null);
        } catch (RuntimeException | LinkageError e) {
            // ignored on purpose: the main thread meets the same problem and reports it
        }
    }
}
