package org.twimbot.catalog;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.Set;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * {@link Catalog#suggestProjects} narrows the projects to check by the words of the text. Its answers must be
 * exactly those of checking every project's whole-word pattern, here rebuilt from the definition, on the
 * real TWIM catalog and texts made to sit names next to every kind of boundary.
 */
class SuggestionIndexTest {
    private static final String[] GLUE = {" ", "", "-", "_", ".", "'s ", "/", "é", "2", "\u00A0", "(", ")", ", ", "\n", "🚀", "ǅ", "ß"};

    @Test
    void suggestsExactlyWhatCheckingEveryProjectWouldOnTheTwimCatalog() throws Exception {
        HebbotImport.Result twim = HebbotImport.readConfig(Path.of(getClass().getResource("twim-config.toml").toURI()));
        Catalog catalog = new Catalog(twim.sections(), twim.projects());
        List<String> names = new ArrayList<>();
        for (Project p : twim.projects()) names.addAll(namesOf(p));
        Random random = new Random(7);
        int withSuggestions = 0;
        for (int i = 0; i < 4_000; i++) {
            StringBuilder text = new StringBuilder();
            for (int k = random.nextInt(6); k >= 0; k--) {
                String name = names.get(random.nextInt(names.size()));
                if (random.nextInt(3) == 0) name = name.toUpperCase(Locale.ROOT);
                if (random.nextInt(4) == 0 && name.length() > 2) name = name.substring(0, name.length() - 1); // near miss
                text.append(GLUE[random.nextInt(GLUE.length)]).append(name).append(GLUE[random.nextInt(GLUE.length)]);
            }
            String t = text.toString();
            List<Project> expected = twim.projects().stream().filter(p -> occursAsWord(p, t)).toList();
            assertEquals(expected, catalog.suggestProjects(t), t);
            if (!expected.isEmpty()) withSuggestions++;
        }
        assertTrue(withSuggestions > 1_000, "the texts exercise matches too: " + withSuggestions);
    }

    @Test
    void answersPreparedOnAnotherThreadAreTheAnswersForTheirOwnTextOnly() throws Exception {
        HebbotImport.Result twim = HebbotImport.readConfig(Path.of(getClass().getResource("twim-config.toml").toURI()));
        Catalog catalog = new Catalog(twim.sections(), twim.projects());
        Catalog reference = new Catalog(twim.sections(), twim.projects());
        List<String> texts = new ArrayList<>();
        Random random = new Random(3);
        for (int i = 0; i < 2_000; i++) {
            Project p = twim.projects().get(random.nextInt(twim.projects().size()));
            texts.add("TWIM: " + (random.nextBoolean() ? p.title() : p.key()) + " " + i + " with " + random.nextInt(9) + " fixes");
        }
        var fetcher = java.util.concurrent.Executors.newSingleThreadExecutor();
        try {
            for (int from = 0; from < texts.size(); from += 100) {
                List<String> page = texts.subList(from, from + 100);
                fetcher.submit(() -> page.forEach(catalog::prepareSuggestions)).get();
                for (String t : page) assertEquals(reference.suggestProjects(t), catalog.suggestProjects(t), t);
            }
        } finally {
            fetcher.shutdownNow();
        }
        // an answer prepared for one text is never handed out for another
        catalog.prepareSuggestions(texts.get(0));
        assertEquals(reference.suggestProjects(texts.get(1)), catalog.suggestProjects(texts.get(1)));
        assertEquals(reference.suggestProjects(texts.get(0)), catalog.suggestProjects(texts.get(0)));
        assertEquals(reference.suggestProjects(texts.get(0)), catalog.suggestProjects(texts.get(0)), "asked again");
    }

    private static Set<String> namesOf(Project p) {
        Set<String> names = new LinkedHashSet<>();
        for (String n : List.of(p.key(), p.title())) names.add(Catalog.normalizeKey(n));
        for (String n : p.aliases()) names.add(Catalog.normalizeKey(n));
        names.removeIf(n -> n.codePoints().noneMatch(Character::isLetterOrDigit));
        return names;
    }

    private static final java.util.Map<Project, List<Pattern>> PATTERNS = new java.util.HashMap<>();

    private static boolean occursAsWord(Project p, String text) {
        List<Pattern> patterns = PATTERNS.computeIfAbsent(p, project -> namesOf(project).stream()
                .map(name -> Pattern.compile("(?<![\\p{L}\\p{N}_])" + Pattern.quote(name) + "(?![\\p{L}\\p{N}_])",
                        Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE))
                .toList());
        return patterns.stream().anyMatch(whole -> whole.matcher(text).find());
    }
}
