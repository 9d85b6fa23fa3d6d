package org.twimbot.config;

import java.util.Collection;
import java.util.Optional;

/** "did you mean" hints, so a typo in a key is reported with its likely fix. */
final class Suggest {
    private Suggest() {}

    /** The candidate closest to {@code name}, if it is close enough to be an obvious typo. */
    static Optional<String> closest(String name, Collection<String> candidates) {
        String best = null;
        int bestDistance = Integer.MAX_VALUE;
        for (String c : candidates) {
            int d = ConfigValues.distance(name.toLowerCase(), c.toLowerCase());
            if (d < bestDistance) {
                best = c;
                bestDistance = d;
            }
        }
        int allowed = Math.max(2, name.length() / 3);
        return best != null && bestDistance <= allowed ? Optional.of(best) : Optional.empty();
    }

    /** {@code unknown key 'homeserver.urll' (did you mean 'homeserver.url'?)}; prefix is the parent path with its dot. */
    static String unknownKey(String name, Collection<String> siblings, String prefix) {
        String hint = closest(name, siblings)
                .map(k -> " (did you mean '" + prefix + k + "'?)")
                .orElse("");
        return "unknown key '" + prefix + name + "'" + hint;
    }
}
