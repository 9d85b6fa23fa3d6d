package org.twimbot.devserver;

/**
 * An in-memory Matrix homeserver implementing the subset of the client-server API the bot
 * uses, on the JDK's HTTP server. For the demo and the end-to-end tests, never for production.
 */
public final class DevServer implements AutoCloseable {

    /** Starts on 127.0.0.1:{@code port} (0 = any free port). {@code serverName} is the part after ':' in ids, e.g. "localhost". */
    public static DevServer start(int port, String serverName) { throw new UnsupportedOperationException("TODO"); }

    /** e.g. {@code http://127.0.0.1:34567} */
    public String baseUrl() { throw new UnsupportedOperationException("TODO"); }

    public String serverName() { throw new UnsupportedOperationException("TODO"); }

    @Override
    public void close() { throw new UnsupportedOperationException("TODO"); }
}
