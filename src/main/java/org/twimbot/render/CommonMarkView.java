package org.twimbot.render;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import org.commonmark.node.Code;
import org.commonmark.node.FencedCodeBlock;
import org.commonmark.node.HtmlBlock;
import org.commonmark.node.HtmlInline;
import org.commonmark.node.Image;
import org.commonmark.node.IndentedCodeBlock;
import org.commonmark.node.Link;
import org.commonmark.node.LinkReferenceDefinition;
import org.commonmark.node.Node;
import org.commonmark.node.SourceSpan;
import org.commonmark.parser.IncludeSourceSpans;
import org.commonmark.parser.Parser;

/**
 * The text as a CommonMark 0.31 parser reads it (commonmark-java, the reading of commonmark.js, markdown-it and, for
 * HTML blocks, pulldown-cmark), next to flexmark's. flexmark 0.64 implements an older spec: {@code <!doctype>} starts
 * no HTML block there, so {@code <!doctype> ``<script>…</script>``} was a harmless code span for flexmark and a live
 * script for the site. What either parser takes for raw HTML or a link is edited; positions come from source spans.
 */
final class CommonMarkView {
    private static final Parser PARSER = Parser.builder()
            .includeSourceSpans(IncludeSourceSpans.BLOCKS_AND_INLINES)
            .build();

    /** Parsed when first asked for: a round in which flexmark already finds something to edit needs no second parse. */
    static final class Lazy {
        private final String text;
        private CommonMarkView view;

        Lazy(String text) {
            this.text = text;
        }

        CommonMarkView get() {
            if (view == null) view = new CommonMarkView(text);
            return view;
        }
    }

    private final String text;
    private final List<Node> nodes = new ArrayList<>();

    CommonMarkView(String text) {
        this.text = text;
        Deque<Node> todo = new ArrayDeque<>();
        todo.push(PARSER.parse(text));
        while (!todo.isEmpty()) { // no recursion: the nesting is the submitter's
            Node n = todo.pop();
            nodes.add(n);
            for (Node c = n.getLastChild(); c != null; c = c.getPrevious()) todo.push(c);
        }
    }

    /** Raw HTML (blocks and inline, comments, declarations, processing instructions) with every {@code <} as {@code &lt;}. */
    List<MarkdownSanitizer.Edit> htmlEdits() {
        List<MarkdownSanitizer.Edit> edits = new ArrayList<>();
        for (Node n : nodes) {
            if (!(n instanceof HtmlBlock || n instanceof HtmlInline)) continue;
            for (SourceSpan span : n.getSourceSpans()) {
                int start = span.getInputIndex(), end = start + span.getLength();
                edits.add(new MarkdownSanitizer.Edit(
                        start, end, text.substring(start, end).replace("<", "&lt;")));
            }
        }
        return edits;
    }

    /**
     * Links, images, autolinks and link reference definitions to a scheme other than http, https or mailto stop being
     * links: their opening {@code [} is backslash-escaped, an autolink's {@code <} written as {@code &lt;}. Only for
     * what flexmark did not read as such a link (its own edit, the target as {@code #}, comes first).
     */
    List<MarkdownSanitizer.Edit> linkEdits() {
        List<MarkdownSanitizer.Edit> edits = new ArrayList<>();
        for (Node n : nodes) {
            String destination = n instanceof Link l
                    ? l.getDestination()
                    : n instanceof Image i
                            ? i.getDestination()
                            : n instanceof LinkReferenceDefinition d ? d.getDestination() : null;
            if (destination == null
                    || MarkdownSanitizer.isSafeDecodedUrl(destination)
                    || n.getSourceSpans().isEmpty()) continue;
            SourceSpan first = n.getSourceSpans().get(0);
            int start = first.getInputIndex(), end = start + first.getLength();
            for (int k = start; k < end; k++) {
                char c = text.charAt(k);
                if (c == '<') {
                    edits.add(new MarkdownSanitizer.Edit(k, k + 1, "&lt;"));
                    break;
                }
                if (c == '[') {
                    edits.add(new MarkdownSanitizer.Edit(k, k + 1, "\\["));
                    break;
                }
            }
        }
        return edits;
    }

    /** Marks what this parser reads as code (spans, fenced and indented blocks, delimiters included). */
    boolean[] code() {
        boolean[] code = new boolean[text.length()];
        for (Node n : nodes) {
            if (!(n instanceof Code || n instanceof FencedCodeBlock || n instanceof IndentedCodeBlock)) continue;
            for (SourceSpan span : n.getSourceSpans()) {
                int end = Math.min(text.length(), span.getInputIndex() + span.getLength());
                for (int k = span.getInputIndex(); k < end; k++) code[k] = true;
            }
        }
        return code;
    }
}
