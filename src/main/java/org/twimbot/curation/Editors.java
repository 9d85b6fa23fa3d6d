package org.twimbot.curation;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.twimbot.store.StoreTx;
import org.twimbot.store.Transactional;

/**
 * Who may curate and command: the configured users, plus (when {@code minPowerLevel} is set) every joined member
 * of the editors room whose power level there reaches it. Someone who left or was kicked keeps her power level in
 * the room's state but is no editor. Power levels follow the room's {@code m.room.power_levels} events in the order
 * they are applied, and are kept in the store with them, so a restart resumes from the levels in force at the sync
 * position: the events of a gap are then judged by the levels in force when they were sent.
 */
public final class Editors {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final Set<String> configured;
    private final Integer minPowerLevel;
    private final String roomId;
    /** Changed by the editors room's power-level events as they are applied: transactional, like the store. */
    private final Transactional<Levels> levels = new Transactional<>(new Levels(Map.of(), 0));
    /** While set, also required: the editors room's power levels and members as they are now (see {@link #limitTo}). */
    private volatile Ceiling ceiling;

    private record Levels(Map<String, Integer> users, int usersDefault) {
        int of(String userId) {
            return users.getOrDefault(userId, usersDefault);
        }
    }

    private record Ceiling(Levels levels, Set<String> joined) {}

    /** @param roomId the editors room, whose members and power levels count */
    public Editors(Set<String> configured, Integer minPowerLevel, String roomId) {
        this.configured = Set.copyOf(configured);
        this.minPowerLevel = minPowerLevel;
        this.roomId = roomId;
    }

    public boolean isEditor(StoreTx tx, String userId) throws SQLException {
        if (configured.contains(userId)) return true;
        if (minPowerLevel == null) return false;
        Ceiling c = ceiling;
        if (c != null && (c.levels().of(userId) < minPowerLevel || !c.joined().contains(userId))) return false;
        return levels.in(tx).of(userId) >= minPowerLevel && tx.members().isJoined(roomId, userId);
    }

    /**
     * While another room's missed events are applied, a user must also be an editor by the editors room's current
     * power levels and members: that room's changes are applied in its own order, not interleaved with the other
     * room's, so a demotion or kick there may not have been applied yet when her later acts in the other room are.
     * Acts from before a demotion are refused too: erring on the side of refusing. {@code null} content: no limit.
     */
    public void limitTo(JsonNode currentLevels, Set<String> joinedNow) {
        ceiling = currentLevels == null ? null : new Ceiling(parse(currentLevels), Set.copyOf(joinedNow));
    }

    /** Ends {@link #limitTo}. */
    public void unlimit() {
        ceiling = null;
    }

    /** Whether power levels decide anything (then membership of the editors room matters too). */
    public boolean byPowerLevel() {
        return minPowerLevel != null;
    }

    /** Sets the power levels from the editors room's state, in memory only (at start, before any event is applied). */
    public void usePowerLevels(JsonNode content) {
        if (content != null) levels.reset(parse(content));
    }

    /**
     * An {@code m.room.power_levels} event of the editors room: in force from now in this transaction, for everyone
     * once it commits, and remembered in the store with it.
     */
    public void powerLevelsChanged(StoreTx tx, JsonNode content) throws SQLException {
        levels.set(tx, parse(content));
        tx.settings().put(settingsKey(), content.toString());
    }

    /**
     * Takes the power levels last applied from an event, as stored (after a restart). Returns false when none are
     * stored.
     */
    public boolean restore(StoreTx tx) throws SQLException {
        Optional<String> stored = tx.settings().get(settingsKey());
        if (stored.isEmpty()) return false;
        try {
            levels.reset(parse(JSON.readTree(stored.get())));
            return true;
        } catch (IOException e) {
            return false; // written by us from a parsed event; unreadable means start from the room's state
        }
    }

    private String settingsKey() {
        return "power_levels " + roomId;
    }

    private static Levels parse(JsonNode content) {
        Map<String, Integer> users = new HashMap<>();
        content.path("users").fields().forEachRemaining(f -> {
            if (f.getValue().canConvertToInt())
                users.put(f.getKey(), f.getValue().asInt());
        });
        return new Levels(Map.copyOf(users), content.path("users_default").asInt(0));
    }
}
