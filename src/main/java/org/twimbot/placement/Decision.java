package org.twimbot.placement;

import java.util.List;
import java.util.Optional;
import org.twimbot.catalog.Project;
import org.twimbot.catalog.Section;

/**
 * What placement makes of one item. {@code project} is set when one project is clearly the subject; else
 * {@code section} may be set (section-only news, or news of a project the catalog does not know).
 * {@code suggestions} are the projects offered to the editors (at most three, best first), {@code proposal}
 * a new project to create with one reaction.
 */
public record Decision(
        Optional<Project> project,
        Optional<Section> section,
        List<Project> suggestions,
        Optional<NewProject> proposal) {
    public Decision {
        suggestions = List.copyOf(suggestions);
    }

    public static Decision none(List<Project> suggestions) {
        return new Decision(Optional.empty(), Optional.empty(), suggestions, Optional.empty());
    }

    /** The section the item lands in: the placed project's default section, or the placed section. */
    public Optional<String> sectionKey() {
        if (project.isPresent())
            return project.get().section().isBlank()
                    ? Optional.empty()
                    : Optional.of(project.get().section());
        return section.map(Section::key);
    }
}
