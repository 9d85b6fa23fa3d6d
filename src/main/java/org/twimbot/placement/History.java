package org.twimbot.placement;

import java.util.HashMap;
import java.util.Map;

/**
 * What editors confirmed in earlier editions: per sender, the projects and sections their news went to,
 * and per section the words its news used. Counts only; read-only here (the store keeps them, the backtest
 * learns them from the posts it has replayed).
 */
public record History(
        Map<String, Map<String, Integer>> senderProjects,
        Map<String, Map<String, Integer>> senderSections,
        Map<String, Map<String, Integer>> sectionWords) {

    public static History none() {
        return new History(Map.of(), Map.of(), Map.of());
    }

    public Map<String, Integer> projectsOf(String sender) {
        return senderProjects.getOrDefault(sender, Map.of());
    }

    public Map<String, Integer> sectionsOf(String sender) {
        return senderSections.getOrDefault(sender, Map.of());
    }

    /** A history that learns as it goes (the backtest: each replayed post teaches the next). */
    public static final class Learning {
        private final Map<String, Map<String, Integer>> projects = new HashMap<>();
        private final Map<String, Map<String, Integer>> sections = new HashMap<>();
        private final Map<String, Map<String, Integer>> words = new HashMap<>();

        /** An item the editors filed: under {@code projectKey} (null for section-only news) in {@code sectionKey}. */
        public void confirmed(String sender, String projectKey, String sectionKey, String text) {
            if (projectKey != null)
                projects.computeIfAbsent(sender, s -> new HashMap<>()).merge(projectKey, 1, Integer::sum);
            if (sectionKey == null) return;
            sections.computeIfAbsent(sender, s -> new HashMap<>()).merge(sectionKey, 1, Integer::sum);
            Map<String, Integer> w = words.computeIfAbsent(sectionKey, s -> new HashMap<>());
            for (String word : SectionWords.distinctWords(text)) w.merge(word, 1, Integer::sum);
        }

        public History snapshot() {
            return new History(copy(projects), copy(sections), copy(words));
        }

        private static Map<String, Map<String, Integer>> copy(Map<String, Map<String, Integer>> m) {
            Map<String, Map<String, Integer>> c = new HashMap<>();
            m.forEach((k, v) -> c.put(k, Map.copyOf(v)));
            return Map.copyOf(c);
        }
    }
}
