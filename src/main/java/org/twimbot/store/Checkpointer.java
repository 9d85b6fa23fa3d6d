package org.twimbot.store;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Properties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Copies the write-ahead log back into the database file on its own thread and connection, after
 * commits. SQLite's automatic checkpoint runs inside the committing call, so a commit that crossed the
 * threshold also copied pages and waited for an fsync of the database file: about a tenth of a
 * catch-up's time. A passive checkpoint never blocks the writer, and a writer never waits for it.
 */
final class Checkpointer implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(Checkpointer.class);

    private final Connection connection;
    private final Thread thread;
    private final Object signal = new Object();
    /** Commits signalled and not yet followed by a finished checkpoint. */
    private long requested;

    private long done;
    private boolean closed;

    Checkpointer(String url, Properties props, String name) throws SQLException {
        this.connection = DriverManager.getConnection(url, props);
        this.thread = new Thread(this::loop, "twimbot-checkpoint-" + name);
        thread.setDaemon(true);
        thread.start();
    }

    /** A transaction committed: its pages wait in the log. Returns at once. */
    void committed() {
        synchronized (signal) {
            requested++;
            signal.notifyAll();
        }
    }

    /** Blocks until every commit signalled so far has been followed by a checkpoint (or the checkpointer closed). */
    void awaitIdle() throws InterruptedException {
        synchronized (signal) {
            long target = requested;
            while (done < target && !closed) signal.wait();
        }
    }

    private void loop() {
        while (true) {
            long target;
            synchronized (signal) {
                while (done == requested && !closed) {
                    try {
                        signal.wait();
                    } catch (InterruptedException e) {
                        return;
                    }
                }
                if (closed) return;
                target = requested; // commits arriving during this checkpoint are covered by the next one
            }
            checkpoint();
            synchronized (signal) {
                done = target;
                signal.notifyAll();
            }
        }
    }

    private void checkpoint() {
        try (Statement s = connection.createStatement();
                ResultSet rs = s.executeQuery("PRAGMA wal_checkpoint(PASSIVE)")) {
            if (rs.next() && log.isTraceEnabled()) {
                log.trace("checkpoint: {} of {} log pages copied", rs.getInt(3), rs.getInt(2));
            }
        } catch (SQLException e) {
            // the log keeps the pages and the next checkpoint (or the last connection's close) copies them
            log.warn("checkpoint failed: {}", e.getMessage());
        }
    }

    @Override
    public void close() {
        synchronized (signal) {
            closed = true;
            signal.notifyAll();
        }
        try {
            thread.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        try {
            connection.close();
        } catch (SQLException e) {
            log.warn("closing the checkpoint connection failed: {}", e.getMessage());
        }
    }
}
