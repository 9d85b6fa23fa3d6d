package org.twimbot.store;

import java.sql.SQLException;
import java.util.Optional;

/** Room members' display names, kept from m.room.member events so rendering needs no profile lookups. */
public final class MembersTable {
    private final Statements st;

    MembersTable(Statements st) {
        this.st = st;
    }

    public void upsert(String roomId, String userId, String displayName, String membership) throws SQLException {
        st.update(
                "INSERT INTO members(room_id, user_id, display_name, membership) VALUES (?, ?, ?, ?) "
                        + "ON CONFLICT(room_id, user_id) DO UPDATE SET display_name = excluded.display_name, "
                        + "membership = excluded.membership",
                roomId,
                userId,
                displayName,
                membership);
    }

    /** A membership change written by someone else (kick, invite, ban): the user's own display name is kept. */
    public void setMembership(String roomId, String userId, String membership) throws SQLException {
        st.update(
                "INSERT INTO members(room_id, user_id, display_name, membership) VALUES (?, ?, NULL, ?) "
                        + "ON CONFLICT(room_id, user_id) DO UPDATE SET membership = excluded.membership",
                roomId,
                userId,
                membership);
    }

    /** Records that the user is joined, unless the room's membership of that user is already known (from its events). */
    public void seedJoined(String roomId, String userId) throws SQLException {
        st.update(
                "INSERT INTO members(room_id, user_id, display_name, membership) VALUES (?, ?, NULL, 'join') "
                        + "ON CONFLICT(room_id, user_id) DO NOTHING",
                roomId,
                userId);
    }

    /** Whether the user's latest known membership of the room is {@code join}. */
    public boolean isJoined(String roomId, String userId) throws SQLException {
        return st.one(
                        "SELECT 1 FROM members WHERE room_id = ? AND user_id = ? AND membership = 'join'",
                        rs -> true,
                        roomId,
                        userId)
                .isPresent();
    }

    /** The user's display name in the room, else in any room, else empty. */
    public Optional<String> displayName(String roomId, String userId) throws SQLException {
        Optional<String> inRoom = st.one(
                "SELECT display_name FROM members WHERE room_id = ? AND user_id = ? "
                        + "AND display_name IS NOT NULL AND display_name <> ''",
                rs -> rs.getString(1),
                roomId,
                userId);
        if (inRoom.isPresent()) return inRoom;
        return st.one(
                "SELECT display_name FROM members WHERE user_id = ? AND display_name IS NOT NULL "
                        + "AND display_name <> '' LIMIT 1",
                rs -> rs.getString(1),
                userId);
    }
}
