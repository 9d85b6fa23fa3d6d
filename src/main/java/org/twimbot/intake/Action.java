package org.twimbot.intake;

import java.util.List;

/** What one room event means to the bot. Produced by {@link Intake}, applied in one store transaction. */
public sealed interface Action {

    /** The event the action comes from (its values, not the wire object). */
    Origin origin();

    /**
     * A news submission; {@code body}/{@code html} have the prefix or bot mention stripped ({@code html} may be null),
     * {@code sentBody}/{@code sentHtml} are the message as sent (remembered as a chat line if it cannot be stored).
     */
    record Submit(Origin origin, String body, String html, String sentBody, String sentHtml) implements Action {}

    /** A reaction on {@code targetEventId} with {@code key}; its meaning (section, project, reject…) is decided on apply. */
    record React(Origin origin, String targetEventId, String key) implements Action {}

    /** A redaction of {@code targetEventId}. */
    record Redact(Origin origin, String targetEventId) implements Action {}

    /**
     * A {@code !command}: {@code name} lower-case without the prefix, {@code args} split on whitespace,
     * {@code rawArgs} the text after the name, {@code replyTo} the event it replies to or null.
     */
    record Command(Origin origin, String name, List<String> args, String rawArgs, String replyTo) implements Action {
        public Command {
            args = List.copyOf(args);
        }
    }

    /** An image, video or file message, possibly replying to / threaded under {@code relatedEventId}. */
    record Media(Origin origin, String kind, String fileName, String mxcUri, String mimeType, String relatedEventId)
            implements Action {}

    /** An edit ({@code m.replace}) of {@code targetEventId} with its new content (prefix not yet stripped). */
    record Edit(Origin origin, String targetEventId, String newBody, String newHtml) implements Action {}

    /**
     * A text message in the submissions room that is not (yet) news: remembered so it can be
     * submitted later; {@code relatedEventId} is what it replies to or is threaded under, or null.
     */
    record Chatter(Origin origin, String body, String html, String relatedEventId) implements Action {}

    /** A membership or display-name change. */
    record Member(Origin origin, String userId, String displayName, String membership) implements Action {}

    /**
     * The ping bot's answer in the ping room: {@code server} (the pinging user's homeserver) took {@code ms}
     * to reach it. Read from the answer's {@code pong} object (see {@link org.twimbot.ping.Pong}).
     */
    record Pong(Origin origin, String server, long ms) implements Action {}
}
