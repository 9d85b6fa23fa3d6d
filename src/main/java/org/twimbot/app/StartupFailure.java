package org.twimbot.app;

/**
 * Something the operator must fix before the bot can run, said in one line with what to do, and the
 * documented exit status (README, Commands): {@link Main#EXIT_CONFIG}, {@link Main#EXIT_AUTH} or
 * {@link Main#EXIT_UNAVAILABLE}. {@link Main} prints the message alone, without a stack trace: the
 * cause is known and the trace would bury the advice. Messages never hold a secret.
 */
final class StartupFailure extends RuntimeException {
    private final int exitCode;

    private StartupFailure(int exitCode, String message) {
        super(message, null, false, false);
        this.exitCode = exitCode;
    }

    /** A setting is wrong (the URL is no Matrix server, the token belongs to someone else ...). */
    static StartupFailure config(String message) {
        return new StartupFailure(Main.EXIT_CONFIG, message);
    }

    /** The homeserver refused the credentials. */
    static StartupFailure auth(String message) {
        return new StartupFailure(Main.EXIT_AUTH, message);
    }

    /** A port, folder or file the configuration names cannot be used on this machine. */
    static StartupFailure unavailable(String message) {
        return new StartupFailure(Main.EXIT_UNAVAILABLE, message);
    }

    int exitCode() {
        return exitCode;
    }
}
