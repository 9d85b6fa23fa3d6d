package org.twimbot.store;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Properties;
import java.util.concurrent.locks.ReentrantLock;
import org.sqlite.SQLiteConnection;
import org.sqlite.SQLiteJDBCLoader;

/**
 * The bot's SQLite database: one file, WAL journal, foreign keys on, schema migrated by
 * {@code PRAGMA user_version}. All access goes through {@link #transaction} / {@link #read},
 * serialised by one lock, so a sync batch's effects and its sync token commit together. The log is
 * copied into the database file by a {@link Checkpointer} in the background, not by the committing call.
 */
public final class Store implements AutoCloseable {
    private final Connection connection;
    private final Checkpointer checkpointer;
    private final ReentrantLock lock = new ReentrantLock();
    private final StoreTx tx;

    /** SQLite's result code for "file is not a database". */
    private static final int SQLITE_NOTADB = 26;

    private Store(Connection connection, Checkpointer checkpointer) {
        this.connection = connection;
        this.checkpointer = checkpointer;
        this.tx = new StoreTx(connection);
    }

    /** Opens (creating if needed, owner-only permissions) and migrates the database at {@code file}. */
    public static Store open(Path file) throws StoreException {
        try {
            Path parent = file.toAbsolutePath().getParent();
            if (parent != null) Files.createDirectories(parent);
            createOwnerOnly(file);
            Properties props = new Properties();
            // sqlite-jdbc otherwise prepares and runs "SELECT last_insert_rowid()" after every INSERT for
            // getGeneratedKeys(), which nothing here uses (Statements.insert asks itself): a third of the
            // statements on the ingest path
            props.setProperty("jdbc.get_generated_keys", "false");
            String url = "jdbc:sqlite:" + file.toAbsolutePath();
            Connection c = DriverManager.getConnection(url, props);
            try (Statement s = c.createStatement()) {
                s.execute("PRAGMA journal_mode=WAL");
                s.execute("PRAGMA foreign_keys=ON");
                s.execute("PRAGMA synchronous=NORMAL");
                s.execute("PRAGMA busy_timeout=5000");
                s.execute("PRAGMA wal_autocheckpoint=0"); // the Checkpointer's job
                // Reactions, edits and media look up submissions at random all through a catch-up while every event
                // adds keys at random places in a few indexes; in SQLite's 2 MiB default cache they keep evicting each
                // other (a 20,000-event catch-up builds a 16 MiB database). 8 MiB took a fifth off the applying
                // thread's
                // CPU time, as much as 16 or 32 MiB did. Native memory, taken only as the database grows.
                s.execute("PRAGMA cache_size=-8192");
            }
            try {
                Migrations.apply(c);
                c.setAutoCommit(false);
                return new Store(
                        c, new Checkpointer(url, props, file.getFileName().toString()));
            } catch (SQLException | RuntimeException e) {
                c.close();
                throw e;
            }
        } catch (SQLException e) {
            if (e.getErrorCode() == SQLITE_NOTADB) {
                throw new StoreException(
                        "cannot open database " + file + ": not an SQLite database (some other file has "
                                + "that name); move it away or choose another path",
                        e);
            }
            throw new StoreException("cannot open database " + file + ": " + e.getMessage(), e);
        } catch (IOException e) {
            throw new StoreException("cannot open database " + file + ": " + e.getMessage(), e);
        }
    }

    /** Loads SQLite's native library (extracted from the jar on first use); for warming up at start. */
    public static void loadNativeLibrary() {
        try {
            SQLiteJDBCLoader.initialize();
        } catch (Exception e) {
            throw new StoreException("cannot load SQLite's native library: " + e.getMessage(), e);
        }
    }

    /** Runs {@code work} in one transaction: all of it commits, or none of it on any exception. */
    public <T> T transaction(Work<T> work) {
        lock.lock();
        try {
            try {
                long changesBefore = totalChanges();
                T result = work.run(tx);
                tx.beforeCommit();
                boolean wrote = totalChanges() != changesBefore;
                connection.commit();
                tx.afterEnd(true);
                if (wrote) checkpointer.committed();
                return result;
            } catch (RuntimeException | Error e) {
                rollbackQuietly(e);
                throw e;
            } catch (SQLException e) {
                rollbackQuietly(e);
                throw new StoreException("database write failed: " + e.getMessage(), e);
            }
        } finally {
            lock.unlock();
        }
    }

    /** Same as {@link #transaction} for work that only reads (a consistent snapshot). */
    public <T> T read(Work<T> work) {
        return transaction(work);
    }

    public void write(VoidWork work) {
        transaction(t -> {
            work.run(t);
            return null;
        });
    }

    /** SQLite's own consistency check of the whole file: "ok" when sound. */
    public String integrityCheck() {
        return read(tx -> {
            try (var st = connection.createStatement();
                    var rs = st.executeQuery("PRAGMA integrity_check")) {
                return rs.next() ? rs.getString(1) : "no answer";
            }
        });
    }

    /** Rows changed by this connection since it opened (SQLite's own count; reading it is not a query). */
    private long totalChanges() throws SQLException {
        return connection.unwrap(SQLiteConnection.class).getDatabase().total_changes();
    }

    /** Blocks until the writes committed so far have been copied from the log into the database file. */
    void awaitCheckpoint() throws InterruptedException {
        checkpointer.awaitIdle();
    }

    @Override
    public void close() {
        lock.lock();
        try {
            checkpointer.close(); // first: the last connection to close copies what is left and removes the log
            connection.close();
        } catch (SQLException e) {
            throw new StoreException("closing database failed: " + e.getMessage(), e);
        } finally {
            lock.unlock();
        }
    }

    private void rollbackQuietly(Throwable cause) {
        tx.afterEnd(false);
        try {
            connection.rollback();
        } catch (SQLException e) {
            cause.addSuppressed(e);
        }
    }

    /** The database holds who said what; nobody else on the machine needs to read it. */
    private static void createOwnerOnly(Path file) throws IOException {
        if (Files.exists(file)) return;
        try {
            Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        } catch (UnsupportedOperationException e) {
            Files.createFile(file);
        }
    }

    @FunctionalInterface
    public interface Work<T> {
        T run(StoreTx tx) throws SQLException;
    }

    @FunctionalInterface
    public interface VoidWork {
        void run(StoreTx tx) throws SQLException;
    }
}
