package org.twimbot.placement;

/** What placement reads of a submission: who sent it and its text as stored (body without the prefix, and its HTML or null). */
public record News(String sender, String body, String html) {
    public News {
        sender = sender == null ? "" : sender;
        body = body == null ? "" : body;
    }
}
