package org.twimbot.catalog;

import java.util.List;
import java.util.Optional;

/**
 * The sections and projects, with lookups by reaction key. Reaction keys are matched after
 * {@link #normalizeKey(String)}: U+FE0F variation selectors and a trailing " ?" (the bot's
 * suggestion form) are ignored, text keys case-insensitively.
 */
public final class Catalog {

    public Catalog(List<Section> sections, List<Project> projects) { throw new UnsupportedOperationException("TODO"); }

    public List<Section> sections() { throw new UnsupportedOperationException("TODO"); }

    public List<Project> projects() { throw new UnsupportedOperationException("TODO"); }

    public Optional<Section> sectionByKey(String key) { throw new UnsupportedOperationException("TODO"); }

    /** A section by its emoji (reaction key). */
    public Optional<Section> sectionByReaction(String reactionKey) { throw new UnsupportedOperationException("TODO"); }

    public Optional<Project> projectByKey(String key) { throw new UnsupportedOperationException("TODO"); }

    /** A project by its reaction key (emoji or text). */
    public Optional<Project> projectByReaction(String reactionKey) { throw new UnsupportedOperationException("TODO"); }

    /** Projects whose key, title or an alias occurs in {@code text} as a whole word, case-insensitively; catalog order. */
    public List<Project> suggestProjects(String text) { throw new UnsupportedOperationException("TODO"); }

    /** Sections listing {@code userId} in usual_reporters, plus default sections of projects that do. */
    public List<Section> sectionsForReporter(String userId) { throw new UnsupportedOperationException("TODO"); }

    /** A catalog with {@code extra} projects added, replacing same-key ones (for !project add). */
    public Catalog withProjects(List<Project> extra) { throw new UnsupportedOperationException("TODO"); }

    /** Human-readable problems: duplicate keys/emoji, projects naming unknown sections. Empty when clean. */
    public List<String> warnings() { throw new UnsupportedOperationException("TODO"); }

    /** Strips U+FE0F, surrounding whitespace and a trailing "?" (with the space before it). */
    public static String normalizeKey(String key) { throw new UnsupportedOperationException("TODO"); }
}
