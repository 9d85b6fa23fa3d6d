package org.twimbot.placement;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.twimbot.catalog.Catalog;
import org.twimbot.catalog.Project;

/**
 * Finds where the catalog's project names occur in a text. Names are the title, the aliases, and the key
 * when it reads like a name rather than an ordinary word. Spelling variants match too: separators
 * (space, hyphen, underscore) may be any of them or absent, and so may the boundary inside a camel-case
 * name ({@code Element-iOS}, {@code Fluffy Chat}); a plural "s" may follow. A name that is an ordinary
 * capitalised word ({@code Moment}, {@code Circles}) only matches as written: "the moment you start a call" names no
 * project. Where names overlap, the longest wins ({@code Element Web} over {@code Element}).
 */
final class ProjectNames {
    /** One occurrence of a project's name. */
    record Hit(Project project, int start, int end) {}

    /**
     * {@code first} and {@code second}: the name's first two parts, lower case ({@code second} null for a one-part
     * name), which a text must hold, at most one separator apart, for the pattern to be worth running.
     */
    private record NamePattern(Project project, String first, String second, Pattern pattern) {
        /** Whether the second part follows the first where the first ends ({@code end}) in the lower-case text. */
        boolean secondFollows(String lower, int end) {
            if (second == null || lower.startsWith(second, end)) return true;
            return end < lower.length() && isSeparator(lower.charAt(end)) && lower.startsWith(second, end + 1);
        }
    }

    /** Occurrences counted per text: more than this is a list, not evidence. */
    private static final int MAX_HITS = 200;

    private static final Pattern CAMEL = Pattern.compile("(?<=\\p{Ll})(?=\\p{Lu})");
    private static final Pattern SEPARATORS = Pattern.compile("[\\s_-]+");
    private final List<NamePattern> patterns = new ArrayList<>();
    /** Indexes into {@link #patterns} by the first character of their first part, in catalog order. */
    private final Map<Character, int[]> byFirstChar = new HashMap<>();

    ProjectNames(Catalog catalog) {
        Map<Character, List<Integer>> index = new HashMap<>();
        for (Project p : catalog.projects()) {
            for (String name : names(p)) {
                String[] parts = parts(name);
                String first = parts[0].toLowerCase(Locale.ROOT);
                if (first.isEmpty()) continue; // a name of separators only matches nothing a text can hold
                String second = parts.length > 1 ? parts[1].toLowerCase(Locale.ROOT) : null;
                index.computeIfAbsent(first.charAt(0), c -> new ArrayList<>()).add(patterns.size());
                patterns.add(new NamePattern(p, first, second, compile(name)));
            }
        }
        index.forEach((c, list) ->
                byFirstChar.put(c, list.stream().mapToInt(Integer::intValue).toArray()));
    }

    /** The project's matchable names, folded duplicates removed (the title's spelling first). */
    static List<String> names(Project p) {
        Map<String, String> names = new LinkedHashMap<>();
        add(names, p.title());
        for (String a : p.aliases()) add(names, a);
        String key = Catalog.normalizeKey(p.key());
        if (!isOrdinaryWord(key) || key.equals(p.title())) add(names, key);
        return new ArrayList<>(names.values());
    }

    private static void add(Map<String, String> names, String name) {
        String n = Catalog.normalizeKey(name);
        if (n.codePointCount(0, n.length()) < 3 || n.codePoints().noneMatch(Character::isLetterOrDigit)) return;
        names.putIfAbsent(n.toLowerCase(Locale.ROOT), n);
    }

    /** One word of letters only, all lower case or capitalised: a word a sentence may use for itself. */
    static boolean isOrdinaryWord(String name) {
        if (!name.chars().allMatch(Character::isLetter)) return false;
        String rest = name.substring(1);
        return rest.equals(rest.toLowerCase(Locale.ROOT));
    }

    /** A name's parts: split at separators and at the boundaries inside camel case ({@code FluffyChat}). */
    private static String[] parts(String name) {
        return SEPARATORS.split(CAMEL.matcher(name).replaceAll(" "));
    }

