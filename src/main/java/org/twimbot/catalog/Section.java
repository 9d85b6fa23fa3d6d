package org.twimbot.catalog;

import java.util.List;

/**
 * A department of the newsletter. {@code key} is its stable id ("servers"), {@code emoji} the
 * reaction that places an item in it, {@code order} sorts sections in the post. {@code keywords} are
 * words or phrases that tell the section when news names no project ("meetup", "Summer of Code"); the
 * catalog's maintainer writes them (a hebbot import has none).
 */
public record Section(
        String key, String emoji, String title, int order, List<String> usualReporters, List<String> keywords) {
    public Section {
        usualReporters = usualReporters == null ? List.of() : List.copyOf(usualReporters);
        keywords = keywords == null ? List.of() : List.copyOf(keywords);
    }

    /** A section without keywords, as hebbot's configuration describes one. */
    public Section(String key, String emoji, String title, int order, List<String> usualReporters) {
        this(key, emoji, title, order, usualReporters, List.of());
    }
}
