package org.twimbot.matrix;

import java.util.List;

/** The spec versions a homeserver advertises in {@code /_matrix/client/versions}. */
public record Versions(List<String> versions) {
    public Versions {
        versions = List.copyOf(versions);
    }

    /** True when any advertised version is {@code vMAJOR.MINOR} or later, e.g. {@code atLeast(1, 11)}. */
    public boolean atLeast(int major, int minor) {
        for (String v : versions) {
            String[] parts = v.startsWith("v") ? v.substring(1).split("\\.") : new String[0];
            if (parts.length < 2) continue;
            try {
                int ma = Integer.parseInt(parts[0]);
                int mi = Integer.parseInt(parts[1]);
                if (ma > major || (ma == major && mi >= minor)) return true;
            } catch (NumberFormatException ignored) {
                // r0.x.y and other legacy strings are older than any v1.x
            }
        }
        return false;
    }
}
