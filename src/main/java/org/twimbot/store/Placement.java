package org.twimbot.store;

/**
 * One editor decision placing a submission in a section or under a project. {@code sourceEventId}
 * is the reaction or command event that made it, so redacting that event undoes exactly it.
 * {@code provisional} marks the bot's own suggestion, which any editor action overrides.
 */
public record Placement(
        long id,
        long submissionId,
        Kind kind,
        String key,
        String sourceEventId,
        String editor,
        boolean provisional,
        long createdTs) {

    public enum Kind {
        SECTION,
        PROJECT
    }
}
