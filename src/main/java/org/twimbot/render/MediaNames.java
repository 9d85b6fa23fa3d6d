package org.twimbot.render;

import java.time.LocalDate;

/** File names for media in the post and the bundle: {@code YYYY-MM-DD-<5 chars of event id>-<sanitised name>}. */
public final class MediaNames {
    private MediaNames() {}

    public static String fileName(LocalDate editionDate, String eventId, String senderFileName) { throw new UnsupportedOperationException("TODO"); }
}
