package org.twimbot.intake;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.twimbot.matrix.RoomEvent;
import org.twimbot.ping.Pong;

/**
 * Turns each room event of the configured rooms into at most one {@link Action}. Pure: no I/O,
 * no store access, so the same events always mean the same actions. Who may do what (editors)
 * is decided when actions are applied, so refusals can be answered.
 */
public final class Intake {
    private static final Logger log = LoggerFactory.getLogger(Intake.class);
    private static final Set<String> TEXT_TYPES = Set.of("m.text", "m.emote");
    private static final Set<String> MEDIA_TYPES = Set.of("m.image", "m.video", "m.file");

    private final String botUserId;
    private final String submissionsRoomId;
    private final String editorsRoomId;
    private final String commandPrefix;
    private final SubmissionText submissionText;
    private final String pingRoomId;

    public Intake(
            String botUserId,
            String submissionsRoomId,
            String editorsRoomId,
            String commandPrefix,
            SubmissionText submissionText) {
        this(botUserId, submissionsRoomId, editorsRoomId, commandPrefix, submissionText, null);
    }

    /** @param pingRoomId the room whose ping bot answers are read (rooms.ping), or null for none */
    public Intake(
            String botUserId,
            String submissionsRoomId,
            String editorsRoomId,
            String commandPrefix,
            SubmissionText submissionText,
            String pingRoomId) {
        this.botUserId = botUserId;
        this.submissionsRoomId = submissionsRoomId;
        this.editorsRoomId = editorsRoomId;
        this.commandPrefix = commandPrefix;
        this.submissionText = submissionText;
        this.pingRoomId = pingRoomId;
    }

    public Optional<Action> interpret(RoomEvent e) {
        boolean ping = e.roomId().equals(pingRoomId);
        if (ping && !e.roomId().equals(submissionsRoomId) && !e.roomId().equals(editorsRoomId)) return pong(e);
        if (!e.roomId().equals(submissionsRoomId) && !e.roomId().equals(editorsRoomId)) {
            log.debug("skipping {}: room {} is not configured", e.eventId(), e.roomId());
            return Optional.empty();
        }
        if ("m.room.member".equals(e.type()) && e.isState()) return member(e);
        if (e.sender().equals(botUserId)) return Optional.empty(); // never act on our own events
        if (!e.isState() && e.unsigned().has("redacted_because")) {
            // deleted before the bot saw it (a catch-up shows many): the homeserver stripped the content, and the
            // redaction event itself undoes whatever the original did, so there is nothing to read and nothing wrong
            log.debug("skipping {}: redacted", e.eventId());
            return Optional.empty();
        }
        return switch (e.type()) {
            case "m.room.message" -> e.isState() ? skip(e, "state event disguised as a message") : message(e);
            case "m.reaction" -> reaction(e);
            case "m.room.redaction" -> redaction(e);
            default -> Optional.empty();
        };
    }

    private Optional<Action> message(RoomEvent e) {
        String msgtype = e.msgtype();
        if (msgtype == null || e.body() == null) return skip(e, "message without msgtype or body");
        if ("m.replace".equals(e.relType())) return edit(e);
        if (MEDIA_TYPES.contains(msgtype)) return media(e, msgtype);
        if (!TEXT_TYPES.contains(msgtype)) return Optional.empty(); // notices are bots talking; others are not news
        String body = SubmissionText.stripReplyFallback(e.body());
        if (body.startsWith(commandPrefix) && body.length() > commandPrefix.length()) return command(e, body);
        if (!e.roomId().equals(submissionsRoomId)) return Optional.empty();
        return Optional.of(submissionText
                .recognise(e.body(), e.formattedBody())
                .<Action>map(s -> new Action.Submit(Origin.of(e), s.body(), s.html(), e.body(), e.formattedBody()))
                .orElseGet(() -> new Action.Chatter(Origin.of(e), e.body(), e.formattedBody(), related(e))));
    }

    /**
     * In the ping room only the ping bot's answers mean something: not its members (a public room of thousands, none
     * of them reporters), not the {@code !ping} lines (the bot answers nobody there) and not chat.
     */
    private Optional<Action> pong(RoomEvent e) {
        if (e.isState() || !"m.room.message".equals(e.type()) || e.sender().equals(botUserId)) return Optional.empty();
        if (e.unsigned().has("redacted_because") || "m.replace".equals(e.relType())) return Optional.empty();
        return Pong.parse(e.content()).map(p -> new Action.Pong(Origin.of(e), p.server(), p.ms()));
    }

