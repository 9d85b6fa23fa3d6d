package org.twimbot.store;

import java.sql.SQLException;
import java.util.List;
import org.twimbot.ping.Pong;

/** The ping bot's answers read in the ping room, by edition (Dept of Ping). */
public final class PongsTable {
    private final Statements st;

    PongsTable(Statements st) {
        this.st = st;
    }

    /**
     * Files one answer under {@code editionId}. Keyed by event id: an answer read twice (a replayed batch, a gap
     * filled again) counts once, under the edition it was first filed in.
     */
    public void add(String eventId, long editionId, String roomId, Pong pong, long originTs) throws SQLException {
        st.update(
                "INSERT OR IGNORE INTO pongs(event_id, edition_id, room_id, server, ms, origin_ts)"
                        + " VALUES (?, ?, ?, ?, ?, ?)",
                eventId,
                editionId,
                roomId,
                pong.server(),
                pong.ms(),
                originTs);
    }

    /** Every answer filed under the edition, in no particular order (the ranking sorts). */
    public List<Pong> ofEdition(long editionId) throws SQLException {
        return st.list(
                "SELECT server, ms FROM pongs WHERE edition_id = ?",
                rs -> new Pong(rs.getString(1), rs.getLong(2)),
                editionId);
    }

    /** {@code !reopen}: the answers read since the publish belong to the reopened week, like the news. */
    public int moveToEdition(long fromEditionId, long toEditionId) throws SQLException {
        return st.update("UPDATE pongs SET edition_id = ? WHERE edition_id = ?", toEditionId, fromEditionId);
    }
}
