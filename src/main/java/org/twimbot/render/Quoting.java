package org.twimbot.render;

import java.util.List;

/**
 * Block-quotes news. Every line of the news starts with {@code >}, so nothing a submitter writes
 * (a heading, {@code +++}, a thematic break) can start a line of the post outside the quote.
 */
public final class Quoting {
    private Quoting() {}

    /** "> line" for every line; blank lines become a bare ">". */
    public static String quote(String markdown) {
        StringBuilder out = new StringBuilder();
        for (String line : lines(markdown)) {
            if (out.length() > 0) out.append('\n');
            out.append(line.isBlank() ? ">" : "> " + line);
        }
        return out.toString();
    }

    /**
     * Quotes {@code markdown}, then appends each media snippet, each after a bare ">" line. Snippet
     * lines that already start with ">" (a configured video snippet) are kept, others are quoted.
     */
    public static String quoteWith(String markdown, List<String> mediaSnippets) {
        StringBuilder out = new StringBuilder(markdown.isBlank() ? "" : quote(markdown));
        for (String snippet : mediaSnippets) {
            if (out.length() > 0) out.append("\n>\n");
            StringBuilder block = new StringBuilder();
            for (String line : lines(snippet)) {
                if (block.length() > 0) block.append('\n');
                block.append(line.startsWith(">") ? line : line.isBlank() ? ">" : "> " + line);
            }
            out.append(block);
        }
        return out.length() == 0 ? ">" : out.toString();
    }

    /** Splits on any line terminator, including the ones a Markdown renderer or browser treats as one. */
    static String[] lines(String text) {
        return text.replace("\r\n", "\n").split("[\r\n\u2028\u2029\u0085]", -1);
    }
}
