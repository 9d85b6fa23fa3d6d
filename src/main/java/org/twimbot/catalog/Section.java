package org.twimbot.catalog;

import java.util.List;

/**
 * A department of the newsletter. {@code key} is its stable id ("servers"), {@code emoji} the
 * reaction that places an item in it, {@code order} sorts sections in the post.
 */
public record Section(String key, String emoji, String title, int order, List<String> usualReporters) {
    public Section {
        usualReporters = usualReporters == null ? List.of() : List.copyOf(usualReporters);
    }
}
