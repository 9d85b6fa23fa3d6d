package org.twimbot.placement;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.twimbot.catalog.Catalog;
import org.twimbot.catalog.Project;
import org.twimbot.catalog.Section;

/**
 * The words that tell a section: those of its title that few other section titles share ("Dept of
 * Bridges" → bridge; "Dept" is in every title and tells nothing; a title word that past editions' news used
 * in many other sections tells nothing either), the keywords the catalog gives it ("meetup", "Summer of
 * Code"), and words learned from the news editors filed there before, when that section holds most of a
 * word's uses. Words are compared by a crude stem (bridges, bridging, bridge → bridg); short stems are
 * ignored, except in keywords, which the catalog's maintainer chose ("MSC", "bot").
 */
final class SectionWords {
    private static final int MIN_STEM = 4;
    /** A learned word counts when the section had it at least this often ... */
    private static final int MIN_LEARNED = 2;
    /** ... and held at least this share of its uses across sections. */
    private static final double MIN_SHARE = 0.75;

    private static final int MAX_WORDS = 5_000;
    /** Used by fewer projects than this, a word is too rare in the catalog to judge. */
    private static final int MIN_USES = 3;
    /** Used by the news of this many other sections in past editions, a title word tells nothing. */
    private static final int MIN_SPREAD = 3;

    private final Map<String, Set<String>> titleStems = new HashMap<>();
    private final Map<String, Set<String>> learnedStems = new HashMap<>();
    /** A web address in the text: its words are a page's name, not the author's. */
    private static final Pattern ADDRESS = Pattern.compile("\\b(?:https?://|www\\.)[^\\s<>()]+");

    /** The catalog's keywords by their first stem, so that a text is read once for all of them. */
    private final Map<String, List<Keyword>> keywordsByFirstStem = new HashMap<>();

    /** A section's keyword as the stems of its words ("Summer of Code" → summer, of, cod). */
    private record Keyword(String section, List<String> stems) {}

    SectionWords(Catalog catalog, History history) {
        Map<String, Integer> titlesWithStem = new HashMap<>();
        for (Section s : catalog.sections()) {
            Set<String> stems = distinctWords(s.title());
            titleStems.put(s.key(), stems);
            stems.forEach(w -> titlesWithStem.merge(w, 1, Integer::sum));
        }
        int common = Math.max(
                2, catalog.sections().size() / 8); // in this many titles a word is the newsletter's, not a section's
        titleStems.values().forEach(stems -> stems.removeIf(w -> titlesWithStem.get(w) >= common));
        titleStems.forEach((section, stems) -> stems.removeIf(w -> !telling(catalog, section, w)));
        learn(history);
        for (Section s : catalog.sections()) {
            for (String keyword : s.keywords()) {
                List<String> stems = wordStems(keyword);
                if (stems.isEmpty()) continue;
                Keyword k = new Keyword(s.key(), stems);
                List<Keyword> same = keywordsByFirstStem.computeIfAbsent(stems.get(0), x -> new ArrayList<>());
                if (!same.contains(k)) same.add(k); // "peer-to-peer" and "peer to peer" are one keyword
            }
        }
    }

    /**
     * A title word tells its section unless the catalog's projects use it mostly elsewhere: "bridge" is in the
     * descriptions of bridges, "room" in those of clients, bots and working groups alike.
     */
    private static boolean telling(Catalog catalog, String section, String stem) {
        int uses = 0;
        int inSection = 0;
        for (Project p : catalog.projects()) {
            if (!distinctWords(p.title() + " " + p.description()).contains(stem)) continue;
            uses++;
            if (p.section().equals(section)) inSection++;
        }
        return uses < MIN_USES || inSection >= uses / 2.0;
    }

