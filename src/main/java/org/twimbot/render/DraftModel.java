package org.twimbot.render;

import java.util.List;
import org.twimbot.ping.PingTable;

/**
 * The post's structure before templating: sections in order, the items nobody placed (rendered
 * under "TODO UNKNOWN SECTION", never dropped), every media file the post references and the
 * Dept of Ping tables that have rows (none without a ping room).
 */
public record DraftModel(
        List<SectionBlock> sections, List<RenderedNews> unassigned, List<MediaFile> media, List<PingTable> ping) {
    /** The heading of unplaced news; news filed in a catalog section with this title (hebbot's "todo") joins them. */
    public static final String UNASSIGNED_HEADING = "TODO UNKNOWN SECTION";

    public DraftModel {
        sections = List.copyOf(sections);
        unassigned = List.copyOf(unassigned);
        media = List.copyOf(media);
        ping = ping.stream().filter(t -> !t.ranks().isEmpty()).toList();
    }

    public DraftModel(List<SectionBlock> sections, List<RenderedNews> unassigned, List<MediaFile> media) {
        this(sections, unassigned, media, List.of());
    }
}
