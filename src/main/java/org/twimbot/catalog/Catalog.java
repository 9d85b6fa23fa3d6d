package org.twimbot.catalog;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The sections and projects, with lookups by reaction key. Reaction keys are matched after
 * {@link #normalizeKey(String)}: U+FE0F variation selectors and a trailing " ?" (the bot's
 * suggestion form) are ignored, text keys case-insensitively. Immutable: its answers never change
 * (suggestions worked out ahead are only a cache of them), and it is safe to share between threads.
 */
public final class Catalog {
    private final List<Section> sections;
    private final List<Project> projects;
    private final Map<String, Section> sectionsByKey = new LinkedHashMap<>();
    private final Map<String, Section> sectionsByReaction = new LinkedHashMap<>();
    private final Map<String, Project> projectsByKey = new LinkedHashMap<>();
    private final List<ProjectMatcher> matchers = new ArrayList<>();
    /** Reporter → the sections they usually report to (asked for every submission). */
    private final Map<String, List<Section>> sectionsByReporter = new java.util.HashMap<>();

    /** Names (case-folded) by their first word: the names a text holding that word may contain. */
    private final Map<String, List<FoldedName>> namesByFirstWord = new java.util.HashMap<>();
    private final List<ProjectMatcher> alwaysCandidates = new ArrayList<>();

    /** Suggestions worked out ahead on another thread ({@link #prepareSuggestions}), each taken once. */
    private final Map<String, List<Project>> preparedSuggestions = new java.util.concurrent.ConcurrentHashMap<>();
    /** More than the pages in flight ever hold: what is never taken (a refused or known submission) is dropped here. */
    private static final int MAX_PREPARED = 1_024;

    /** A project with the compiled whole-word pattern of its names, built once per catalog. */
    private record ProjectMatcher(Project project, Pattern pattern) {}

    /** One name of a project's matcher, case-folded ({@link #fold}). */
    private record FoldedName(String folded, ProjectMatcher matcher) {}

    public Catalog(List<Section> sections, List<Project> projects) {
        this.sections = List.copyOf(sections);
        this.projects = List.copyOf(projects);
        // first definition wins, so a duplicate later in the file cannot hijack a key (warned about)
        for (Section s : this.sections) {
            sectionsByKey.putIfAbsent(lookupForm(s.key()), s);
            if (!s.emoji().isBlank()) sectionsByReaction.putIfAbsent(lookupForm(s.emoji()), s);
        }
        for (Project p : this.projects) {
            projectsByKey.putIfAbsent(lookupForm(p.key()), p);
            Set<String> names = names(p);
            ProjectMatcher matcher = new ProjectMatcher(p, wholeWordPattern(names));
            matchers.add(matcher);
            for (String name : names) {
                String folded = fold(name);
                String first = folded == null ? null : words(folded).stream().findFirst().orElse(null);
                if (first == null) alwaysCandidates.add(matcher); // cannot be pre-checked: the regex decides
                else namesByFirstWord.computeIfAbsent(first, w -> new ArrayList<>()).add(new FoldedName(folded, matcher));
            }
        }
        indexReporters();
    }