    private static Pattern compile(String name) {
        StringBuilder regex = new StringBuilder();
        String[] parts = parts(name);
        for (int i = 0; i < parts.length; i++) {
            if (i > 0) regex.append("[\\s_-]?");
            regex.append(Pattern.quote(parts[i]));
        }
        String s = name.matches(".*\\p{L}$") ? "s?" : "";
        // capitalised ordinary words match as written; other names in any case
        int flags = isOrdinaryWord(name) && Character.isUpperCase(name.charAt(0))
                ? 0
                : Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE;
        return Pattern.compile("(?<![\\p{L}\\p{N}_])" + regex + s + "(?![\\p{L}\\p{N}_])", flags);
    }

    /** Occurrences in {@code text}, in text order, without those inside a longer name's occurrence. */
    List<Hit> find(String text) {
        String lower = text.toLowerCase(Locale.ROOT);
        // lower-casing that changes the length (rare letters) would shift the positions: such a text is scanned whole
        List<Hit> hits = lower.length() == text.length() ? findAtWordStarts(text, lower) : scanWhole(text);
        return longestOnly(hits);
    }

    /**
     * A name's match starts where a word does (its pattern's look-behind), with the name's first part: only the names
     * whose first part starts with the character found there are tried, there. (Scanning the whole text with each of
     * some 300 patterns, then searching it for each name's first part, was most of the time spent storing news.)
     */
    private List<Hit> findAtWordStarts(String text, String lower) {
        List<Hit> hits = new ArrayList<>();
        int[] nextFree = new int[patterns.size()]; // a name's next match starts after its last one, as find() goes on
        Matcher[] matchers = new Matcher[patterns.size()];
        for (int at = 0; at < lower.length() && hits.size() < MAX_HITS; at++) {
            if (at > 0 && isWordChar(lower.charAt(at - 1))) continue;
            int[] candidates = byFirstChar.get(lower.charAt(at));
            if (candidates == null) continue;
            for (int i : candidates) {
                NamePattern n = patterns.get(i);
                if (at < nextFree[i]
                        || !lower.startsWith(n.first(), at)
                        || !n.secondFollows(lower, at + n.first().length())) continue;
                Matcher m = matchers[i];
                if (m == null) {
                    m = n.pattern().matcher(text).useTransparentBounds(true).useAnchoringBounds(false);
                    matchers[i] = m; // the look-behind sees what precedes the region
                }
                m.region(at, text.length());
                if (m.lookingAt() && hits.size() < MAX_HITS) {
                    hits.add(new Hit(n.project(), m.start(), m.end()));
                    nextFree[i] = m.end();
                }
            }
        }
        return hits;
    }

    /** What {@code [\s_-]} matches between a name's parts ({@code \s} without UNICODE_CHARACTER_CLASS is ASCII only). */
    private static boolean isSeparator(char c) {
        return c == ' ' || c == '\t' || c == '\n' || c == '\u000B' || c == '\f' || c == '\r' || c == '_' || c == '-';
    }

    private static boolean isWordChar(char c) {
        return Character.isLetterOrDigit(c) || c == '_';
    }

    private List<Hit> scanWhole(String text) {
        List<Hit> hits = new ArrayList<>();
        for (NamePattern n : patterns) {
            Matcher m = n.pattern().matcher(text);
            while (m.find() && hits.size() < MAX_HITS) hits.add(new Hit(n.project(), m.start(), m.end()));
        }
        return hits;
    }

    private static List<Hit> longestOnly(List<Hit> hits) {
        List<Hit> kept = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (Hit h : hits) {
            // a title and an alias that spell alike ("Element X iOS", "element-x-ios") find the same occurrence once
            if (!seen.add(h.project().key() + "@" + h.start())) continue;
            boolean inside = false;
            for (Hit o : hits) {
                if (o.project() != h.project()
                        && o.start() <= h.start()
                        && o.end() >= h.end()
                        && o.end() - o.start() > h.end() - h.start()) {
                    inside = true;
                    break;
                }
            }
            if (!inside) kept.add(h);
        }
        kept.sort(Comparator.comparingInt(Hit::start));
        return kept;
    }

    /** Whether {@code text} names {@code p} (after the longest-name rule). */
    boolean names(String text, Project p) {
        return find(text).stream().anyMatch(h -> h.project() == p);
    }
}
