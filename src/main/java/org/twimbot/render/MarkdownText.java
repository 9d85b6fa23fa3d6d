package org.twimbot.render;

import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Small escapers for user-controlled strings the renderer writes outside the quoted news. */
public final class MarkdownText {
    private MarkdownText() {}

    private static final Pattern LINE_BREAKS = Pattern.compile("[\\r\\n\\u2028\\u2029\\u0085\\t]+");
    /** Bidi embedding/override/isolate controls: in a name they would reorder the rest of the line. */
    private static final Pattern BIDI_CONTROLS = Pattern.compile("[\\u202A-\\u202E\\u2066-\\u2069]");
    /** Characters that would end or restyle a link label ({@code <} is written as {@code &lt;}, see {@link #noTags}). */
    private static final Pattern LABEL_SPECIALS = Pattern.compile("([\\\\\\[\\]>*_`])");
    /** Markdown punctuation {@link #escapeInline} escapes. */
    private static final Pattern INLINE_SPECIALS = Pattern.compile("([\\\\`*_\\[\\]>#!|~])");

    /**
     * A display name as a link label: one line, {@code [ ] \ > * _ `} backslash-escaped, {@code <} as {@code &lt;},
     * {@code @room} and shortcode openers neutralised like the news text.
     */
    public static String linkLabel(String name) {
        String oneLine = LINE_BREAKS
                .matcher(truncate(name == null ? "" : name))
                .replaceAll(" ")
                .strip();
        oneLine = BIDI_CONTROLS.matcher(oneLine).replaceAll("");
        String escaped = LABEL_SPECIALS.matcher(oneLine).replaceAll("\\\\$1");
        return neutralize(noTags(escaped));
    }

    /**
     * Longer names are cut (with "…"). flexmark's link-label parsing backtracks catastrophically on labels
     * of about a thousand characters (a 1,500-character display name hung the post's parse for minutes);
     * even fully escaped ({@code <} to {@code &lt;}), this many code points stay far below that.
     */
    static final int MAX_LABEL_CODE_POINTS = 128;

    private static String truncate(String name) {
        if (name.codePointCount(0, name.length()) <= MAX_LABEL_CODE_POINTS) return name;
        return name.substring(0, name.offsetByCodePoints(0, MAX_LABEL_CODE_POINTS)) + "…";
    }

    /** Plain text as inline Markdown: one line, Markdown punctuation backslash-escaped. */
    public static String escapeInline(String text) {
        String oneLine =
                LINE_BREAKS.matcher(text == null ? "" : text).replaceAll(" ").strip();
        return noTags(INLINE_SPECIALS.matcher(oneLine).replaceAll("\\\\$1"));
    }

    /**
     * {@code <} as the entity {@code &lt;}: it shows the same, and unlike {@code \<} the post then holds
     * no {@code <script} or other tag opener at all, should a later tool ignore Markdown escapes.
     */
    static String noTags(String text) {
        return text.replace("<", "&lt;");
    }

    private static final MarkdownSanitizer SANITIZER = new MarkdownSanitizer();
    private static final Pattern HTTP_URL =
            Pattern.compile("https?://[^\\s<>\"'{}|\\\\^`\\[\\]]+", Pattern.CASE_INSENSITIVE);
    /** What opens a block at the start of a line (beyond raw HTML, which the sanitiser escapes anywhere). */
    private static final Pattern BLOCK_START =
            Pattern.compile("^(?:#{1,6}(?=[ \t]|$)|>|[-+*](?=[ \t]|$)|\\+\\+\\+|`{3,}|~{3,}"
                    + "|(?:\\*[ \t]*){3,}$|(?:-[ \t]*){3,}$|(?:_[ \t]*){3,}$|=+[ \t]*$|\\[(?=[^\\]]*]:))");

    private static final Pattern ORDERED_ITEM = Pattern.compile("^(\\d{1,9})([.)])(?=[ \t]|$)");

    /**
     * Catalog text on a heading line (a section or project title, also a key or emoji a template may print): one line,
     * sanitised like news as the heading's inline text, so no raw HTML, script link or shortcode; its first character
     * escaped if it would open a block, for templates that write it at the start of a line.
     */
    public static String headingText(String text) {
        return SANITIZER.sanitizeLine(escapeBlockStart(oneLine(text)), "### ");
    }

    /** Catalog text written as a paragraph of its own (a project description): one line, sanitised, no block start. */
    public static String paragraphText(String text) {
        return SANITIZER.sanitizeLine(escapeBlockStart(oneLine(text)), "");
    }

    /**
     * A project's website: an http(s) URL with nothing that would end a Markdown link target early (its parentheses
     * percent-encoded), or "" when it is anything else (another scheme, a space, a line break).
     */
    public static String website(String url) {
        String u = url == null ? "" : url.strip();
        if (!HTTP_URL.matcher(u).matches()) return "";
        return u.replace("(", "%28").replace(")", "%29");
    }

    private static String oneLine(String text) {
        String line =
                LINE_BREAKS.matcher(text == null ? "" : text).replaceAll(" ").strip();
        return BIDI_CONTROLS.matcher(line).replaceAll("");
    }

    /** Backslash before the character that would make the line a heading, list, quote, fence, break or definition. */
    static String escapeBlockStart(String line) {
        if (BLOCK_START.matcher(line).find()) return "\\" + line;
        Matcher ordered = ORDERED_ITEM.matcher(line);
        if (ordered.find())
            return ordered.group(1) + "\\" + line.substring(ordered.group(1).length());
        return line;
    }

    /** Plain text on one line with @room and shortcode openers neutralised (for headings, the live line). */
    public static String neutralize(String text) {
        return MarkdownSanitizer.neutralizeMentionsAndShortcodes(text);
    }

    /** The matrix.to link of a user id or room alias, percent-encoding anything unusual so the URL cannot end early. */
    public static String matrixTo(String id) {
        StringBuilder out = new StringBuilder("https://matrix.to/#/");
        for (byte b : (id == null ? "" : id).getBytes(StandardCharsets.UTF_8)) {
            char c = (char) (b & 0xff);
            if ((c >= 'a' && c <= 'z')
                    || (c >= 'A' && c <= 'Z')
                    || (c >= '0' && c <= '9')
                    || "@#!:._-=/+$".indexOf(c) >= 0) {
                out.append(c);
            } else {
                out.append('%').append(String.format("%02X", b & 0xff));
            }
        }
        return out.toString();
    }

    /** The inside of a TOML basic string ("…"): backslash, quote and control characters escaped. */
    public static String toml(String value) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < (value == null ? 0 : value.length()); i++) {
            char c = value.charAt(i);
            switch (c) {
                case '\\' -> out.append("\\\\");
                case '"' -> out.append("\\\"");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                case '\b' -> out.append("\\b");
                case '\f' -> out.append("\\f");
                case '<' -> out.append("\\u003C"); // the same string, but no tag opener in the post for a naive tool
                case '{' -> out.append("\\u007B"); // and no shortcode opener, which Zola looks for in the whole file
                default -> {
                    if (c < 0x20 || c == 0x7f) out.append(String.format("\\u%04X", (int) c));
                    else out.append(c);
                }
            }
        }
        return out.toString();
    }
}
