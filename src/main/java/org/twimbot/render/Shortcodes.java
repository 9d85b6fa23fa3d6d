package org.twimbot.render;

/**
 * Keeps Zola from expanding shortcodes in news and catalog text, while the site shows the braces as typed.
 * <p>
 * Zola expands shortcodes in the raw page, before Markdown, wherever they are, code included. Its grammar
 * ({@code components/markdown/src/content.pest}) knows two forms only: {@code {{ name(args) }}} and
 * {@code {% name(args) %}…{% end %}}; any other {@code {{} or {@code {%} is text to it. A call of a shortcode the site
 * has (youtube, …) embeds whatever the submitter chose, an unknown name fails the site's build. Content never goes
 * through Tera otherwise. So:
 * <ul>
 *   <li>outside code, every {@code {} before {@code {} or {@code %} is written {@code &#123;}: a character reference,
 *       which Markdown shows as {@code {} after Zola ran (a backslash escape would not help, Zola does not read
 *       Markdown). No {@code {{} or {@code {%} is left there, for any site generator;</li>
 *   <li>inside code a reference would show literally, so there a call is written in Zola's own escape form,
 *       <code>{{&#47;* name(args) *&#47;}}</code> (and <code>{%&#47;* … *&#47;%}</code>), which Zola prints as the call
 *       as typed;
 *       the opening of a call whose end is not in the same text (it could close in the next news item) gets a
 *       zero-width space after its first brace; everything else in code ({@code {{ x }}}, {@code ${{ secrets.X }}})
 *       is left as typed, because Zola leaves it alone.</li>
 * </ul>
 */
final class Shortcodes {
    private Shortcodes() {}

    static final String ENTITY = "&#123;";

    /**
     * {@code text} with shortcode openers outside code as {@link #ENTITY} and calls inside code in Zola's escape form.
     * {@code code[i]} says whether character i is inside code for every parser that matters.
     */
    static String escape(String text, boolean[] code) {
        if (text.indexOf('{') < 0) return text;
        // insertions before index k; every opener is looked at, also one inside a call escaped around it, so a call
        // hidden in another's parentheses (which Zola would find once the outer one fails its grammar) is escaped too
        String[] insert = new String[text.length() + 1];
        boolean[] entity = new boolean[text.length()];
        boolean any = false;
        for (int i = text.indexOf('{'); i >= 0 && i + 1 < text.length(); i = text.indexOf('{', i + 1)) {
            char next = text.charAt(i + 1);
            if (next != '{' && next != '%') continue;
            if (!code[i]) {
                entity[i] = any = true;
                continue;
            }
            int end = callEnd(text, i);
            if (end > 0) {
                insert[i + 2] = insert[i + 2] == null ? "/*" : insert[i + 2] + "/*";
                insert[end - 2] = insert[end - 2] == null ? "*/" : "*/" + insert[end - 2];
                any = true;
            } else if (end == OPEN_CALL) {
                insert[i + 1] = MarkdownSanitizer.ZWSP;
                any = true;
            }
        }
        if (!any) return text;
        StringBuilder out = new StringBuilder(text.length() + 16);
        for (int k = 0; k < text.length(); k++) {
            if (insert[k] != null) out.append(insert[k]);
            if (entity[k]) out.append(ENTITY);
            else out.append(text.charAt(k));
        }
        if (insert[text.length()] != null) out.append(insert[text.length()]);
        return out.toString();
    }

    /** {@link #callEnd}: an opener, name and "(" without the rest of the call in this text. */
    static final int OPEN_CALL = -2;

    /**
     * For {@code {{} or {@code {%} at {@code at}: the index after the call's closing {@code }}} / {@code %}} when a
     * call starts here ({@code {% end %}} counts: it belongs to a call); {@link #OPEN_CALL} when a name and "(" follow
     * but the call does not end in this text; -1 when this is no call. More liberal than Zola inside the
     * parentheses (anything but an unclosed string is accepted), so nothing Zola would expand is missed.
     */
    static int callEnd(String text, int at) {
        char kind = text.charAt(at + 1);
        int i = skipSpace(text, at + 2);
        int nameStart = i;
        while (i < text.length() && isIdentChar(text.charAt(i), i == nameStart)) i++;
        if (i == nameStart) return -1;
        boolean end = kind == '%' && text.startsWith("end", nameStart) && i == nameStart + 3;
        i = skipSpace(text, i);
        if (i < text.length() && text.charAt(i) == '(') end = false; // "{% end() %}" is a call of a shortcode "end"
        if (!end) {
            if (i >= text.length() || text.charAt(i) != '(') return -1;
            i++;
            while (true) {
                if (i >= text.length()) return OPEN_CALL;
                char c = text.charAt(i);
                if (c == ')') break;
                if (c == '"' || c == '\'' || c == '`') {
                    int close = text.indexOf(c, i + 1);
                    if (close < 0) return OPEN_CALL;
                    i = close;
                }
                i++;
            }
            i = skipSpace(text, i + 1);
        }
        String closer = kind == '{' ? "}}" : "%}";
        if (text.startsWith(closer, i)) return i + 2;
        return -1; // after a call's ")" the post never continues it: the next item starts with "[", a heading with "#"
    }

    private static int skipSpace(String text, int i) {
        while (i < text.length() && " \t\r\n".indexOf(text.charAt(i)) >= 0) i++;
        return i;
    }

    private static boolean isIdentChar(char c, boolean first) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_' || (!first && c >= '0' && c <= '9');
    }
}
