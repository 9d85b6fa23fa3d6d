package org.twimbot.placement;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
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

    /** {@code first}: the name's first part, lower case, which a text must contain for the pattern to be worth running. */
    private record NamePattern(Project project, String first, Pattern pattern) {}

    /** Occurrences counted per text: more than this is a list, not evidence. */
    private static final int MAX_HITS = 200;
    private static final Pattern CAMEL = Pattern.compile("(?<=\\p{Ll})(?=\\p{Lu})");
    private static final Pattern SEPARATORS = Pattern.compile("[\\s_-]+");
    private final List<NamePattern> patterns = new ArrayList<>();

    ProjectNames(Catalog catalog) {
        for (Project p : catalog.projects()) {
            for (String name : names(p)) {
                String first = SEPARATORS.split(CAMEL.matcher(name).replaceAll(" "))[0].toLowerCase(Locale.ROOT);
                patterns.add(new NamePattern(p, first, compile(name)));
            }
        }
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

    private static Pattern compile(String name) {
        StringBuilder regex = new StringBuilder();
        String[] parts = SEPARATORS.split(CAMEL.matcher(name).replaceAll(" "));
        for (int i = 0; i < parts.length; i++) {
            if (i > 0) regex.append("[\\s_-]?");
            regex.append(Pattern.quote(parts[i]));
        }
        String s = name.matches(".*\\p{L}$") ? "s?" : "";
        // capitalised ordinary words match as written; other names in any case
        int flags = isOrdinaryWord(name) && Character.isUpperCase(name.charAt(0)) ? 0 : Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE;
        return Pattern.compile("(?<![\\p{L}\\p{N}_])" + regex + s + "(?![\\p{L}\\p{N}_])", flags);
    }

    /** Occurrences in {@code text}, in text order, without those inside a longer name's occurrence. */
    List<Hit> find(String text) {
        List<Hit> hits = new ArrayList<>();
        String lower = text.toLowerCase(Locale.ROOT);
        // a name's match starts where its first word does: try the pattern only there (a scan of the whole text with
        // each of some 300 patterns was most of the time spent storing news); lower-casing that changes the length
        // (rare letters) would shift the positions, so such a text is scanned whole
        boolean aligned = lower.length() == text.length();
        for (NamePattern n : patterns) {
            if (!lower.contains(n.first())) continue;
            Matcher m = n.pattern().matcher(text);
            if (!aligned) {
                while (m.find() && hits.size() < MAX_HITS) hits.add(new Hit(n.project(), m.start(), m.end()));
                continue;
            }
            m.useTransparentBounds(true).useAnchoringBounds(false); // the look-behind sees what precedes the region
            for (int at = lower.indexOf(n.first()); at >= 0 && hits.size() < MAX_HITS; ) {
                m.region(at, text.length());
                if (m.lookingAt()) {
                    hits.add(new Hit(n.project(), m.start(), m.end()));
                    at = lower.indexOf(n.first(), Math.max(m.end(), at + 1));
                } else {
                    at = lower.indexOf(n.first(), at + 1);
                }
            }
        }
        List<Hit> kept = new ArrayList<>();
        java.util.Set<String> seen = new java.util.HashSet<>();
        for (Hit h : hits) {
            // a title and an alias that spell alike ("Element X iOS", "element-x-ios") find the same occurrence once
            if (!seen.add(h.project().key() + "@" + h.start())) continue;
            boolean inside = false;
            for (Hit o : hits) {
                if (o.project() != h.project() && o.start() <= h.start() && o.end() >= h.end() && o.end() - o.start() > h.end() - h.start()) {
                    inside = true;
                    break;
                }
            }
            if (!inside) kept.add(h);
        }
        kept.sort(java.util.Comparator.comparingInt(Hit::start));
        return kept;
    }

    /** Whether {@code text} names {@code p} (after the longest-name rule). */
    boolean names(String text, Project p) {
        return find(text).stream().anyMatch(h -> h.project() == p);
    }
}
