package org.twimbot.render;

import java.util.List;

/**
 * One live submission of the edition as the renderer needs it. {@code body} is the plain text
 * and {@code html} the {@code org.matrix.custom.html} formatted body (null when absent), both
 * already stripped of the submission prefix. {@code sectionKeys} / {@code projectKeys} are the
 * catalog keys the item is placed in (several = rendered under each); both empty = unassigned.
 */
public record DraftItem(
        int number,
        String eventId,
        String senderId,
        String senderName,
        long originServerTs,
        String body,
        String html,
        List<String> sectionKeys,
        List<String> projectKeys,
        List<DraftMedia> media) {
    public DraftItem {
        sectionKeys = List.copyOf(sectionKeys);
        projectKeys = List.copyOf(projectKeys);
        media = List.copyOf(media);
    }
}
