package org.twimbot.catalog;

import java.util.List;

/**
 * A project items can be filed under. {@code key} is the reaction that places an item under it:
 * an emoji or a short text ("Synapse"). {@code section} is the default section's key.
 * {@code description} and {@code website} may be empty strings, never null.
 */
public record Project(
        String key,
        String title,
        String description,
        String website,
        String section,
        List<String> aliases,
        List<String> usualReporters) {
    public Project {
        description = description == null ? "" : description;
        website = website == null ? "" : website;
        aliases = aliases == null ? List.of() : List.copyOf(aliases);
        usualReporters = usualReporters == null ? List.of() : List.copyOf(usualReporters);
    }
}
