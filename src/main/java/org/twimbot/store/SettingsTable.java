package org.twimbot.store;

import java.sql.SQLException;
import java.util.Optional;

/** Small named values the bot keeps across restarts: the sync token, the device id and access token, the bot's user id, … */
public final class SettingsTable {
    public static final String SYNC_TOKEN = "sync_token";
    public static final String DEVICE_ID = "device_id";
    public static final String USER_ID = "user_id";
    /**
     * The access token a password login returned, used again at the next start: a homeserver that scopes
     * transaction ids per token (Synapse 1.67) only recognises a reply re-sent after a crash under the same token.
     * A secret: never logged.
     */
    public static final String ACCESS_TOKEN = "access_token";
    /** The display name of the editor who last sent !draft: the offline draft's author when render.author is not set. */
    public static final String LAST_DRAFT_AUTHOR = "last_draft_author";
    /** When the bot last posted its start notice (epoch ms): none again within a minute. */
    public static final String LAST_START_NOTICE = "last_start_notice";

    private final Statements st;

    SettingsTable(Statements st) {
        this.st = st;
    }

    public Optional<String> get(String key) throws SQLException {
        return st.one("SELECT value FROM settings WHERE key = ?", rs -> rs.getString(1), key);
    }

    public void put(String key, String value) throws SQLException {
        st.update(
                "INSERT INTO settings(key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value",
                key,
                value);
    }
}
