package org.twimbot.devserver;

import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * The authorisation rules for changing m.room.power_levels (spec, room versions: auth rules
 * step 10): nobody can grant or take away a level above their own, nor change the level of a
 * user whose level is not strictly below theirs (except lowering their own).
 */
final class PowerLevelRules {
    private static final List<String> TOP_LEVEL =
            List.of("users_default", "events_default", "state_default", "ban", "redact", "kick", "invite");

    private PowerLevelRules() {}

    static void checkChange(PowerLevels current, Map<String, Object> next, String sender) {
        if (!current.present()) {
            return; // the first power levels event of a room is not restricted
        }
        long mine = current.userLevel(sender);
        Map<String, Object> old = current.content();
        for (String key : TOP_LEVEL) {
            checkValue(old.get(key), next.get(key), mine, key);
        }
        Map<String, Object> oldEvents = map(old.get("events"));
        Map<String, Object> newEvents = map(next.get("events"));
        for (String type : union(oldEvents, newEvents)) {
            checkValue(oldEvents.get(type), newEvents.get(type), mine, "events." + type);
        }
        Map<String, Object> oldUsers = map(old.get("users"));
        Map<String, Object> newUsers = map(next.get("users"));
        for (String user : union(oldUsers, newUsers)) {
            Object before = oldUsers.get(user);
            Object after = newUsers.get(user);
            if (Objects.equals(before, after)) {
                continue;
            }
            if (!user.equals(sender) && before != null && level(before) >= mine) {
                throw MatrixError.forbidden("You cannot change the power level of " + user);
            }
            checkValue(before, after, mine, "users." + user);
        }
    }

    private static void checkValue(Object before, Object after, long mine, String what) {
        if (Objects.equals(before, after)) {
            return;
        }
        if ((before != null && level(before) > mine) || (after != null && level(after) > mine)) {
            throw MatrixError.forbidden("You don't have permission to change " + what + " beyond your own level");
        }
    }

    private static long level(Object value) {
        if (value instanceof Number n) {
            return n.longValue();
        }
        throw MatrixError.badJson("Power levels must be integers");
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Object value) {
        return value instanceof Map<?, ?> m ? (Map<String, Object>) m : Map.of();
    }

    private static Set<String> union(Map<String, Object> a, Map<String, Object> b) {
        Set<String> keys = new HashSet<>(a.keySet());
        keys.addAll(b.keySet());
        return keys;
    }
}
