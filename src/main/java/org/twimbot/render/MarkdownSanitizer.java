package org.twimbot.render;

import com.vladsch.flexmark.ast.AutoLink;
import com.vladsch.flexmark.ast.Code;
import com.vladsch.flexmark.ast.CodeBlock;
import com.vladsch.flexmark.ast.FencedCodeBlock;
import com.vladsch.flexmark.ast.HtmlBlockBase;
import com.vladsch.flexmark.ast.HtmlInlineBase;
import com.vladsch.flexmark.ast.IndentedCodeBlock;
import com.vladsch.flexmark.ast.LinkNodeBase;
import com.vladsch.flexmark.ast.MailLink;
import com.vladsch.flexmark.ast.Reference;
import com.vladsch.flexmark.ext.gfm.strikethrough.StrikethroughExtension;
import com.vladsch.flexmark.ext.tables.TablesExtension;
import com.vladsch.flexmark.parser.Parser;
import com.vladsch.flexmark.util.ast.Document;
import com.vladsch.flexmark.util.ast.Node;
import com.vladsch.flexmark.util.data.MutableDataSet;
import com.vladsch.flexmark.util.sequence.BasedSequence;
import com.vladsch.flexmark.util.sequence.Escaping;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Makes news Markdown safe to publish. The decisions are taken on parses of the text (not on regexes over raw text),
 * so "a < b" or a tag inside a code span stay as written. Two parsers read every text: flexmark (with GFM tables) and
 * commonmark-java (CommonMark 0.31, as commonmark.js, markdown-it and pulldown-cmark read HTML blocks), because they
 * disagree: flexmark 0.64 follows an older spec, and {@code <!doctype> ``<script>…</script>``} at a line start was a
 * code span to it and an HTML block with a live script to the site. What either takes for HTML or a link is edited:
 * <ul>
 *   <li>raw HTML (inline or block, incl. comments) gets its {@code <} written as {@code &lt;}: it
 *       shows as text and never reaches the page as a tag;</li>
 *   <li>link and image targets with a scheme other than http, https or mailto become {@code #} (flexmark's reading),
 *       or, where only CommonMark reads a link, its opening {@code [} or {@code <} is escaped so it is none;</li>
 *   <li>room aliases and user ids in plain text (not in code, links or bare URLs) become matrix.to links;</li>
 *   <li>{@code @room} gets a zero-width space after the {@code @} ({@code @\u200Broom}): the {@code !draft} preview is a
 *       notice in the editors' room, and a notice whose text holds "@room" from a sender allowed to notify the room
 *       pings everyone (the push rule matches the text, so no Markdown escape or entity helps: the preview's HTML
 *       shows the decoded text). The post reads the same; chosen over backticks because it also works inside code
 *       and link labels;</li>
 *   <li>Zola shortcodes ({@code {{ name(…) }}}, {@code {% name(…) %}}) are written so Zola does not expand them and the
 *       site shows the braces as typed: see {@link Shortcodes}.</li>
 * </ul>
 * The post holds the news quoted ({@link Quoting#quote}), and that is the text every decision is taken on:
 * the news alone parses differently. Quoting splits lines at U+2028, U+2029 and U+0085 too, which flexmark
 * reads as ordinary characters, so indented code alone became a {@code <script>} block quoted, and
 * text in the middle of a line became a {@code <?}, {@code <!X} or comment block at the start of one. The result
 * is {@link Quoting#unquote unquoted} from the checked form, so {@code Quoting.quote(sanitize(x))} is exactly
 * the text that was checked: parsed last by both parsers and found clean, or shown to need no parse at all (line ends
 * normalised to LF, blank lines empty). Catalog text is checked the same way where the template writes it
 * ({@link #sanitizeLine}).
 */
public final class MarkdownSanitizer {

    static final String ZWSP = "\u200B";

    private static final Set<String> SAFE_SCHEMES = Set.of("http", "https", "mailto");
    private static final Pattern SCHEME = Pattern.compile("^([A-Za-z][A-Za-z0-9+.\\-]*):");
    private static final Pattern BARE_URL = Pattern.compile("(?i)\\b(?:https?|ftp)://[^\\s<>]+|\\bwww\\.[^\\s<>]+");
    /** #alias:server or @user:server; server = DNS name with a TLD, localhost or [IPv6], optional port. */
    static final Pattern MATRIX_ID = Pattern.compile(
            "(?<![\\p{L}\\p{N}_/#@\\\\.:=+\\-])([#@])([\\p{L}\\p{N}._=+\\-/]+):"
                    + "((?:[A-Za-z0-9\\-]+\\.)+[A-Za-z]{2,}|localhost|\\[[0-9A-Fa-f:.]+\\])(:\\d{1,5})?(?![\\p{L}\\p{N}_])");

    private static final Pattern AT_ROOM = Pattern.compile("(?<![\\p{L}\\p{N}_/])@room(?![\\p{L}\\p{N}_])");

    /**
     * Parses of one text before the fall-backs. Each HTML round escapes at least one {@code <} and adds none, link
     * and id edits settle in a round or two; ordinary news takes one parse, news with an id or raw HTML two or three.
     */
    static final int MAX_ROUNDS = 8;

    private final int maxRounds;
    private final boolean plainShortcut;
    /** The post's Markdown as the site (and the fuzz test) reads it: with GFM tables and strikethrough. */
    private final Parser parser;
    /**
     * The same without tables, for text with no {@code |}: a table needs a pipe on its first line, so the parse is
     * identical, and the tables extension compiles a regex for every document it sees (a third of a short parse).
     */
    private final Parser parserWithoutTables;

    public MarkdownSanitizer() {
        this(MAX_ROUNDS, true);
    }

    /** With fewer rounds before the fall-back, or always parsing: for the tests of both. */
    MarkdownSanitizer(int maxRounds, boolean plainShortcut) {
        this.maxRounds = maxRounds;
        this.plainShortcut = plainShortcut;
        // GFM's tables, as the site and the preview read them: a one-dash separator row makes a table, and a table's
        // pipes split cells before code spans are found, so a code span over pipes can leave a tag in a cell
        parser = Parser.builder(new MutableDataSet()
                        .set(Parser.EXTENSIONS, List.of(StrikethroughExtension.create(), TablesExtension.create()))
                        .set(TablesExtension.MIN_SEPARATOR_DASHES, 1))
                .build();
        parserWithoutTables = Parser.builder(
                        new MutableDataSet().set(Parser.EXTENSIONS, List.of(StrikethroughExtension.create())))
                .build();
    }

    public String sanitize(String markdown) {
        String text = markdown == null ? "" : markdown;
        // Tabs become four spaces first, so the news keeps its indentation once quoted: after "> " a tab only reaches
        // the next tab stop ("\t<script>", indented code as sent, would be a raw HTML block quoted).
        if (text.indexOf('\t') >= 0) text = text.replace("\t", "    ");
        return Quoting.unquote(safeQuoted(Quoting.quote(escapeLongBrackets(text))));
    }

    /**
     * One line of text where a template writes it, after {@code context} on the same line ({@code "### "} on a heading,
     * {@code ""} for a paragraph of its own): checked and edited in that context, as news is in its quote.
     */
    String sanitizeLine(String line, String context) {
        String checked = safeQuoted(context + escapeLongBrackets(line.replace("\t", " ")));
        // never seen: no edit touches the context, which holds no '<', '[', '{', id or @room
        if (!checked.startsWith(context)) throw new IllegalStateException("the context was edited: " + checked);
        return checked.substring(context.length());
    }

    /**
     * A {@code [} whose next {@code ]} is more than this many characters away (or absent) is escaped. flexmark's
     * link-label parsing backtracks catastrophically on long bracketed text: 1,250 characters of
     * {@code [Setext === &lt;p\\>para&lt;/p\\> ...](x)} hung the parse for minutes (and the bot's sync loop
     * with it, at the next draft). CommonMark labels end at 999 characters; nobody links 500 characters of text.
     */
    static final int MAX_BRACKETED = 500;

    static String escapeLongBrackets(String text) {
        StringBuilder out = null;
        int copied = 0;
        for (int i = text.indexOf('['); i >= 0; i = text.indexOf('[', i + 1)) {
            int backslashes = 0;
            while (i - backslashes > 0 && text.charAt(i - backslashes - 1) == '\\') backslashes++;
            if (backslashes % 2 == 1) continue; // already escaped
            int close = text.indexOf(']', i + 1);
            if (close >= 0 && close - i <= MAX_BRACKETED) continue;
            if (out == null) out = new StringBuilder(text.length() + 16);
            out.append(text, copied, i).append("\\[");
            copied = i + 1;
        }
        return out == null ? text : out.append(text, copied, text.length()).toString();
    }

    /** A range of the text to replace. */
    record Edit(int start, int end, String replacement) {}

    /** A half-open range of the text. */
    private record Range(int start, int end) {
        boolean overlaps(int s, int e) {
            return s < end && start < e;
        }
    }

    /**
     * Edits the quoted news until a parse of it finds nothing to change, in the order the edits depend on each
     * other: raw HTML first (escaping it can turn a block into a paragraph holding links or another tag), then
     * unsafe link targets and Matrix ids (both from the same parse: they never overlap, ids are only linked outside
     * links), then {@code @room} and shortcode openers. Every change is followed by a fresh parse, so the returned
     * text is one that was parsed and found clean, not one an edit was merely expected to fix.
     */
    String safeQuoted(String quoted) {
        if (plainShortcut && nothingToParseFor(quoted)) return neutralizeMentions(quoted);
        String text = quoted;
        for (int round = 0; round < maxRounds; round++) {
            Document doc = parse(text);
            CommonMarkView.Lazy commonMark = new CommonMarkView.Lazy(text);
            List<Edit> edits = edits(doc, commonMark, text);
            if (edits.isEmpty()) {
                String neutral = neutralize(text, doc, commonMark.get());
                if (neutral.equals(text)) return text;
                text = neutral;
            } else {
                text = apply(text, withoutNested(edits));
            }
        }
        return fallBack(text);
    }

    /**
     * The first kind of edit either parser asks for: raw HTML by flexmark, raw HTML by CommonMark, unsafe links and
     * ids by flexmark, unsafe links by CommonMark. One kind per round, because each can change what the next finds.
     */
    private static List<Edit> edits(Document doc, CommonMarkView.Lazy commonMark, String text) {
        List<Edit> edits = htmlEdits(doc, text);
        if (edits.isEmpty()) edits = commonMark.get().htmlEdits();
        if (edits.isEmpty()) {
            edits = linkEdits(doc);
            edits.addAll(matrixIdEdits(doc, text));
        }
        if (edits.isEmpty()) edits = commonMark.get().linkEdits();
        return edits;
    }

    /**
     * True when a parse could not find anything to edit, so none is needed (and plain news, text with https links and
     * code, never runs flexmark's Markdown parser, which was half of a cold render). The parse looks for raw HTML and
     * autolinks, which start with {@code <}; for link targets whose scheme is not http, https or mailto; and for code
     * and links around Matrix ids. Without {@code &} and {@code \} a target is written as the browser reads it, no
     * escape or character reference in it, and it starts after {@code (}, {@code :}, whitespace or a line start, none
     * of them scheme characters: so its scheme, if it has one, is the whole run of scheme characters before one of the
     * text's colons. No such run other than http, https or mailto, no {@code <} and no id candidate: nothing to edit.
     * Shortcodes and {@code @room} are neutralised as usual; that inserts zero-width spaces, never a {@code <}, id or
     * scheme. {@code MarkdownSanitizerTest} checks the result is the full path's over random hostile text.
     */
    static boolean nothingToParseFor(String text) {
        if (text.indexOf('<') >= 0 || text.indexOf('&') >= 0 || text.indexOf('\\') >= 0) return false;
        if (text.contains("{{") || text.contains("{%")) return false; // escaped differently inside and outside code
        for (int colon = text.indexOf(':'); colon >= 0; colon = text.indexOf(':', colon + 1)) {
            int start = colon;
            while (start > 0 && isSchemeChar(text.charAt(start - 1))) start--;
            char first = start < colon ? text.charAt(start) : ' ';
            boolean letter = (first >= 'a' && first <= 'z') || (first >= 'A' && first <= 'Z');
            if (letter && !SAFE_SCHEMES.contains(text.substring(start, colon).toLowerCase(Locale.ROOT))) return false;
        }
        return matrixIds(text).isEmpty();
    }

    /** What {@link #SCHEME} allows after its first letter. */
    private static boolean isSchemeChar(char c) {
        return (c >= 'a' && c <= 'z')
                || (c >= 'A' && c <= 'Z')
                || (c >= '0' && c <= '9')
                || c == '+'
                || c == '.'
                || c == '-';
    }

    /**
     * Input that did not settle (escaping one tag kept exposing another through shifting code spans): every
     * {@code <} outside code is escaped, which keeps code as written; should even that leave raw HTML (a code span
     * can end elsewhere once a tag before it is text), every {@code <}. Links and ids are then edited as usual.
     */
    private String fallBack(String text) {
        String escaped = escapeAnglesOutsideCode(text, parse(text), new CommonMarkView(text));
        Document escapedDoc = parse(escaped);
        String out = neutralize(escaped, escapedDoc, new CommonMarkView(escaped));
        for (int round = 0; round < MAX_ROUNDS; round++) {
            Document doc = parse(out);
            CommonMarkView.Lazy commonMark = new CommonMarkView.Lazy(out);
            if (!htmlEdits(doc, out).isEmpty() || !commonMark.get().htmlEdits().isEmpty()) {
                out = out.replace("<", "&lt;");
                continue;
            }
            List<Edit> edits = edits(doc, commonMark, out);
            if (edits.isEmpty()) return out;
            out = apply(out, withoutNested(edits));
        }
        // Never seen: still no fixpoint. Without '<' there is no raw HTML or autolink, without '[' no other link.
        return out.replace("<", "&lt;").replace("[", "&#91;");
    }

    private static List<Edit> htmlEdits(Document doc, String text) {
        List<Edit> edits = new ArrayList<>();
        for (Node node : doc.getDescendants()) {
            if (node instanceof HtmlBlockBase
                    || node instanceof HtmlInlineBase
                    || (node instanceof AutoLink a && !isSafeUrl(a.getUrl().toString()))) {
                // The text's range, not node.getChars(): for inline HTML spanning lines of the quote, flexmark's chars
                // leave out the "> " in front of the later lines, and writing them back unquoted those lines. NUL as
                // U+FFFD, as flexmark reads it (and as this escape has always written it).
                String raw = text.substring(node.getStartOffset(), node.getEndOffset());
                edits.add(new Edit(
                        node.getStartOffset(),
                        node.getEndOffset(),
                        raw.replace("<", "&lt;").replace('\0', '\uFFFD')));
            }
        }
        return edits;
    }

    private static List<Edit> linkEdits(Document doc) {
        List<Edit> edits = new ArrayList<>();
        for (Node node : doc.getDescendants()) {
            if (node instanceof LinkNodeBase link && !(node instanceof AutoLink) && !(node instanceof MailLink)) {
                BasedSequence url = link.getUrl();
                if (!url.isEmpty() && !isSafeUrl(url.toString()))
                    edits.add(new Edit(url.getStartOffset(), url.getEndOffset(), "#"));
            }
        }
        return edits;
    }

    /**
     * Room aliases and user ids outside code, links and bare URLs, as matrix.to links. Candidates are found first
     * (rarely any), so the protected ranges are only collected when there is something to protect.
     */
    private static List<Edit> matrixIdEdits(Document doc, String text) {
        List<int[]> candidates = matrixIds(text);
        if (candidates.isEmpty()) return new ArrayList<>();
        List<Range> protectedRanges = new ArrayList<>();
        for (Node node : doc.getDescendants()) {
            if (node instanceof Code
                    || node instanceof CodeBlock
                    || node instanceof FencedCodeBlock
                    || node instanceof IndentedCodeBlock
                    || node instanceof LinkNodeBase
                    || node instanceof AutoLink
                    || node instanceof MailLink
                    || node instanceof Reference) {
                protectedRanges.add(new Range(node.getStartOffset(), node.getEndOffset()));
            }
        }
        Matcher url = BARE_URL.matcher(text);
        while (url.find()) protectedRanges.add(new Range(url.start(), url.end()));

        List<Edit> edits = new ArrayList<>();
        for (int[] id : candidates) {
            int s = id[0], e = id[1];
            if (protectedRanges.stream().anyMatch(r -> r.overlaps(s, e))) continue;
            String matrixId = text.substring(s, e);
            edits.add(new Edit(s, e, "[" + matrixId + "](https://matrix.to/#/" + matrixId + ")"));
        }
        return edits;
    }

    /**
     * What {@code MATRIX_ID.matcher(text).find()} finds, tried only where a match can start (at a {@code #} or
     * {@code @}) instead of at every character: the pattern opens with a look-behind on Unicode classes, which
     * made the plain scan one of the renderer's hot spots. Transparent bounds let that look-behind see the text
     * before the region, so each match is the one {@code find()} would report.
     */
    static List<int[]> matrixIds(String text) {
        List<int[]> found = new ArrayList<>();
        if (text.indexOf(':') < 0) return found;
        Matcher m = MATRIX_ID.matcher(text).useTransparentBounds(true).useAnchoringBounds(false);
        int from = 0;
        for (int i = nextSigil(text, 0); i >= 0; i = nextSigil(text, Math.max(i + 1, from))) {
            m.region(i, text.length());
            if (m.lookingAt()) {
                found.add(new int[] {m.start(), m.end()});
                from = m.end();
            }
        }
        return found;
    }

    private static int nextSigil(String text, int from) {
        for (int i = from; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '#' || c == '@') return i;
        }
        return -1;
    }

    /** {@code @room} with a zero-width space (see the class comment); also for names and headings. */
    static String neutralizeMentions(String text) {
        return text.contains("@room") ? AT_ROOM.matcher(text).replaceAll("@" + ZWSP + "room") : text;
    }

    /** {@code @room} and shortcodes in text with no code in it (a name, a heading): see {@link Shortcodes}. */
    static String neutralizeMentionsAndShortcodes(String text) {
        return neutralizeMentions(Shortcodes.escape(text, new boolean[text.length()]));
    }

    /** {@code @room} and shortcodes in the parsed text: code is what both parsers read as code. */
    private static String neutralize(String text, Document doc, CommonMarkView commonMark) {
        String out = text;
        if (out.contains("{{") || out.contains("{%")) out = Shortcodes.escape(out, codeForBoth(text, doc, commonMark));
        return neutralizeMentions(out);
    }

    /**
     * What both parsers read as code: only there is a character reference shown literally, so only there is it kept
     * out. Where they disagree a {@code &#123;} may show as typed in one reading's code: a cosmetic loss on odd input.
     */
    private static boolean[] codeForBoth(String text, Document doc, CommonMarkView commonMark) {
        boolean[] code = flexmarkCode(text, doc);
        boolean[] other = commonMark.code();
        for (int k = 0; k < code.length; k++) code[k] &= other[k];
        return code;
    }

    private static boolean[] flexmarkCode(String text, Document doc) {
        boolean[] code = new boolean[text.length()];
        for (Node node : doc.getDescendants()) {
            if (node instanceof Code || node instanceof FencedCodeBlock || node instanceof IndentedCodeBlock) {
                for (int k = node.getStartOffset(); k < node.getEndOffset(); k++) code[k] = true;
            }
        }
        return code;
    }

    /** Every {@code <} outside code as {@code &lt;}; code is what both parsers read as code. */
    private static String escapeAnglesOutsideCode(String text, Document doc, CommonMarkView commonMark) {
        boolean[] code = codeForBoth(text, doc, commonMark);
        StringBuilder out = new StringBuilder(text.length() + 64);
        for (int k = 0; k < text.length(); k++) {
            char c = text.charAt(k);
            if (c == '<' && !code[k]) out.append("&lt;");
            else out.append(c);
        }
        return out.toString();
    }

    /**
     * Whether the scheme a browser ends up with is http, https or mailto (or there is none: a relative link).
     * That is the scheme after Markdown's backslash escapes and character references are decoded (flexmark's full
     * HTML5 table, like the site's renderer: {@code java&#x73;cript:}, {@code javascript&colon;}, {@code javascript\:}
     * all link to {@code javascript:}), and after what the URL parser drops: ASCII tabs and line breaks anywhere
     * ({@code java&#9;script:}), controls and spaces in front (and any other leading whitespace, to be safe).
     */
    static boolean isSafeUrl(String url) {
        return isSafeDecodedUrl(Escaping.unescapeString(url));
    }

    /** {@link #isSafeUrl} for a target whose escapes and references are decoded already (CommonMark's destinations). */
    static boolean isSafeDecodedUrl(String decoded) {
        StringBuilder seen = new StringBuilder(decoded.length());
        for (int i = 0; i < decoded.length(); i++) {
            char c = decoded.charAt(i);
            if (c == '\t' || c == '\n' || c == '\r') continue;
            if (seen.length() == 0 && (c <= ' ' || Character.isWhitespace(c) || Character.isSpaceChar(c))) continue;
            seen.append(c);
        }
        Matcher m = SCHEME.matcher(seen);
        return !m.find() || SAFE_SCHEMES.contains(m.group(1).toLowerCase(Locale.ROOT));
    }

    private Document parse(String text) {
        return (text.indexOf('|') >= 0 ? parser : parserWithoutTables).parse(text);
    }

    /** Keeps the outermost edits only (an inline tag inside an HTML block is covered by the block). */
    private static List<Edit> withoutNested(List<Edit> edits) {
        List<Edit> sorted = new ArrayList<>(edits);
        sorted.sort(Comparator.comparingInt(Edit::start)
                .thenComparing(Comparator.comparingInt(Edit::end).reversed()));
        List<Edit> kept = new ArrayList<>();
        int coveredUntil = -1;
        for (Edit e : sorted) {
            if (e.start() < coveredUntil) continue;
            kept.add(e);
            coveredUntil = e.end();
        }
        return kept;
    }

    /** Applies non-overlapping edits. */
    private static String apply(String text, List<Edit> edits) {
        List<Edit> sorted = new ArrayList<>(edits);
        sorted.sort(Comparator.comparingInt(Edit::start));
        StringBuilder out = new StringBuilder(text.length() + 64);
        int pos = 0;
        for (Edit e : sorted) {
            if (e.start() < pos) continue;
            out.append(text, pos, e.start()).append(e.replacement());
            pos = e.end();
        }
        return out.append(text, pos, text.length()).toString();
    }
}
