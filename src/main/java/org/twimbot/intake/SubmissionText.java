package org.twimbot.intake;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Recognises a submission by its start ("TWIM:" / "TWIM " / a mention of the bot) and strips that
 * start from both the plain body and the HTML body, so no prefix, pill or stray colon reaches the post.
 */
public final class SubmissionText {
    /** "TWIM" as a word followed by ':' or whitespace; "TWIMday" is not a submission. */
    private static final Pattern BODY_PREFIX = Pattern.compile("^\\s*TWIM(?::|\\s+|$)\\s*", Pattern.CASE_INSENSITIVE);
    /** Opening tags an HTML body may start with before the text (paragraphs, spans). */
    private static final String LEADING_TAGS = "^((?:\\s*<(?!a[\\s>])[a-zA-Z][^>]*>)*\\s*)";

    private static final Pattern HTML_PREFIX =
            Pattern.compile(LEADING_TAGS + "TWIM(?::|\\s+|(?=<)|$)\\s*", Pattern.CASE_INSENSITIVE);
    private static final Pattern REPLY_FALLBACK_HTML = Pattern.compile("(?s)^\\s*<mx-reply>.*?</mx-reply>");

    private final Pattern bodyMention;
    private final Pattern htmlPill;

    public SubmissionText(String botUserId, String botDisplayName) {
        String botLocalpart =
                botUserId.substring(1, botUserId.indexOf(':') > 0 ? botUserId.indexOf(':') : botUserId.length());
        StringBuilder names =
                new StringBuilder(Pattern.quote(botUserId)).append('|').append(Pattern.quote("@" + botLocalpart));
        if (botDisplayName != null && !botDisplayName.isBlank())
            names.append('|').append(Pattern.quote(botDisplayName));
        // the display name or @localpart must be followed by ':' (or ',') so ordinary sentences starting with the name
        // are not taken
        this.bodyMention = Pattern.compile(
                "^\\s*(?:" + Pattern.quote(botUserId) + "(?::?\\s+|:$)|(?:" + names + ")[:,](?:\\s+|$))",
                Pattern.CASE_INSENSITIVE);
        this.htmlPill = Pattern.compile(
                LEADING_TAGS + "<a\\s[^>]*href=[\"']https://matrix\\.to/#/" + "(?:" + Pattern.quote(botUserId) + "|"
                        + Pattern.quote(encodeUserId(botUserId)) + ")[\"'][^>]*>.*?</a>\\s*[:,]?\\s*",
                Pattern.CASE_INSENSITIVE | Pattern.DOTALL);
    }

    /** The stripped text when {@code body} starts like a submission; empty when it does not. */
    public Optional<Stripped> recognise(String body, String html) {
        if (body == null) return Optional.empty();
        String plain = stripReplyFallback(body);
        String cleanHtml =
                html == null ? null : REPLY_FALLBACK_HTML.matcher(html).replaceFirst("");
        // the mention first: a bot called "TWIM Bot" must not leave "Bot:" behind as if "TWIM " were the prefix
        Matcher mention = bodyMention.matcher(plain);
        if (mention.find()) {
            return Optional.of(new Stripped(plain.substring(mention.end()), stripHtml(cleanHtml, htmlPill)));
        }
        Matcher prefix = BODY_PREFIX.matcher(plain);
        if (prefix.find()) {
            return Optional.of(new Stripped(plain.substring(prefix.end()), stripHtml(cleanHtml, HTML_PREFIX)));
        }
        if (cleanHtml != null) {
            Matcher pill = htmlPill.matcher(cleanHtml);
            if (pill.find()) {
                return Optional.of(new Stripped(stripLeadingName(plain), pill.replaceFirst("$1")));
            }
        }
        return Optional.empty();
    }

    /** Text of a message that is submitted by other means (submit emoji, !twim): the prefix is stripped if present. */
    public Stripped asSubmission(String body, String html) {
        return recognise(body, html)
                .orElseGet(() -> new Stripped(
                        stripReplyFallback(body == null ? "" : body),
                        html == null ? null : REPLY_FALLBACK_HTML.matcher(html).replaceFirst("")));
    }

    private static String stripHtml(String html, Pattern pattern) {
        if (html == null) return null;
        Matcher m = pattern.matcher(html);
        return m.find() ? m.replaceFirst("$1") : html;
    }

    /** Clients put the pill's display name in the plain body: drop the first word and its colon. */
    private String stripLeadingName(String plain) {
        int colon = plain.indexOf(':');
        int newline = plain.indexOf('\n');
        if (colon > 0 && (newline < 0 || colon < newline) && colon <= 64)
            return plain.substring(colon + 1).stripLeading();
        return plain;
    }

    /** Plain-text replies start with "> <@user> quoted" lines and a blank line (the reply fallback). */
    static String stripReplyFallback(String body) {
        if (!body.startsWith("> ")) return body;
        int i = 0;
        while (i < body.length() && body.startsWith(">", i)) {
            int nl = body.indexOf('\n', i);
            if (nl < 0) return body;
            i = nl + 1;
        }
        return i < body.length() && body.charAt(i) == '\n' ? body.substring(i + 1) : body;
    }

    private static String encodeUserId(String userId) {
        return userId.replace("@", "%40").replace(":", "%3A");
    }

    /** The submission text with its start removed. */
    public record Stripped(String body, String html) {}
}
