package org.twimbot.render;

import java.util.regex.Pattern;
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
    private static final Pattern WHITESPACE = Pattern.compile("\\s+");
    private static final Pattern SPACE_AROUND_TAG = Pattern.compile(" ?(<[^>]+>) ?");
    /** A tag, its quoted attribute values may hold {@code >}. */
    private static final Pattern TAG = Pattern.compile("<(?:[^>\"']|\"[^\"]*\"|'[^']*')*>");

    static boolean isSourceOf(String body, String html) {
        if (body == null || html == null || body.isBlank() || html.isBlank() || body.length() > MAX_LENGTH)
            return false;
        if (html.length() > MAX_GROWTH * (long) body.length() + SLACK)
            return false; // cheap: deep or bulky HTML is not the body's
        String rendered = ElementMarkdown.html(ElementMarkdown.parse(body));
        if (textsDiffer(rendered, html)) return false;
        if (squeezed(rendered).equals(squeezed(html))) return true;
        return sameHtml(rendered, html);
    }

    /** The comparison itself: both parsed and written by the same HTML parser, then normalised. */
    static boolean sameHtml(String a, String b) {
        return normalise(a).equals(normalise(b));
    }

    /**
     * A cheap "no" (most HTML that is not the body's rendering, from rich-text editors, is told apart here without
     * parsing it): the text between the tags, without whitespace, differs. Only where that text reads the same to a
     * parser, so without entities and comments; otherwise it says nothing (false) and the parser decides.
     */
    private static boolean textsDiffer(String a, String b) {
        if (a.indexOf('&') >= 0 || b.indexOf('&') >= 0 || a.contains("<!") || b.contains("<!")) return false;
        return !textOf(a).equals(textOf(b));
    }

    private static String textOf(String html) {
        return WHITESPACE.matcher(TAG.matcher(html).replaceAll("")).replaceAll("");
    }

    /** A cheap "yes": the same HTML but for whitespace around tags and a bare single paragraph. */
    private static String squeezed(String html) {
        String s = SPACE_AROUND_TAG
                .matcher(WHITESPACE.matcher(html).replaceAll(" "))
                .replaceAll("$1")
                .strip();
        boolean oneParagraph = s.startsWith("<p>") && s.endsWith("</p>") && s.indexOf("<p", 1) < 0;
        return oneParagraph ? s.substring(3, s.length() - 4) : s;
    }

    private static String normalise(String html) {
        Document doc = Jsoup.parseBodyFragment(html);
        doc.outputSettings().prettyPrint(false);
        Element body = doc.body();
        // an empty paragraph shows nothing: intake leaves one where it took "TWIM:" off a line of its own
        for (Element p : body.select("p"))
            if (p.children().isEmpty() && p.text().isBlank()) p.remove();
        if (body.childrenSize() == 1
                && body.child(0).normalName().equals("p")
                && body.textNodes().stream().allMatch(t -> t.isBlank())) {
            body = body.child(0); // a single paragraph, sent bare or in <p>
        }
        String spaced = WHITESPACE.matcher(body.html()).replaceAll(" ");
        return SPACE_AROUND_TAG.matcher(spaced).replaceAll("$1").strip();
    }
}
