package org.twimbot.bot;

/**
 * Something the operator must fix before the bot can run, said in one line with what to do, and its {@link Kind}, which
 * the command line turns into the documented exit status (README, Commands). The message is printed alone, without a
 * stack trace: the cause is known and the trace would bury the advice. Messages never hold a secret.
 */
public final class StartupFailure extends RuntimeException {
    /** What the operator must fix. */
    public enum Kind {
        /** A setting is wrong. */
        CONFIG,
        /** The homeserver refused the credentials. */
        AUTH,
        /** A port, folder or file the configuration names cannot be used on this machine. */
        UNAVAILABLE
    }

    private final Kind kind;

    private StartupFailure(Kind kind, String message) {
        super(message, null, false, false);
        this.kind = kind;
    }

    /** A setting is wrong (the URL is no Matrix server, the token belongs to someone else ...). */
    public static StartupFailure config(String message) {
        return new StartupFailure(Kind.CONFIG, message);
    }

    /** The homeserver refused the credentials. */
    static StartupFailure auth(String message) {
        return new StartupFailure(Kind.AUTH, message);
    }

    /** A port, folder or file the configuration names cannot be used on this machine. */
    public static StartupFailure unavailable(String message) {
        return new StartupFailure(Kind.UNAVAILABLE, message);
    }

    public Kind kind() {
        return kind;
    }
}
