package org.twimbot.render;

import java.util.List;

/**
 * The post's structure before templating: sections in order, the items nobody placed (rendered
 * under "TODO UNKNOWN SECTION", never dropped) and every media file the post references.
 */
public record DraftModel(List<SectionBlock> sections, List<RenderedNews> unassigned, List<MediaFile> media) {
    /** The heading of unplaced news; news filed in a catalog section with this title (hebbot's "todo") joins them. */
    public static final String UNASSIGNED_HEADING = "TODO UNKNOWN SECTION";

    public DraftModel {
        sections = List.copyOf(sections);
        unassigned = List.copyOf(unassigned);
        media = List.copyOf(media);
    }
}
