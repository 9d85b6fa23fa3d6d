package org.twimbot.placement;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.jsoup.select.Evaluator;
import org.jsoup.select.QueryParser;

/**
 * The parts of a news item where a name counts for more: its text, first sentence, bold and heading
 * texts, links, and the sender's own lead ("Nheko: …"). Read from the HTML when there is some, else
 * from the plain body. News that opens with a list has no first sentence: its points are parallel
 * (a team's bullet list of the week's work), and the first is not the subject of the others.
 */
record NewsText(String text, String firstSentence, List<String> emphasised, List<Link> links, String lead) {

    /** A link: its text and where it points. */
    record Link(String text, String href) {}

    /** Texts longer than this are only read this far: the evidence is at the start, and every loop has a bound. */
    static final int MAX_TEXT = 20_000;

    private static final int MAX_LINKS = 200;
    /** A plain body opening with a list item ("* ", "- ", "1. "). */
    private static final Pattern LIST_ITEM = Pattern.compile("\\s*(?:[*+-]|\\d{1,3}[.)])\\s");

    private static final Pattern SENTENCE_END = Pattern.compile("[.!?…](?=\\s|$)|\\n");
    // parsed once: every stored news item is read this way, and parsing a query or pattern costs more than using it
    private static final Evaluator REPLY = QueryParser.parse("mx-reply");
    private static final Evaluator EMPHASIS = QueryParser.parse("strong, b, h1, h2, h3, h4, h5, h6");
    private static final Evaluator LINK = QueryParser.parse("a[href]");
    private static final Evaluator BLOCK = QueryParser.parse("p, li, h1, h2, h3, h4, h5, h6, blockquote, pre, br, tr");
    private static final Pattern URL = Pattern.compile("https?://[^\\s<>()]+");
    private static final Pattern SPACES = Pattern.compile("[ \\t\\x0B\\f\\r]+");
    private static final Pattern LINE_BREAKS = Pattern.compile(" ?\\n[\\n ]*");
    /** "Name: news" — a short lead of at most four words before a colon. */
    private static final Pattern LEAD =
            Pattern.compile("^\\s*([\\p{L}\\p{N}][\\p{L}\\p{N} ._+/&'-]{0,40}?)\\s*:\\s+\\S");

    static NewsText of(News news) {
        String html = news.html();
        if (html == null || html.isBlank()) return plain(news.body());
        Document doc = Jsoup.parseBodyFragment(html.length() > MAX_TEXT * 4 ? html.substring(0, MAX_TEXT * 4) : html);
        doc.select(REPLY).remove();
        String text = clip(textWithBreaks(doc.body()));
        List<String> emphasised = new ArrayList<>();
        for (Element e : doc.select(EMPHASIS)) emphasised.add(e.text());
        List<Link> links = new ArrayList<>();
        for (Element a : doc.select(LINK)) {
            if (links.size() == MAX_LINKS) break;
            links.add(new Link(a.text(), a.attr("href")));
        }
        Element first = doc.body().children().stream()
                .filter(e -> !e.text().isBlank())
                .findFirst()
                .orElse(null);
        boolean list = first != null
                && (first.tagName().equals("ul") || first.tagName().equals("ol"));
        return new NewsText(text, list ? "" : firstSentence(text), emphasised, links, lead(text));
    }

    private static NewsText plain(String body) {
        String text = clip(body);
        List<Link> links = new ArrayList<>();
        Matcher m = URL.matcher(text);
        while (m.find() && links.size() < MAX_LINKS) links.add(new Link("", m.group()));
        boolean list = LIST_ITEM.matcher(text).lookingAt();
        return new NewsText(text, list ? "" : firstSentence(text), List.of(), links, lead(text));
    }

    /** Block elements end with a line break, so that a heading or list item is not run into the next sentence. */
    private static String textWithBreaks(Element body) {
        body.select(BLOCK).forEach(e -> e.appendText("\n"));
        String spaced = SPACES.matcher(body.wholeText()).replaceAll(" ");
        return LINE_BREAKS.matcher(spaced).replaceAll("\n").strip();
    }

    private static String clip(String s) {
        return s.length() > MAX_TEXT ? s.substring(0, MAX_TEXT) : s;
    }

    static String firstSentence(String text) {
        Matcher m = SENTENCE_END.matcher(text);
        return m.find() ? text.substring(0, m.end()) : text;
    }

    private static String lead(String text) {
        Matcher m = LEAD.matcher(text);
        if (!m.find()) return "";
        String lead = m.group(1).strip();
        return lead.split("\\s+").length <= 4 ? lead : "";
    }
}