    private void learn(History history) {
        Map<String, Integer> total = new HashMap<>();
        Map<String, Integer> sectionsUsing = new HashMap<>();
        history.sectionWords()
                .values()
                .forEach(words -> words.forEach((w, n) -> {
                    total.merge(w, n, Integer::sum);
                    sectionsUsing.merge(w, 1, Integer::sum);
                }));
        // a title word that news filed all over the newsletter uses is the newsletter's ("working on", "this week",
        // Matrix "events"), not its section's: it no longer tells the section once published editions show so
        titleStems.forEach((section, stems) -> stems.removeIf(w -> {
            int own = history.sectionWords().getOrDefault(section, Map.of()).getOrDefault(w, 0);
            int elsewhere = sectionsUsing.getOrDefault(w, 0) - (own > 0 ? 1 : 0);
            return elsewhere >= MIN_SPREAD && own * 2 < total.getOrDefault(w, 0);
        }));
        history.sectionWords()
                .forEach((section, words) -> words.forEach((w, n) -> {
                    if (n >= MIN_LEARNED && n >= MIN_SHARE * total.get(w))
                        learnedStems
                                .computeIfAbsent(section, k -> new LinkedHashSet<>())
                                .add(w);
                }));
    }

    /** How often the section's title words occur in the text (each counted up to {@code cap} times). */
    int titleWords(String sectionKey, Map<String, Integer> textStems, int cap) {
        int n = 0;
        for (String w : titleStems.getOrDefault(sectionKey, Set.of())) n += Math.min(cap, textStems.getOrDefault(w, 0));
        return n;
    }

    /** How many of the words learned for the section the text has. */
    int learnedWords(String sectionKey, Map<String, Integer> textStems) {
        int n = 0;
        for (String w : learnedStems.getOrDefault(sectionKey, Set.of())) if (textStems.containsKey(w)) n++;
        return n;
    }

    /**
     * Per section, how many of its distinct keywords the text has. A keyword of several words counts where they
     * stand together. Addresses are left out: "…/famedly-kommunikation-app-…" names a page, the author did not
     * write "app".
     */
    Map<String, Integer> keywords(String text) {
        List<String> textStems = wordStems(ADDRESS.matcher(text).replaceAll(" "));
        Map<String, Set<Keyword>> found = new HashMap<>();
        for (int i = 0; i < textStems.size(); i++) {
            for (Keyword k : keywordsByFirstStem.getOrDefault(textStems.get(i), List.of())) {
                if (startsAt(textStems, i, k.stems()))
                    found.computeIfAbsent(k.section(), x -> new HashSet<>()).add(k);
            }
        }
        Map<String, Integer> counts = new HashMap<>();
        found.forEach((section, keywords) -> counts.put(section, keywords.size()));
        return counts;
    }

    private static boolean startsAt(List<String> text, int at, List<String> phrase) {
        if (at + phrase.size() > text.size()) return false;
        for (int j = 1; j < phrase.size(); j++) if (!text.get(at + j).equals(phrase.get(j))) return false;
        return true;
    }

    /** The stems of a text's words in order, short ones included. */
    static List<String> wordStems(String text) {
        List<String> stems = new ArrayList<>();
        for (String word : words(text)) stems.add(stem(word));
        return stems;
    }

    /** Each stem of the text's words with its number of occurrences (at most {@link #MAX_WORDS} stems). */
    static Map<String, Integer> stemCounts(String text) {
        Map<String, Integer> counts = new HashMap<>();
        for (String word : words(text)) {
            String stem = stem(word);
            if (stem.length() < MIN_STEM || (counts.size() == MAX_WORDS && !counts.containsKey(stem))) continue;
            counts.merge(stem, 1, Integer::sum);
        }
        return counts;
    }

    /** The distinct stems of a text's words, at most {@link #MAX_WORDS}. */
    static Set<String> distinctWords(String text) {
        Set<String> stems = new LinkedHashSet<>();
        for (String word : words(text)) {
            String stem = stem(word);
            if (stem.length() >= MIN_STEM) stems.add(stem);
            if (stems.size() == MAX_WORDS) break;
        }
        return stems;
    }

    static List<String> words(String text) {
        List<String> words = new ArrayList<>();
        for (String w : text.toLowerCase(Locale.ROOT).split("[^\\p{L}\\p{N}]+")) if (!w.isEmpty()) words.add(w);
        return words;
    }

    static String stem(String word) {
        String w = word;
        if (w.endsWith("s") && !w.endsWith("ss")) w = w.substring(0, w.length() - 1);
        if (w.endsWith("ing") && w.length() > 5) w = w.substring(0, w.length() - 3);
        if (w.endsWith("e")) w = w.substring(0, w.length() - 1);
        return w;
    }
}