    private Optional<Action> command(RoomEvent e, String body) {
        String text = body.substring(commandPrefix.length()).strip();
        String[] parts = text.split("\\s+", 2);
        String name = parts[0].toLowerCase(Locale.ROOT);
        if (name.isEmpty() || !name.chars().allMatch(c -> Character.isLetterOrDigit(c) || c == '-' || c == '_')) {
            return Optional.empty(); // "!!!" or "! hello" is chatter, not a command
        }
        String raw = parts.length > 1 ? parts[1].strip() : "";
        List<String> args = raw.isEmpty() ? List.of() : Arrays.asList(raw.split("\\s+"));
        String replyTo = e.inReplyTo();
        return Optional.of(new Action.Command(Origin.of(e), name, args, raw, replyTo));
    }

    private Optional<Action> media(RoomEvent e, String msgtype) {
        String url = textField(e.content(), "url");
        if (url == null) return skip(e, "media without url (encrypted or malformed)");
        String name = Optional.ofNullable(textField(e.content(), "filename")).orElse(e.body());
        String mime = textField(e.content().path("info"), "mimetype");
        return Optional.of(new Action.Media(Origin.of(e), msgtype.substring(2), name, url, mime, related(e)));
    }

    /** The event a message replies to, or the root of the thread it is in. */
    private static String related(RoomEvent e) {
        return e.inReplyTo() != null ? e.inReplyTo() : "m.thread".equals(e.relType()) ? e.relatesTo() : null;
    }

    /**
     * The event's own meaning, followed by an edit the server bundled into it
     * ({@code unsigned.m.relations.m.replace}, a whole event since spec v1.7): after a gap the
     * edit may only be known that way. Applying an edit twice is harmless (edits are keyed by id).
     */
    public List<Action> interpretAll(RoomEvent e) {
        Optional<Action> own = interpret(e);
        if (own.isEmpty() || e.isState()) return own.map(List::of).orElse(List.of());
        JsonNode bundled = e.unsigned().path("m.relations").path("m.replace");
        if (!bundled.isObject()
                || !bundled.path("content").isObject()
                || !bundled.path("event_id").isTextual()) {
            return List.of(own.get());
        }
        RoomEvent edit = new RoomEvent(
                bundled.get("event_id").asText(),
                e.roomId(),
                bundled.path("sender").asText(e.sender()),
                bundled.get("type") == null
                        ? "m.room.message"
                        : bundled.get("type").asText(),
                bundled.path("origin_server_ts").asLong(e.originServerTs()),
                null,
                null,
                (ObjectNode) bundled.get("content"),
                null);
        Optional<Action> editAction = interpret(edit);
        return editAction
                .filter(a -> a instanceof Action.Edit)
                .map(a -> List.of(own.get(), a))
                .orElse(List.of(own.get()));
    }

    private Optional<Action> edit(RoomEvent e) {
        JsonNode newContent = e.content().path("m.new_content");
        String target = e.relatesTo();
        if (target == null || !newContent.isObject()) return skip(e, "edit without target or m.new_content");
        String body = textField(newContent, "body");
        if (body == null) return skip(e, "edit without body");
        String html = "org.matrix.custom.html".equals(textField(newContent, "format"))
                ? textField(newContent, "formatted_body")
                : null;
        return Optional.of(new Action.Edit(Origin.of(e), target, body, html));
    }

    private Optional<Action> reaction(RoomEvent e) {
        String target = e.relatesTo();
        String key = e.relationKey();
        if (!"m.annotation".equals(e.relType()) || target == null || key == null)
            return skip(e, "reaction without annotation");
        if (key.length() > 256) return skip(e, "reaction key longer than 256 characters");
        return Optional.of(new Action.React(Origin.of(e), target, key));
    }

    private Optional<Action> redaction(RoomEvent e) {
        String target = e.redactionTarget();
        return target == null
                ? skip(e, "redaction without target")
                : Optional.of(new Action.Redact(Origin.of(e), target));
    }

    private Optional<Action> member(RoomEvent e) {
        String membership = textField(e.content(), "membership");
        if (membership == null || e.stateKey().isEmpty()) return skip(e, "member event without membership");
        return Optional.of(
                new Action.Member(Origin.of(e), e.stateKey(), textField(e.content(), "displayname"), membership));
    }

    private static Optional<Action> skip(RoomEvent e, String reason) {
        log.warn("skipping event {} from {}: {}", e.eventId(), e.sender(), reason);
        return Optional.empty();
    }

    private static String textField(JsonNode node, String field) {
        JsonNode v = node.get(field);
        return v != null && v.isTextual() ? v.asText() : null;
    }
}
