package org.twimbot.render;

import java.util.ArrayList;
import java.util.List;

/**
 * Block-quotes news. Every line of the news starts with {@code >}, so nothing a submitter writes
 * (a heading, {@code +++}, a thematic break) can start a line of the post outside the quote.
 */
public final class Quoting {
    private Quoting() {}

    /** "> line" for every line; blank lines become a bare ">". */
    public static String quote(String markdown) {
        StringBuilder out = new StringBuilder(markdown.length() + 64);
        appendQuoted(out, markdown);
        return out.toString();
    }

    private static void appendQuoted(StringBuilder out, String markdown) {
        int start = out.length();
        for (String line : lines(markdown)) {
            if (out.length() > start) out.append('\n');
            if (line.isBlank()) out.append('>');
            else out.append("> ").append(line);
        }
    }

    /**
     * The inverse of {@link #quote} on its output: "> line" gives "line", a bare ">" an empty line, lines joined
     * with LF. {@code unquote(quote(x))} is {@code x} with its line ends normalised and blank lines emptied, and
     * quoting that again gives {@code quote(x)} back.
     */
    static String unquote(String quoted) {
        StringBuilder out = new StringBuilder(quoted.length());
        int start = 0;
        while (true) {
            int end = quoted.indexOf('\n', start);
            int lineEnd = end < 0 ? quoted.length() : end;
            if (start > 0) out.append('\n');
            if (quoted.startsWith("> ", start)) out.append(quoted, start + 2, lineEnd);
            else if (!(lineEnd - start == 1 && quoted.charAt(start) == '>')) {
                throw new IllegalArgumentException("not a line of a quote: " + quoted.substring(start, lineEnd));
            }
            if (end < 0) return out.toString();
            start = end + 1;
        }
    }

    /**
     * Quotes {@code markdown}, then appends each media snippet, each after a bare ">" line. Snippet
     * lines that already start with ">" (a configured video snippet) are kept, others are quoted.
     */
    public static String quoteWith(String markdown, List<String> mediaSnippets) {
        StringBuilder out = new StringBuilder(markdown.length() + 64);
        if (!markdown.isBlank()) appendQuoted(out, markdown);
        for (String snippet : mediaSnippets) {
            if (out.length() > 0) out.append("\n>\n");
            boolean first = true;
            for (String line : lines(snippet)) {
                if (!first) out.append('\n');
                first = false;
                if (line.startsWith(">")) out.append(line);
                else if (line.isBlank()) out.append('>');
                else out.append("> ").append(line);
            }
        }
        return out.length() == 0 ? ">" : out.toString();
    }

    /**
     * Splits on any line terminator, including the ones a Markdown renderer or browser treats as one:
     * CRLF, CR, LF, U+2028, U+2029 and U+0085 (a scan, not {@code String.split}, which compiles the
     * character class on every call).
     */
    static List<String> lines(String text) {
        List<String> lines = new ArrayList<>();
        int start = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\n' || c == '\r' || c == '\u2028' || c == '\u2029' || c == '\u0085') {
                lines.add(text.substring(start, i));
                if (c == '\r' && i + 1 < text.length() && text.charAt(i + 1) == '\n') i++;
                start = i + 1;
            }
        }
        lines.add(text.substring(start));
        return lines;
    }
}
