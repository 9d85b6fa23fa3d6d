package org.twimbot.store;

/** An image, video or file event attached to a submission. */
public record MediaAttachment(
        long id,
        long submissionId,
        String eventId,
        String kind,
        String fileName,
        String mxcUri,
        String mimeType,
        long originTs) {}
