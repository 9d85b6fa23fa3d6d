package org.twimbot.curation;

import java.util.Optional;
import org.twimbot.catalog.Catalog;
import org.twimbot.catalog.Project;
import org.twimbot.catalog.Section;

/**
 * What a curation key (a reaction or a command argument) means: a section (by emoji or key) or a
 * project (by its key). Sections win when a key is both, as the catalog warns at start.
 */
public record PlacementTarget(Section section, Project project) {

    public static Optional<PlacementTarget> resolve(Catalog catalog, String key) {
        Optional<Section> s = catalog.sectionByReaction(key).or(() -> catalog.sectionByKey(key));
        if (s.isPresent()) return Optional.of(new PlacementTarget(s.get(), null));
        return catalog.projectByReaction(key).map(p -> new PlacementTarget(null, p));
    }

    public boolean isSection() {
        return section != null;
    }

    String key() {
        return isSection() ? section.key() : project.key();
    }

    String describe() {
        return isSection() ? "section " + section.title() : "project " + project.title();
    }
}
