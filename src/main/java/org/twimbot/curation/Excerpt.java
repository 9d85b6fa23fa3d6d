package org.twimbot.curation;

/** The start of a text on one line, as notices quote news and chat lines. */
public final class Excerpt {
    private static final int LENGTH = 60;

    private Excerpt() {}

    /** {@code body} with its whitespace runs made single spaces, cut after 60 code points with an ellipsis. */
    public static String of(String body) {
        String flat = body.replaceAll("\\s+", " ").strip();
        int cut = flat.offsetByCodePoints(0, Math.min(LENGTH, flat.codePointCount(0, flat.length())));
        return cut < flat.length() ? flat.substring(0, cut) + "…" : flat;
    }
}
