package org.twimbot.render;

import java.util.List;
import org.twimbot.catalog.Project;

/** A project's heading and its news inside one section, news in time order. */
public record ProjectBlock(Project project, List<RenderedNews> news) {
    public ProjectBlock {
        news = List.copyOf(news);
    }
}
