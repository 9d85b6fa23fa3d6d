package org.twimbot.render;

/**
 * A media event attached to an item. {@code kind} is "image", "video" or "file"; {@code fileName}
 * is the name the sender gave (untrusted: sanitised by {@link MediaNames}); {@code mxcUri} where
 * the bytes are.
 */
public record DraftMedia(
        String eventId, String kind, String fileName, String mxcUri, String mimeType, long originServerTs) {}
