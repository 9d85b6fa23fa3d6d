package org.twimbot.render;

import java.util.List;

/**
 * One item as it appears in the post. {@code text} is the sanitised Markdown of the news,
 * {@code message} the same quoted line by line with the media lines appended (what the default
 * template prints), {@code media} the item's attachments in post order.
 */
public record RenderedNews(DraftItem item, String verb, String text, String message, List<MediaFile> media) {
    public RenderedNews {
        media = List.copyOf(media);
    }
}
