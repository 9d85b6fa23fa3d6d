package org.twimbot.catalog;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class CatalogTest {
    private final Section servers = new Section("servers", "🏢", "Dept of Servers 🏢", 30, List.of("@hs:example.org"));
    private final Section clients = new Section("clients", "📱", "Dept of Clients 📱", 40, List.of());
    private final Project synapse = new Project(
            "Synapse",
            "Synapse",
            "A homeserver",
            "https://synapse.example",
            "servers",
            List.of("matrix-synapse"),
            List.of());
    private final Project cpp =
            new Project("libQuotient", "C++ SDK", "", "", "clients", List.of("C++"), List.of("@dev:example.org"));
    private final Project heart = new Project("❤️", "Hearts", "", "", "nowhere", List.of(), List.of());
    private final Catalog catalog = new Catalog(List.of(servers, clients), List.of(synapse, cpp, heart));

    @Test
    void reactionKeysIgnoreVariationSelectorAndSuggestionMark() {
        assertEquals(servers, catalog.sectionByReaction("🏢\uFE0F").orElseThrow());
        assertEquals(synapse, catalog.projectByReaction("synapse ?").orElseThrow());
        assertEquals(synapse, catalog.projectByReaction("SYNAPSE").orElseThrow());
        assertEquals(heart, catalog.projectByReaction("❤").orElseThrow());
        assertTrue(catalog.projectByReaction("?").isEmpty());
    }

    @Test
    void reportersMapToTheirSectionsAndProjectDefaults() {
        assertEquals(List.of(servers), catalog.sectionsForReporter("@hs:example.org"));
        assertEquals(List.of(clients), catalog.sectionsForReporter("@dev:example.org"));
        assertEquals(List.of(), catalog.sectionsForReporter("@nobody:example.org"));
    }

    @Test
    void warnsAboutDuplicatesAndUnknownSections() {
        Catalog dup =
                new Catalog(List.of(servers, new Section("servers", "🏢", "Again", 1, List.of())), List.of(heart));
        List<String> warnings = dup.warnings();
        assertTrue(warnings.contains("section 'servers' is defined twice"), warnings.toString());
        assertTrue(warnings.stream().anyMatch(w -> w.contains("emoji 🏢")), warnings.toString());
        assertTrue(warnings.contains("project '❤️' names unknown section 'nowhere'"), warnings.toString());
        assertEquals(
                "Dept of Servers 🏢", dup.sectionByKey("servers").orElseThrow().title());
    }

    @Test
    void addedProjectsReplaceSameKey() {
        Project newSynapse = new Project("synapse", "Synapse", "New text", "", "servers", List.of(), List.of());
        Catalog updated = catalog.withProjects(List.of(newSynapse));
        assertEquals("New text", updated.projectByKey("Synapse").orElseThrow().description());
        assertEquals(3, updated.projects().size());
    }
}
