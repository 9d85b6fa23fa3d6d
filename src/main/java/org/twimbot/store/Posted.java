package org.twimbot.store;

/**
 * A message as its author posted it: which event, in which room, by whom, when, and its text ({@code html}
 * null when it had no formatted body). A submission keeps the one it was made from; a remembered chat line
 * is one.
 */
public record Posted(String eventId, String roomId, String sender, long originTs, String body, String html) {
    /** The same message with another text (as edited, or stripped of its prefix). */
    public Posted withText(String newBody, String newHtml) {
        return new Posted(eventId, roomId, sender, originTs, newBody, newHtml);
    }
}
