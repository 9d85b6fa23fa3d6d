package org.twimbot.render;

import com.vladsch.flexmark.html.HtmlRenderer;
import com.vladsch.flexmark.parser.Parser;
import com.vladsch.flexmark.parser.ParserEmulationProfile;
import com.vladsch.flexmark.util.ast.Document;
import com.vladsch.flexmark.util.data.MutableDataSet;

/**
 * CommonMark as Element's composer renders it (matrix-react-sdk, commonmark.js): soft breaks as
 * {@code <br />}, raw HTML escaped. flexmark's CommonMark profile stands in for commonmark.js. Thread-safe.
 */
public final class ElementMarkdown {
    private ElementMarkdown() {}

    private static final Parser PARSER;
    private static final HtmlRenderer RENDERER;

    static {
        MutableDataSet options = new MutableDataSet();
        options.setFrom(ParserEmulationProfile.COMMONMARK);
        options.set(HtmlRenderer.SOFT_BREAK, "<br />");
        options.set(HtmlRenderer.ESCAPE_HTML, true);
        PARSER = Parser.builder(options).build();
        RENDERER = HtmlRenderer.builder(options).build();
    }

    public static Document parse(String markdown) {
        return PARSER.parse(markdown);
    }

    public static String html(Document document) {
        return RENDERER.render(document);
    }
}
