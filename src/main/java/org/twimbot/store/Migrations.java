package org.twimbot.store;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;

/**
 * Schema versions, applied in order inside one transaction each. {@code PRAGMA user_version}
 * records the last applied one; never edit a released step, add a new one.
 */
final class Migrations {
    private Migrations() {}

    private static final List<String[]> STEPS = List.<String[]>of(
            new String[] {
                """
                CREATE TABLE settings (
                    key   TEXT PRIMARY KEY,
                    value TEXT NOT NULL)""",
                """
                CREATE TABLE processed_events (
                    event_id TEXT PRIMARY KEY) WITHOUT ROWID""",
                """
                CREATE TABLE editions (
                    id           INTEGER PRIMARY KEY,
                    date         TEXT NOT NULL,
                    status       TEXT NOT NULL CHECK (status IN ('open', 'published')),
                    live_url     TEXT,
                    opened_at    INTEGER NOT NULL,
                    published_at INTEGER)""",
                "CREATE UNIQUE INDEX one_open_edition ON editions(status) WHERE status = 'open'",
                """
                CREATE TABLE submissions (
                    id           INTEGER PRIMARY KEY,
                    edition_id   INTEGER NOT NULL REFERENCES editions(id),
                    number       INTEGER NOT NULL,
                    event_id     TEXT NOT NULL UNIQUE,
                    room_id      TEXT NOT NULL,
                    sender       TEXT NOT NULL,
                    origin_ts    INTEGER NOT NULL,
                    body         TEXT NOT NULL,
                    html         TEXT,
                    deleted      INTEGER NOT NULL DEFAULT 0,
                    rejected     INTEGER NOT NULL DEFAULT 0,
                    edited_ts    INTEGER,
                    drafted_ts   INTEGER,
                    UNIQUE (edition_id, number))""",
                """
                CREATE TABLE placements (
                    id              INTEGER PRIMARY KEY,
                    submission_id   INTEGER NOT NULL REFERENCES submissions(id),
                    kind            TEXT NOT NULL CHECK (kind IN ('section', 'project')),
                    key             TEXT NOT NULL,
                    source_event_id TEXT,
                    editor          TEXT NOT NULL,
                    provisional     INTEGER NOT NULL DEFAULT 0,
                    created_ts      INTEGER NOT NULL,
                    removed         INTEGER NOT NULL DEFAULT 0)""",
                "CREATE INDEX placements_by_submission ON placements(submission_id)",
                "CREATE INDEX placements_by_source ON placements(source_event_id)",
                """
                CREATE TABLE media (
                    id            INTEGER PRIMARY KEY,
                    submission_id INTEGER NOT NULL REFERENCES submissions(id),
                    event_id      TEXT NOT NULL UNIQUE,
                    kind          TEXT NOT NULL,
                    file_name     TEXT NOT NULL,
                    mxc_uri       TEXT NOT NULL,
                    mime_type     TEXT,
                    origin_ts     INTEGER NOT NULL,
                    detached      INTEGER NOT NULL DEFAULT 0)""",
                """
                CREATE TABLE members (
                    room_id      TEXT NOT NULL,
                    user_id      TEXT NOT NULL,
                    display_name TEXT,
                    membership   TEXT NOT NULL,
                    PRIMARY KEY (room_id, user_id)) WITHOUT ROWID""",
                """
                CREATE TABLE outbox (
                    id      INTEGER PRIMARY KEY,
                    kind    TEXT NOT NULL,
                    room_id TEXT NOT NULL,
                    txn_id  TEXT NOT NULL UNIQUE,
                    payload TEXT NOT NULL)"""
            },
            new String[] {
                """
                CREATE TABLE messages (
                    event_id  TEXT PRIMARY KEY,
                    room_id   TEXT NOT NULL,
                    sender    TEXT NOT NULL,
                    origin_ts INTEGER NOT NULL,
                    body      TEXT NOT NULL,
                    html      TEXT)""",
                "CREATE INDEX messages_by_ts ON messages(origin_ts)",
                """
                CREATE TABLE rejections (
                    id              INTEGER PRIMARY KEY,
                    submission_id   INTEGER NOT NULL REFERENCES submissions(id),
                    source_event_id TEXT NOT NULL,
                    editor          TEXT NOT NULL,
                    created_ts      INTEGER NOT NULL,
                    removed         INTEGER NOT NULL DEFAULT 0)""",
                "CREATE INDEX rejections_by_source ON rejections(source_event_id)",
                """
                CREATE TABLE catalog_projects (
                    key         TEXT PRIMARY KEY,
                    title       TEXT NOT NULL,
                    section     TEXT NOT NULL,
                    website     TEXT NOT NULL,
                    description TEXT NOT NULL,
                    added_by    TEXT NOT NULL,
                    added_ts    INTEGER NOT NULL)"""
            },
            new String[] {
                "ALTER TABLE submissions ADD COLUMN via TEXT NOT NULL DEFAULT 'prefix'",
                "ALTER TABLE submissions ADD COLUMN withdrawn INTEGER NOT NULL DEFAULT 0",
                "ALTER TABLE submissions ADD COLUMN orig_body TEXT",
                "ALTER TABLE submissions ADD COLUMN orig_html TEXT",
                "UPDATE submissions SET orig_body = body, orig_html = html",
                "ALTER TABLE messages ADD COLUMN related_event_id TEXT",
                "CREATE INDEX messages_by_related ON messages(related_event_id)",
                """
                CREATE TABLE edits (
                    event_id        TEXT PRIMARY KEY,
                    target_event_id TEXT NOT NULL,
                    sender          TEXT NOT NULL,
                    origin_ts       INTEGER NOT NULL,
                    body            TEXT NOT NULL,
                    html            TEXT,
                    redacted        INTEGER NOT NULL DEFAULT 0)""",
                "CREATE INDEX edits_by_target ON edits(target_event_id)",
                """
                CREATE TABLE media_events (
                    event_id         TEXT PRIMARY KEY,
                    room_id          TEXT NOT NULL,
                    sender           TEXT NOT NULL,
                    origin_ts        INTEGER NOT NULL,
                    kind             TEXT NOT NULL,
                    file_name        TEXT NOT NULL,
                    mxc_uri          TEXT NOT NULL,
                    mime_type        TEXT,
                    related_event_id TEXT)"""
            },
            new String[] {
                // chat memory is bounded per room (MessagesTable): the text's size is kept next to the row, in an
                // index, so a room's total is summed without reading the text itself
                "ALTER TABLE messages ADD COLUMN over_length INTEGER NOT NULL DEFAULT 0",
                "ALTER TABLE messages ADD COLUMN size INTEGER NOT NULL DEFAULT 0",
                "UPDATE messages SET size = length(CAST(body AS BLOB)) + coalesce(length(CAST(html AS BLOB)), 0)",
                "CREATE INDEX messages_by_room ON messages(room_id, origin_ts, size)"
            },
            new String[] {
                // events whose work failed and was rolled back (a defect met): kept with the reason, for !status
                """
                CREATE TABLE failed_events (
                    event_id  TEXT PRIMARY KEY,
                    room_id   TEXT NOT NULL,
                    reason    TEXT NOT NULL,
                    failed_at INTEGER NOT NULL) WITHOUT ROWID"""
            },
            new String[] {
                // Dept of Ping: the ping bot's answers, one row per answer, filed under the edition open when read
                """
                CREATE TABLE pongs (
                    event_id   TEXT PRIMARY KEY,
                    edition_id INTEGER NOT NULL REFERENCES editions(id),
                    room_id    TEXT NOT NULL,
                    server     TEXT NOT NULL,
                    ms         INTEGER NOT NULL,
                    origin_ts  INTEGER NOT NULL) WITHOUT ROWID""", "CREATE INDEX pongs_by_edition ON pongs(edition_id)"
            });

    static void apply(Connection c) throws SQLException {
        int version = userVersion(c);
        if (version > STEPS.size()) {
            throw new SQLException("database schema version " + version + " is newer than this twimbot (" + STEPS.size()
                    + "); upgrade twimbot");
        }
        for (int v = version; v < STEPS.size(); v++) {
            c.setAutoCommit(false);
            try (Statement s = c.createStatement()) {
                for (String sql : STEPS.get(v)) s.execute(sql);
                s.execute("PRAGMA user_version = " + (v + 1));
                c.commit();
            } catch (SQLException e) {
                c.rollback();
                throw e;
            } finally {
                c.setAutoCommit(true);
            }
        }
    }

    static int userVersion(Connection c) throws SQLException {
        try (Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("PRAGMA user_version")) {
            return rs.next() ? rs.getInt(1) : 0;
        }
    }

    static int latest() {
        return STEPS.size();
    }
}
