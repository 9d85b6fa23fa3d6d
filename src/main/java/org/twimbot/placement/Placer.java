package org.twimbot.placement;

import java.util.List;
import org.twimbot.catalog.Catalog;
import org.twimbot.catalog.Project;

/** Files news under a project or section of the catalog, or suggests, without an editor. */
public final class Placer {
    private final Catalog catalog;

    public Placer(Catalog catalog) {
        this.catalog = catalog;
    }

    public Decision place(News news) {
        List<Project> projects = catalog.suggestProjects(news.body());
        if (projects.size() == 1) {
            return new Decision(java.util.Optional.of(projects.get(0)), java.util.Optional.empty(), projects, java.util.Optional.empty());
        }
        return Decision.none(projects);
    }
}
