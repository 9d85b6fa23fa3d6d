package org.twimbot.render;

import java.util.List;
import org.twimbot.catalog.Section;

/** A section of the post: its section-only news first, then its project blocks. */
public record SectionBlock(Section section, List<RenderedNews> news, List<ProjectBlock> projects) {
    public SectionBlock {
        news = List.copyOf(news);
        projects = List.copyOf(projects);
    }
}
