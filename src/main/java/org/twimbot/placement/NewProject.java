package org.twimbot.placement;

/**
 * A project the catalog does not know, proposed from the news: {@code title} as the news names it,
 * {@code website} from its link (may be empty), {@code section} the section key the model chose (may be empty).
 */
public record NewProject(String title, String website, String section) {
    public NewProject {
        website = website == null ? "" : website;
        section = section == null ? "" : section;
    }
}
