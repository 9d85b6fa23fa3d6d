package org.twimbot.render;

import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;

/**
 * Whether a message's {@code body} is the Markdown its {@code formatted_body} was made from: Element's composer
 * sends the typed text as {@code body} and its CommonMark HTML (soft breaks as {@code <br />}, a single paragraph
 * without {@code <p>}) as {@code formatted_body}. Then the post uses the body as typed ({@code _em_}, list markers,
 * spacing and all); rich-text editors and other clients send HTML that is not the body's rendering, and that HTML
 * is converted. Both are compared after normalising: whitespace between and inside tags, a bare single paragraph.
 */
final class TypedBody {
    private TypedBody() {}

    /** Bodies longer than this are not rendered for the comparison: the HTML is converted as before. */
    static final int MAX_LENGTH = 40_000;
    /** CommonMark's HTML of a text is at most a few times as long (a link's address is written twice): more is other HTML. */
    private static final int MAX_GROWTH = 4;
    private static final int SLACK = 256;
    static boolean isSourceOf(String body, String html) {
        if (body == null || html == null || body.isBlank() || html.isBlank() || body.length() > MAX_LENGTH) return false;
        if (html.length() > MAX_GROWTH * (long) body.length() + SLACK) return false; // cheap: deep or bulky HTML is not the body's
        return normalise(ElementMarkdown.html(ElementMarkdown.parse(body))).equals(normalise(html));
    }

    private static String normalise(String html) {
        Document doc = Jsoup.parseBodyFragment(html);
        doc.outputSettings().prettyPrint(false);
        Element body = doc.body();
        // an empty paragraph shows nothing: intake leaves one where it took "TWIM:" off a line of its own
        for (Element p : body.select("p")) if (p.children().isEmpty() && p.text().isBlank()) p.remove();
        if (body.childrenSize() == 1 && body.child(0).normalName().equals("p") && body.textNodes().stream().allMatch(t -> t.isBlank())) {
            body = body.child(0); // a single paragraph, sent bare or in <p>
        }
        return body.html().replaceAll("\\s+", " ").replaceAll(" ?(<[^>]+>) ?", "$1").strip();
    }
}