    private void indexReporters() {
        Map<String, Set<Section>> found = new java.util.HashMap<>();
        for (Section s : sections) {
            for (String user : s.usualReporters()) found.computeIfAbsent(user, u -> new LinkedHashSet<>()).add(s);
        }
        for (Project p : projects) {
            Optional<Section> section = sectionByKey(p.section());
            if (section.isEmpty()) continue;
            for (String user : p.usualReporters()) found.computeIfAbsent(user, u -> new LinkedHashSet<>()).add(section.get());
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
        return reactionKey == null ? Optional.empty() : Optional.ofNullable(sectionsByReaction.get(lookupForm(reactionKey)));
    }

    public Optional<Project> projectByKey(String key) {
        return key == null ? Optional.empty() : Optional.ofNullable(projectsByKey.get(lookupForm(key)));
    }

    /** A project by its reaction key (emoji or text). */
    public Optional<Project> projectByReaction(String reactionKey) {
        return projectByKey(reactionKey);
    }

    /**
     * Works out {@link #suggestProjects} for {@code text} now, so that the call for the same text (the same
     * news) answers at once: the bot does this on the thread that fetches a page while the previous page is
     * being stored. Each prepared answer is taken once.
     */
    public void prepareSuggestions(String text) {
        if (text == null || text.isBlank()) return;
        if (preparedSuggestions.size() >= MAX_PREPARED) preparedSuggestions.clear();
        preparedSuggestions.put(text, findProjects(text));
    }

    /** Projects whose key, title or an alias occurs in {@code text} as a whole word, case-insensitively; catalog order. */
    public List<Project> suggestProjects(String text) {
        if (text == null || text.isBlank()) return List.of();
        List<Project> prepared = preparedSuggestions.remove(text);
        return prepared != null ? prepared : findProjects(text);
    }

    private List<Project> findProjects(String text) {
        // 132 case-insensitive look-around regexes over every submission were the ingest's hot spot, and then
        // a substring search per name. A name matches as a whole word only where the text has the name's first
        // word as a whole word too (the regex's boundaries are word characters, folding keeps a character's
        // class), so the text's words select the few candidates the regex checks.
        String foldedText = fold(text);
        Set<ProjectMatcher> candidates = null;
        if (foldedText != null) {
            candidates = java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>());
            candidates.addAll(alwaysCandidates);
            for (String word : words(foldedText)) {
                for (FoldedName name : namesByFirstWord.getOrDefault(word, List.of())) {
                    // many names share a first word ("matrix"): the whole name must occur too
                    if (!candidates.contains(name.matcher()) && foldedText.contains(name.folded())) candidates.add(name.matcher());
                }
            }
        }
        List<Project> found = new ArrayList<>();
        for (ProjectMatcher m : matchers) {
            if (m.pattern() == null || (candidates != null && !candidates.contains(m))) continue;
            if (m.pattern().matcher(text).find()) found.add(m.project());
        }
        return found;
    }

    /** The maximal runs of word characters (the regex's {@code [\p{L}\p{N}_]}), in order, distinct. */
    static Set<String> words(String text) {
        Set<String> words = new LinkedHashSet<>();
        int start = -1;
        for (int i = 0; i <= text.length(); i++) {
            boolean word = i < text.length() && isWordChar(text.charAt(i));
            if (word && start < 0) start = i;
            if (!word && start >= 0) {
                words.add(text.substring(start, i));
                start = -1;
            }
        }
        return words;
    }

    private static boolean isWordChar(char c) {
        if (c == '_' || Character.isLetter(c)) return true;
        int type = Character.getType(c);
        return type == Character.DECIMAL_DIGIT_NUMBER || type == Character.LETTER_NUMBER || type == Character.OTHER_NUMBER;
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
        if (k.endsWith("?") && k.length() > 1) k = k.substring(0, k.length() - 1).strip();
        return k;
    }

    private static String lookupForm(String key) {
        return normalizeKey(key).toLowerCase(Locale.ROOT);
    }

    /**
     * Names are quoted (hebbot built its regex from raw names, so "C++" or "Matrix.org" broke it)
     * and bounded by "not a letter or digit" rather than \b, which fails next to symbols like '+'.
     */
    private static Pattern wholeWordPattern(Set<String> names) {
        if (names.isEmpty()) return null;
        StringBuilder alternatives = new StringBuilder();
        for (String n : names) {
            if (alternatives.length() > 0) alternatives.append('|');
            alternatives.append(Pattern.quote(n));
        }
        return Pattern.compile("(?<![\\p{L}\\p{N}_])(?:" + alternatives + ")(?![\\p{L}\\p{N}_])",
                Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE);
    }

    private static Set<String> names(Project p) {
        Set<String> names = new LinkedHashSet<>();
        for (String n : List.of(p.key(), p.title())) addName(names, n);
        for (String n : p.aliases()) addName(names, n);
        return names;
    }

    /**
     * Char-by-char case fold (lower of upper, as the regex's UNICODE_CASE compares single chars),
     * so the folded text has a folded name's words wherever the regex could match it. Null for text
     * with surrogate pairs, whose case the regex folds by code point: no pre-check then.
     */
    static String fold(String s) {
        char[] out = new char[s.length()];
        for (int i = 0; i < out.length; i++) {
            char c = s.charAt(i);
            if (Character.isSurrogate(c)) return null;
            out[i] = Character.toLowerCase(Character.toUpperCase(c));
        }
        return new String(out);
    }

    /** Only names with a letter or digit are matchable; a bare emoji key is not a word in the text. */
    private static void addName(Set<String> names, String name) {
        String n = normalizeKey(name);
        if (n.codePoints().anyMatch(Character::isLetterOrDigit)) names.add(n);
    }
}
