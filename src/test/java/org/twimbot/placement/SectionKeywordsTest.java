package org.twimbot.placement;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.twimbot.catalog.Catalog;
import org.twimbot.catalog.Project;
import org.twimbot.catalog.Section;

/** The catalog's section keywords in placement: one test per rule; each fails without its rule. */
class SectionKeywordsTest {
    private static final Section TALKS = new Section(
            "talks", "🗣️", "Dept of Events and Talks 🗣️", 10, List.of(), List.of("talk", "meetup", "conference"));
    private static final Section GUIDES = new Section(
            "guides", "🧭", "Dept of Guides 🧭", 20, List.of(), List.of("guide", "tutorial", "introduction"));
    private static final Section ENCRYPTION = new Section(
            "encryption",
            "🔐",
            "Dept of Encryption 🔐",
            30,
            List.of(),
            List.of("encryption", "cross-signing", "verification", "E2EE"));
    private static final Section SCIENCE = new Section(
            "gsoc", "🎓", "Dept of Science 🎓", 40, List.of(), List.of("GSoC", "Summer of Code", "peer-to-peer"));
    private static final Section CLIENTS =
            new Section("clients", "📱", "Dept of Clients 📱", 50, List.of(), List.of("app", "iOS"));

    private static final Project NHEKO =
            new Project("Nheko", "Nheko", "", "https://nheko-reborn.github.io", "clients", List.of(), List.of());

    private static final Catalog CATALOG =
            new Catalog(List.of(TALKS, GUIDES, ENCRYPTION, SCIENCE, CLIENTS), List.of(NHEKO));

    private static Decision place(String body) {
        return new Placer(CATALOG).place(new News("@someone:example.org", body, null));
    }

    private static Optional<String> sectionKey(Decision d) {
        return d.section().map(Section::key);
    }

    @Test
    void aKeywordInTheFirstSentencePlacesSectionOnlyNews() {
        assertEquals(
                Optional.of("talks"),
                sectionKey(place("Next user meetup on 2 November at the hackerspace.\nMeet others and chat.")));
        // further on, one keyword describes the news rather than says what it is: not enough alone
        assertEquals(
                Optional.empty(),
                sectionKey(place("We gather every first Wednesday at the hackerspace. Our monthly meetup has beer.")));
    }

    @Test
    void keywordsOfTwoSectionsWithEqualEvidenceAbstain() {
        assertEquals(Optional.of("guides"), sectionKey(place("A tutorial for newcomers, in German.")));
        assertEquals(Optional.of("encryption"), sectionKey(place("Cross-signing for newcomers, in German.")));
        // both in one sentence: a wrong section costs an editor more than none
        String both = "A tutorial on cross-signing for newcomers, in German.";
        assertEquals(
                Optional.empty(),
                sectionKey(place(both)),
                new Placer(CATALOG).explain(new News("@someone:example.org", both, null)));
    }

    @Test
    void topicWordsAfterTheFirstSentenceDoNotOutweighWhatItSays() {
        // a guide about encryption: "introduction" says what the news is, the rest what the guide covers; the
        // topic's three keywords (and its title word) make the evidence close, so the model abstains
        assertEquals(
                Optional.empty(),
                sectionKey(place("I published an introduction to Matrix on my blog. It covers end-to-end encryption,"
                        + " contact verification and cross-signing.")));
    }

    @Test
    void aKeywordThatIsAlsoACommonWordDoesNotOverrideAProjectPlacement() {
        // "talk" is a keyword of the talks section, and standing in the first sentence it would place section-only
        // news there; news naming a project is the project's
        assertEquals(
                Optional.of("talks"),
                sectionKey(place("Version 0.11 is out, come talk with us about it! It now sorts rooms by activity.")));
        Decision d = place("Nheko 0.11 is out, come talk with us about it! Nheko now sorts rooms by activity.");
        assertEquals(Optional.of("Nheko"), d.project().map(Project::key));
        assertEquals(Optional.empty(), d.section());
    }

    @Test
    void theFirstSentenceCountsOnceWhenATitleWordIsAlsoAKeyword() {
        // "bridge" is a title word of "Dept of Bridges" and one of its keywords: naming it in the first sentence is
        // one piece of evidence, so the keyword adds its mention and the larger first-sentence bonus replaces the
        // title word's instead of adding to it
        String news = "The bridge is here. It relays edits.";
        Section plain = new Section("bridges", "🌉", "Dept of Bridges 🌉", 10, List.of());
        Section withKeyword = new Section("bridges", "🌉", "Dept of Bridges 🌉", 10, List.of(), List.of("bridge"));
        assertEquals(
                sectionScore(plain, news)
                        - Placer.SECTION_FIRST_SENTENCE
                        + Placer.SECTION_KEYWORD
                        + Placer.SECTION_KEYWORD_FIRST_SENTENCE,
                sectionScore(withKeyword, news));
    }

    private static int sectionScore(Section section, String news) {
        String explained = new Placer(new Catalog(List.of(section), List.of()))
                .explain(new News("@someone:example.org", news, null));
        Matcher m = Pattern.compile(" " + section.key() + "=(\\d+)").matcher(explained);
        assertTrue(m.find(), explained);
        return Integer.parseInt(m.group(1));
    }

    @Test
    void keywordsAreWholeWordsAndPhrasesOfTheAuthor() {
        SectionWords words = new SectionWords(CATALOG, History.none());
        // a short keyword counts ("GSoC", though stems under four letters are no title words); a phrase counts
        // where its words stand together, in any spelling of the same stems ("peer to peer", "peer-to-peer")
        assertEquals(
                Map.of("gsoc", 3),
                words.keywords("Our GSoC students, Summer of Code: peer to peer sync. Summer code of conduct."));
        assertEquals(Map.of(), words.keywords("The summer of our code. A peer of peers."));
        // each distinct keyword once: repeating one is not more evidence of the section than saying it once
        assertEquals(Map.of("talks", 1), words.keywords("Talk, talks, talking."));
        // a word inside an address is not the author's: "…-app-…" names a page
        assertEquals(
                Map.of(),
                words.keywords("An article: https://example.org/health/famedly-app-news and www.app.example"));
        assertEquals(Map.of("clients", 1), words.keywords("The iOS version."));
    }
}
