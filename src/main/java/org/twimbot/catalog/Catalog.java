package org.twimbot.catalog;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The sections and projects, with lookups by reaction key. Reaction keys are matched after
 * {@link #normalizeKey(String)}: U+FE0F variation selectors and a trailing " ?" (the bot's
 * suggestion form) are ignored, text keys case-insensitively. Immutable, and safe to share between
 * threads. Which projects a text names is the placement model's question ({@code placement.ProjectNames}).
 */
public final class Catalog {
    private final List<Section> sections;
    private final List<Project> projects;
    private final Map<String, Section> sectionsByKey = new LinkedHashMap<>();
    private final Map<String, Section> sectionsByReaction = new LinkedHashMap<>();
    private final Map<String, Project> projectsByKey = new LinkedHashMap<>();
    /** Reporter → the sections they usually report to (asked for every submission). */
    private final Map<String, List<Section>> sectionsByReporter = new HashMap<>();

    public Catalog(List<Section> sections, List<Project> projects) {
        this.sections = List.copyOf(sections);
        this.projects = List.copyOf(projects);
        // first definition wins, so a duplicate later in the file cannot hijack a key (warned about)
        for (Section s : this.sections) {
            sectionsByKey.putIfAbsent(lookupForm(s.key()), s);
            if (!s.emoji().isBlank()) sectionsByReaction.putIfAbsent(lookupForm(s.emoji()), s);
        }
        for (Project p : this.projects) projectsByKey.putIfAbsent(lookupForm(p.key()), p);
        indexReporters();
    }

    private void indexReporters() {
        Map<String, Set<Section>> found = new HashMap<>();
        for (Section s : sections) {
            for (String user : s.usualReporters())
                found.computeIfAbsent(user, u -> new LinkedHashSet<>()).add(s);
        }
        for (Project p : projects) {
            Optional<Section> section = sectionByKey(p.section());
            if (section.isEmpty()) continue;
            for (String user : p.usualReporters())
                found.computeIfAbsent(user, u -> new LinkedHashSet<>()).add(section.get());
        }
        found.forEach((user, list) -> sectionsByReporter.put(user, List.copyOf(list)));
    }

    public static Catalog empty() {
        return new Catalog(List.of(), List.of());
    }

    public List<Section> sections() {
        return sections;
    }

    public List<Project> projects() {
        return projects;
    }

    public Optional<Section> sectionByKey(String key) {
        return key == null ? Optional.empty() : Optional.ofNullable(sectionsByKey.get(lookupForm(key)));
    }

    /** A section by its emoji (reaction key). */
    public Optional<Section> sectionByReaction(String reactionKey) {
        return reactionKey == null
                ? Optional.empty()
                : Optional.ofNullable(sectionsByReaction.get(lookupForm(reactionKey)));
    }

    public Optional<Project> projectByKey(String key) {
        return key == null ? Optional.empty() : Optional.ofNullable(projectsByKey.get(lookupForm(key)));
    }

    /** A project by its reaction key (emoji or text). */
    public Optional<Project> projectByReaction(String reactionKey) {
        return projectByKey(reactionKey);
    }

    /** Sections listing {@code userId} in usual_reporters, plus default sections of projects that do. */
    public List<Section> sectionsForReporter(String userId) {
        return sectionsByReporter.getOrDefault(userId, List.of());
    }

    /** A catalog with {@code extra} projects added, replacing same-key ones (for !project add). */
    public Catalog withProjects(List<Project> extra) {
        Map<String, Project> merged = new LinkedHashMap<>();
        for (Project p : projects) merged.put(lookupForm(p.key()), p);
        for (Project p : extra) merged.put(lookupForm(p.key()), p);
        return new Catalog(sections, new ArrayList<>(merged.values()));
    }

    /** Human-readable problems: duplicate keys/emoji, projects naming unknown sections. Empty when clean. */
    public List<String> warnings() {
        List<String> warnings = new ArrayList<>();
        Set<String> seenKeys = new LinkedHashSet<>();
        Set<String> seenEmoji = new LinkedHashSet<>();
        for (Section s : sections) {
            if (!seenKeys.add(lookupForm(s.key()))) warnings.add("section '" + s.key() + "' is defined twice");
            if (!s.emoji().isBlank() && !seenEmoji.add(lookupForm(s.emoji()))) {
                warnings.add("section emoji " + s.emoji() + " is used by two sections ('" + s.key() + "' loses)");
            }
        }
        Set<String> projectKeys = new LinkedHashSet<>();
        for (Project p : projects) {
            if (!projectKeys.add(lookupForm(p.key()))) warnings.add("project '" + p.key() + "' is defined twice");
            if (seenEmoji.contains(lookupForm(p.key()))) {
                warnings.add("project '" + p.key() + "' uses the same reaction as a section; the section wins");
            }
            if (!p.section().isBlank() && sectionByKey(p.section()).isEmpty()) {
                warnings.add("project '" + p.key() + "' names unknown section '" + p.section() + "'");
            }
        }
        return warnings;
    }

    /** Strips U+FE0F, surrounding whitespace and a trailing "?" (with the space before it). */
    public static String normalizeKey(String key) {
        if (key == null) return "";
        String k = key.replace("\uFE0F", "").strip();
        if (k.endsWith("?") && k.length() > 1)
            k = k.substring(0, k.length() - 1).strip();
        return k;
    }

    private static String lookupForm(String key) {
        return normalizeKey(key).toLowerCase(Locale.ROOT);
    }
}
