package org.twimbot.commands;

import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Who may curate and command: the configured users, plus (when {@code minPowerLevel} is set)
 * everyone whose power level in the editors room reaches it. Power levels are kept current from
 * the room's {@code m.room.power_levels} state as it changes.
 */
public final class Editors {
    private final Set<String> configured;
    private final Integer minPowerLevel;
    private volatile Map<String, Integer> powerLevels = Map.of();
    private volatile int usersDefault;

    public Editors(Set<String> configured, Integer minPowerLevel) {
        this.configured = Set.copyOf(configured);
        this.minPowerLevel = minPowerLevel;
    }

    public boolean isEditor(String userId) {
        if (configured.contains(userId)) return true;
        if (minPowerLevel == null) return false;
        return powerLevels.getOrDefault(userId, usersDefault) >= minPowerLevel;
    }

    /** Replaces the known power levels with the editors room's current ones. */
    public void updatePowerLevels(Map<String, Integer> users, int usersDefault) {
        this.powerLevels = Map.copyOf(new ConcurrentHashMap<>(users));
        this.usersDefault = usersDefault;
    }
}
