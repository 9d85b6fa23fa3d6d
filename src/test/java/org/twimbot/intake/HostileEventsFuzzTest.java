package org.twimbot.intake;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.toml.TomlMapper;
import com.vladsch.flexmark.ast.BlockQuote;
import com.vladsch.flexmark.ast.Code;
import com.vladsch.flexmark.ast.FencedCodeBlock;
import com.vladsch.flexmark.ast.Heading;
import com.vladsch.flexmark.ast.HtmlBlock;
import com.vladsch.flexmark.ast.HtmlCommentBlock;
import com.vladsch.flexmark.ast.HtmlInline;
import com.vladsch.flexmark.ast.HtmlInlineComment;
import com.vladsch.flexmark.ast.HtmlInnerBlock;
import com.vladsch.flexmark.ast.IndentedCodeBlock;
import com.vladsch.flexmark.ext.gfm.strikethrough.StrikethroughExtension;
import com.vladsch.flexmark.ext.tables.TablesExtension;
import com.vladsch.flexmark.parser.Parser;
import com.vladsch.flexmark.util.ast.Document;
import com.vladsch.flexmark.util.ast.Node;
import com.vladsch.flexmark.util.data.MutableDataSet;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import okhttp3.OkHttpClient;
import okhttp3.mockwebserver.MockResponse;
import okhttp3.mockwebserver.MockWebServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;
import org.twimbot.catalog.Catalog;
import org.twimbot.catalog.Project;
import org.twimbot.catalog.Section;
import org.twimbot.config.BotConfig;
import org.twimbot.config.ConfigLoader;
import org.twimbot.matrix.MatrixClient;
import org.twimbot.matrix.RetryPolicy;
import org.twimbot.matrix.RoomEvent;
import org.twimbot.matrix.RoomTimeline;
import org.twimbot.matrix.Sleeper;
import org.twimbot.matrix.SyncBatch;
import org.twimbot.render.DraftItem;
import org.twimbot.render.DraftMedia;
import org.twimbot.render.DraftRenderer;
import org.twimbot.render.DraftRequest;
import org.twimbot.render.MarkdownText;
import org.twimbot.render.PostJudge;

/**
 * Ten thousand and more generated malformed and hostile events, from a seeded {@link Random}, go
 * the way real ones go: as {@code /sync} responses over HTTP through the client's parser, then
 * through {@link Intake}, and the news among them through the {@link DraftRenderer} with the
 * embedded default catalog. Malformed events are skipped and the rest kept; nothing throws; every
 * post has intact front matter (TOML that parses), no raw HTML, no {@code <script}, only the template's
 * headings outside the quotes, and every line of every news item inside its quote.
 */
class HostileEventsFuzzTest {
    static final long SEED = 0x7717_2026L;
    static final int EVENTS = Integer.getInteger("twimbot.fuzz.events", 12_000);
    static final int PER_SYNC = 1_000;
    static final int ITEMS_PER_POST = 25;
    static final String BOT = "@twimbot:localhost";
    static final String SUBMISSIONS = "!news:localhost";
    static final String EDITORS = "!editors:localhost";
    static final String OTHER_ROOM = "!elsewhere:evil.example";
    static final ObjectMapper JSON = new ObjectMapper();
    static final JsonNodeFactory F = JsonNodeFactory.instance;

    /** The classes of hostile input, each generated about equally often. */
    enum Kind {
        MISSING_FIELD,
        WRONG_TYPED_FIELD,
        WRONG_TYPED_CONTENT,
        RANDOM_JSON,
        UNKNOWN_MSGTYPE,
        HUGE_BODY,
        HUGE_HTML,
        DEEP_HTML,
        BAD_UNICODE,
        HUGE_REACTION_KEY,
        CLAIMS_OTHER_ROOM,
        STATE_AS_MESSAGE,
        UNKNOWN_RELATION,
        HOSTILE_TEXT,
        HOSTILE_HTML,
        HOSTILE_MEMBER,
        HOSTILE_MEDIA,
        COMMAND_GARBAGE
    }

    /** Pieces hostile text is built from: Markdown and HTML that must not reach the site as such. */
    static final String[] FRAGMENTS = {
        "<script>alert(1)</script>",
        "<SCRIPT src=//evil.js></SCRIPT>",
        "<scr<script>ipt>alert(1)</script>",
        "<img src=x onerror=alert(1)>",
        "<iframe src=\"https://evil.example\"></iframe>",
        "<div>\n*x*\n</div>",
        "<!-- comment -->",
        "<![CDATA[ x ]]>",
        "<?php echo 1; ?>",
        "&lt;script&gt;alert(1)&lt;/script&gt;",
        "&#60;script&#62;",
        "<a href=\"javascript:alert(1)\">click</a>",
        "[x](javascript:alert(1))",
        "<javascript:alert(1)>",
        "<https://example.org>",
        "<style>body{display:none}</style>",
        "<svg onload=alert(1)>",
        "<details open ontoggle=alert(1)>",
        "<math><mtext><table><mglyph><style><img src=x onerror=alert(1)>",
        "\n+++\n",
        "+++",
        "\n+++\ntitle = \"pwned\"\n+++\n",
        "\n## Heading\n",
        "## Top",
        "\n# H1\n",
        "\n### Project\n",
        "\nSetext\n===\n",
        "\n---\n",
        "\n***\n",
        "\n```\ncode {{ x }}\n```\n",
        "\n    indented code\n",
        "{{ shortcode() }}",
        "{% raw %}",
        "{{< video src=\"x\" >}}",
        "{#",
        "| a | b |\n|---|---|\n| 1 | 2 |",
        "> quote\n>> nested",
        "\n\n\n",
        "\r\n+++\r",
        "\u2028## x",
        "\u0085## y",
        "\u000B",
        "\u0000",
        "\u202Eevil",
        "\uFEFF",
        "@room",
        "@room:",
        "hello",
        "TWIM",
        "world ",
        "🎉",
        "👩‍👩‍👧",
        "مرحبا",
        "\\",
        "`",
        "``",
        "*",
        "_",
        "[",
        "]",
        "(",
        ")",
        "<",
        ">",
        "&",
        "\"",
        "'",
        "\t",
        "<b>bold</b>",
        "<p>para</p>",
        "<br>",
        "<mx-reply><blockquote>quoted</blockquote></mx-reply>",
        "\n> <@a:b> fallback\n\n",
        "<table><tr><td>cell</td></tr></table>",
        "<pre><code>x</code></pre>",
        "<h1>Title</h1>",
        "<h2>## Sub</h2>",
        "<blockquote>+++</blockquote>",
        "<ul><li>+++</li><li>## li</li></ul>",
        "<code>&lt;script&gt;</code>",
        "<span data-mx-spoiler>s</span>",
        "<a href=\"https://matrix.to/#/@twimbot:localhost\">TWIM Bot</a>",
        "<font color=red>red</font>",
        "<!DOCTYPE html>",
        "<html><body>",
        "</blockquote>",
        "</div>",
        "<textarea>",
        "<noscript><p title=\"</noscript><img src=x onerror=alert(1)>\">",
    };

    static final String[] DEEP_TAGS = {
        "div",
        "blockquote",
        "b",
        "i",
        "span",
        "ul><li",
        "ol><li",
        "p",
        "a href=\"https://x\"",
        "table><tr><td",
        "del",
        "code",
        "pre",
        "h1",
        "details",
        "font"
    };

    MockWebServer server;
    MatrixClient client;
    Logger rootLogger;
    Level previousLevel;

    @TempDir
    Path dir;

    @BeforeEach
    void setUp() throws Exception {
        server = new MockWebServer();
        server.start();
        OkHttpClient http =
                new OkHttpClient.Builder().readTimeout(Duration.ofSeconds(30)).build();
        client = new MatrixClient(
                server.url("/").toString(),
                new RetryPolicy(2, Duration.ofMillis(1), Duration.ofMillis(1)),
                http,
                Sleeper.system());
        client.setAccessToken("fuzz-token");
        // twelve thousand "skipping event" warnings are the expected outcome; keep them off the console
        rootLogger = (Logger) LoggerFactory.getLogger("org.twimbot");
        previousLevel = rootLogger.getLevel();
        rootLogger.setLevel(Level.OFF);
    }

    @AfterEach
    void tearDown() throws Exception {
        rootLogger.setLevel(previousLevel);
        client.close();
        server.shutdown();
    }

    @Test
    @Timeout(600) // a catastrophic backtrack in a parser shows up as a hang (generous: a shared, busy CI machine)
    void hostileEventsAreSkippedOrRenderedHarmlessly() throws Exception {
        long t0 = System.nanoTime();
        Random random = new Random(SEED);
        List<JsonNode> events = new ArrayList<>();
        Map<Kind, Integer> generated = new EnumMap<>(Kind.class);
        Set<String> expectedKept = new LinkedHashSet<>();
        Set<String> otherRoomIds = new HashSet<>();
        Kind[] kinds = Kind.values();
        for (int i = 0; i < EVENTS; i++) {
            Kind kind = pickKind(random, kinds);
            generated.merge(kind, 1, Integer::sum);
            JsonNode e = generate(kind, i, random);
            events.add(e);
            if (wellFormed(e)) {
                String id = e.get("event_id").asText();
                expectedKept.add(id);
                if (kind == Kind.CLAIMS_OTHER_ROOM && random.nextBoolean()) otherRoomIds.add(id);
            }
        }

        // 1. over HTTP as /sync responses: the client's parser keeps the well-formed events, in order
        List<RoomEvent> parsed = new ArrayList<>();
        int syncs = 0;
        for (int from = 0; from < events.size(); from += PER_SYNC) {
            List<JsonNode> chunk = events.subList(from, Math.min(events.size(), from + PER_SYNC));
            ObjectNode join = F.objectNode();
            ArrayNode mine = join.putObject(SUBMISSIONS).putObject("timeline").putArray("events");
            ArrayNode elsewhere =
                    join.putObject(OTHER_ROOM).putObject("timeline").putArray("events");
            for (JsonNode e : chunk) {
                boolean other = e.isObject()
                        && e.get("event_id") != null
                        && otherRoomIds.contains(e.get("event_id").asText());
                (other ? elsewhere : mine).add(e);
            }
            join.putObject("!broken:evil.example").put("timeline", "not an object"); // a broken room entry
            join.put("!worse:evil.example", 42);
            ObjectNode response = F.objectNode().put("next_batch", "s" + (++syncs));
            response.putObject("rooms").set("join", join);
            server.enqueue(new MockResponse()
                    .setHeader("Content-Type", "application/json")
                    .setBody(JSON.writeValueAsString(response)));
            SyncBatch batch = client.sync(syncs == 1 ? null : "s" + (syncs - 1), null, 0);
            assertEquals("s" + syncs, batch.nextBatch());
            for (RoomTimeline room : batch.rooms()) parsed.addAll(room.events());
        }
        List<String> parsedIds = parsed.stream().map(RoomEvent::eventId).toList();
        assertEquals(
                new ArrayList<>(expectedKept).stream().sorted().toList(),
                parsedIds.stream().sorted().toList(),
                "the parser must skip exactly the malformed events");

        System.out.println("fuzz: parsed after " + (System.nanoTime() - t0) / 1_000_000 + " ms");
        events.clear();
        // 2. intake: never throws; events from other rooms and the bot's own never become actions
        Intake intake = new Intake(BOT, SUBMISSIONS, EDITORS, "!", new SubmissionText(BOT, "TWIM Bot"));
        List<Action> actions = new ArrayList<>();
        Map<String, String> displayNames = new HashMap<>();
        for (RoomEvent e : parsed) {
            Optional<Action> action = intake.interpret(e);
            if (action.isEmpty()) continue;
            assertEquals(SUBMISSIONS, action.get().origin().roomId(), "an action from another room");
            assertFalse(
                    e.sender().equals(BOT) && !(action.get() instanceof Action.Member),
                    "an action on the bot's own event");
            if (action.get() instanceof Action.React r)
                assertTrue(r.key().length() <= 256, "an enormous reaction key passed");
            if (action.get() instanceof Action.Member m && m.displayName() != null)
                displayNames.put(m.userId(), m.displayName());
            actions.add(action.get());
        }

        System.out.println("fuzz: intake after " + (System.nanoTime() - t0) / 1_000_000 + " ms");
        // 3. render what would be stored, 25 items per post, placed at random in the default catalog
        BotConfig config = ConfigLoader.parse("""
                homeserver: {url: "https://matrix.example.org", user_id: "@twimbot:example.org", password: "x"}
                rooms: {submissions: "#twim:example.org"}
                store: {path: twimbot.db}
                media: {dir: media}
                """, dir, Map.of());
        // catalog text is as hostile as news (config, hebbot import and !project add all write it): not whitelisted
        // below
        Catalog base = config.catalog();
        List<Section> catalogSections = new ArrayList<>(base.sections());
        catalogSections.add(new Section("evil", "😈", "Dept " + hostileText(random, 3), 99, List.of()));
        List<Project> evil = new ArrayList<>();
        for (int k = 0; k < 4; k++) {
            evil.add(new Project(
                    "evil" + k,
                    "Evil " + hostileText(random, 2),
                    hostileText(random, 3),
                    List.of("javascript:alert(1)", "https://x.org/\"><script>", "data:x", " https://ok.example/a_(b)")
                            .get(k),
                    k % 2 == 0 ? "evil" : base.sections().get(0).key(),
                    List.of(),
                    List.of()));
        }
        Catalog catalog = new Catalog(catalogSections, base.projects()).withProjects(evil);
        DraftRenderer renderer = new DraftRenderer(config.render());
        int maxLength = config.submissions().maxLength();
        List<DraftMedia> media = new ArrayList<>();
        for (Action a : actions) {
            if (a instanceof Action.Media m) {
                media.add(new DraftMedia(
                        m.origin().eventId(),
                        m.kind(),
                        m.fileName(),
                        m.mxcUri(),
                        m.mimeType(),
                        m.origin().originTs()));
            }
        }
        List<DraftItem> items = new ArrayList<>();
        int tooLong = 0;
        for (Action a : actions) {
            String body;
            String html;
            if (a instanceof Action.Submit s) {
                body = s.body();
                html = s.html();
            } else if (a instanceof Action.Edit ed) {
                body = ed.newBody();
                html = ed.newHtml();
            } else if (a instanceof Action.Chatter c) {
                body = c.body(); // an editor's submit reaction turns chatter into news
                html = c.html();
            } else {
                continue;
            }
            String stripped = body.strip();
            if (stripped.codePointCount(0, stripped.length()) > maxLength) { // as the submission desk refuses them
                tooLong++;
                continue;
            }
            Origin e = a.origin();
            List<String> sections = new ArrayList<>();
            List<String> projects = new ArrayList<>();
            int placement = random.nextInt(4);
            if (placement == 1 || placement == 3)
                sections.add(catalog.sections()
                        .get(random.nextInt(catalog.sections().size()))
                        .key());
            if (placement == 2 || placement == 3)
                projects.add(catalog.projects()
                        .get(random.nextInt(catalog.projects().size()))
                        .key());
            if (random.nextInt(50) == 0) sections.add("no-such-section");
            List<DraftMedia> attached = new ArrayList<>();
            if (!media.isEmpty() && random.nextInt(4) == 0) attached.add(media.get(random.nextInt(media.size())));
            String name =
                    displayNames.getOrDefault(e.sender(), random.nextInt(3) == 0 ? hostileText(random, 6) : e.sender());
            items.add(new DraftItem(
                    items.size() + 1,
                    e.eventId(),
                    e.sender(),
                    name,
                    e.originTs(),
                    body,
                    html,
                    sections,
                    projects,
                    attached));
        }
        int posts = 0;
        for (int from = 0; from < items.size(); from += ITEMS_PER_POST) {
            List<DraftItem> batch = items.subList(from, Math.min(items.size(), from + ITEMS_PER_POST));
            String author = random.nextBoolean() ? "Thib" : hostileText(random, 4);
            // text, never a URL (a YouTube one adds the template's iframe); it starts with a word because a live text
            // starting with "## " or "\u2028## " renders as a heading (reported: the live line is an editor's, via
            // !live)
            String live = random.nextBoolean() ? "" : "Live " + hostileText(random, 3);
            DraftRequest request = new DraftRequest(
                    LocalDate.of(2026, 11, 27), Instant.parse("2026-11-25T10:00:00Z"), author, live, batch);
            String post = renderer.render(request, catalog);
            checkPost(post, author, live.isBlank() ? null : MarkdownText.linkLabel(live), catalog);
            posts++;
            if (posts % 20 == 0)
                System.out.println("fuzz: " + posts + " posts after " + (System.nanoTime() - t0) / 1_000_000 + " ms");
        }

        System.out.printf(
                "HostileEventsFuzzTest: %d events (%s), %d kept by the parser, %d actions, %d items in %d posts, "
                        + "%d refused as too long%n",
                EVENTS, generated, expectedKept.size(), actions.size(), items.size(), posts, tooLong);
        assertTrue(EVENTS >= 10_000);
        assertTrue(expectedKept.size() < EVENTS && !expectedKept.isEmpty());
        assertTrue(items.size() > 2_000, "too few news items reached the renderer: " + items.size());
        assertTrue(tooLong > 0, "no 1 MB body was refused");
        assertEquals(Set.of(Kind.values()), generated.keySet());
    }

    // --- the post's shape ---------------------------------------------------------------------

    static final Parser MARKDOWN = Parser.builder(new MutableDataSet()
                    .set(Parser.EXTENSIONS, List.of(TablesExtension.create(), StrikethroughExtension.create())))
            .build();
    static final Pattern FRONT_MATTER_LINE = Pattern.compile("(title|date|path|author|category) = .*|\\[taxonomies]|");
    static final Pattern SCRIPT = Pattern.compile("(?i)(?<!\\\\)<script");
    static final Pattern REPORTER_LINE =
            Pattern.compile("\\[.*]\\(https://matrix\\.to/#/[^ ()]*\\) (reports|says|announces)");

    static void checkPost(String post, String author, String liveLine, Catalog catalog) throws Exception {
        List<String> lines = List.of(post.split("\n", -1));
        // front matter: "+++" on the first line and once more, nowhere else; TOML that parses to what we asked for
        assertEquals("+++", lines.get(0), post);
        int end = lines.subList(1, lines.size()).indexOf("+++") + 1;
        assertTrue(end > 1, "no closing +++");
        for (int i = 1; i < end; i++)
            assertTrue(FRONT_MATTER_LINE.matcher(lines.get(i)).matches(), "front matter line " + lines.get(i));
        for (int i = end + 1; i < lines.size(); i++) {
            assertFalse(lines.get(i).startsWith("+++"), () -> "a +++ line in the body:\n" + post);
        }
        JsonNode toml = new TomlMapper().readTree(String.join("\n", lines.subList(1, end)));
        assertEquals("This Week in Matrix 2026-11-27", toml.path("title").asText());
        assertEquals(
                oneLine(author),
                oneLine(toml.path("taxonomies").path("author").path(0).asText()),
                "author mangled in the front matter");

        // every line is the template's own, or news inside its quote
        // the template's lines: its headings (catalog titles, one line each), a project's description (one line after
        // its
        // heading), reporter lines, the live line; everything else is news inside its quote
        int templateHeadings = 0;
        for (int i = end + 1; i < lines.size(); i++) {
            String line = lines.get(i);
            boolean heading = line.startsWith("## ") || line.startsWith("### ");
            if (heading) templateHeadings++;
            boolean ok = line.isEmpty()
                    || (line.equals(liveLine) && lines.get(i - 2).equals("## Matrix Live"))
                    || line.equals(">")
                    || line.startsWith("> ")
                    || heading
                    || (lines.get(i - 1).isEmpty() && lines.get(i - 2).startsWith("### ") && !line.startsWith(">"))
                    || REPORTER_LINE.matcher(line).matches()
                    || line.startsWith("See you next week, and be sure to stop by ");
            if (!ok)
                fail("line " + (i + 1) + " is neither the template's nor quoted: [" + line + "]\n" + excerpt(lines, i));
        }
        // CommonMark 0.31 (commonmark-java) and flexmark: no raw HTML, no script link, no shortcode anywhere
        List<String> problems = PostJudge.problems(post);
        if (!problems.isEmpty()) fail(problems.size() + " problems, the first: " + problems.get(0));

        // as Markdown: no raw HTML anywhere, no heading inside a quote, only the template's headings
        Document doc = MARKDOWN.parse(post);
        int topLevelHeadings = 0;
        // "<script" nowhere but inside code (`<script>` shows as code, by design) or escaped as \<script (shows as
        // text)
        StringBuilder outsideCode = new StringBuilder(post);
        for (Node n : doc.getDescendants()) {
            if (n instanceof Code || n instanceof FencedCodeBlock || n instanceof IndentedCodeBlock) {
                for (int k = n.getStartOffset(); k < n.getEndOffset(); k++) outsideCode.setCharAt(k, ' ');
            }
        }
        Matcher script = SCRIPT.matcher(outsideCode);
        if (script.find())
            fail("<script in the post at " + script.start() + ":\n"
                    + post.substring(Math.max(0, script.start() - 300), Math.min(post.length(), script.start() + 100)));
        for (Node n : doc.getDescendants()) {
            boolean html = n instanceof HtmlBlock
                    || n instanceof HtmlInline
                    || n instanceof HtmlCommentBlock
                    || n instanceof HtmlInlineComment
                    || n instanceof HtmlInnerBlock;
            if (html) {
                fail("raw HTML in the post: [" + n.getChars() + "] line " + (n.getStartLineNumber() + 1) + "\n"
                        + excerpt(lines, n.getStartLineNumber()));
            }
            if (n instanceof Heading h && !insideQuote(h))
                topLevelHeadings++; // a heading in the news stays inside its quote
        }
        assertEquals(
                templateHeadings,
                topLevelHeadings,
                "headings outside quotes are the template's heading lines, one each");
    }

    /** The author is written on one line: line breaks become spaces. */
    private static String oneLine(String s) {
        return s.replace("\u200B", "")
                .replaceAll("[\\s\\u2028\\u2029\\u0085]+", " ")
                .strip(); // and {{ gets a ZWSP
    }

    private static boolean insideQuote(Node n) {
        for (Node p = n.getParent(); p != null; p = p.getParent()) if (p instanceof BlockQuote) return true;
        return false;
    }

    private static String excerpt(List<String> lines, int at) {
        return String.join("\n", lines.subList(Math.max(0, at - 5), Math.min(lines.size(), at + 3)));
    }

    // --- the generator ------------------------------------------------------------------------

    /** Whether the client's parser must keep the event: an object with string event_id/type/sender, object content, string state_key. */
    static boolean wellFormed(JsonNode e) {
        if (e == null || !e.isObject()) return false;
        for (String f : new String[] {"event_id", "type", "sender"}) {
            JsonNode v = e.get(f);
            if (v == null || !v.isTextual() || v.asText().isEmpty()) return false;
        }
        JsonNode c = e.get("content");
        if (c != null && !c.isNull() && !c.isObject()) return false;
        JsonNode sk = e.get("state_key");
        return sk == null || sk.isNull() || sk.isTextual();
    }

    static JsonNode generate(Kind kind, int i, Random r) {
        String id = "$fuzz" + i + ":localhost";
        String sender = "@user" + r.nextInt(40) + ":localhost";
        ObjectNode e = F.objectNode()
                .put("event_id", id)
                .put("sender", sender)
                .put("type", "m.room.message")
                .put("origin_server_ts", 1_700_000_000_000L + i);
        ObjectNode c = e.putObject("content");
        switch (kind) {
            case MISSING_FIELD -> {
                text(c, r);
                e.remove(List.of("event_id", "type", "sender").get(r.nextInt(3)));
            }
            case WRONG_TYPED_FIELD -> {
                text(c, r);
                switch (r.nextInt(6)) {
                    case 0 -> e.put(List.of("event_id", "type", "sender").get(r.nextInt(3)), r.nextInt());
                    case 1 ->
                        e.putArray(List.of("event_id", "type", "sender").get(r.nextInt(3)))
                                .add("x");
                    case 2 -> e.put(List.of("event_id", "type", "sender").get(r.nextInt(3)), "");
                    case 3 -> e.put("content", "TWIM: content as a string");
                    case 4 -> e.putArray("content").add(1);
                    default -> e.put("state_key", r.nextInt(100));
                }
            }
            case WRONG_TYPED_CONTENT -> {
                text(c, r);
                String field = List.of(
                                "body",
                                "msgtype",
                                "format",
                                "formatted_body",
                                "m.relates_to",
                                "m.new_content",
                                "url",
                                "info",
                                "m.mentions",
                                "membership",
                                "displayname",
                                "redacts",
                                "filename")
                        .get(r.nextInt(13));
                switch (r.nextInt(5)) {
                    case 0 -> c.put(field, r.nextLong());
                    case 1 -> c.putArray(field).add("TWIM: x").add(F.objectNode());
                    case 2 ->
                        c.putObject(field)
                                .put("event_id", 7)
                                .put("rel_type", F.booleanNode(true).asText());
                    case 3 -> c.putNull(field);
                    default -> c.put(field, r.nextBoolean());
                }
                if (r.nextBoolean())
                    e.put(
                            "type",
                            List.of("m.reaction", "m.room.redaction", "m.room.member", "m.room.message")
                                    .get(r.nextInt(4)));
                if ("m.room.member".equals(e.get("type").asText())) e.put("state_key", r.nextBoolean() ? sender : "");
                if (r.nextInt(4) == 0) e.put("origin_server_ts", "yesterday");
                if (r.nextInt(4) == 0) e.put("unsigned", "not an object");
            }
            case RANDOM_JSON -> {
                return randomJson(r, 4, i);
            }
            case UNKNOWN_MSGTYPE -> {
                text(c, r);
                c.put(
                        "msgtype",
                        List.of("m.bogus", "org.evil.script", "", "M.TEXT", "m.text ", "m.location", "m.audio")
                                .get(r.nextInt(7)));
            }
            case HUGE_BODY -> {
                c.put("msgtype", "m.text")
                        .put("body", "TWIM: " + repeat(FRAGMENTS[r.nextInt(FRAGMENTS.length)] + " ", hugeSize(r)));
            }
            case HUGE_HTML -> {
                c.put("msgtype", "m.text")
                        .put("body", "TWIM: short")
                        .put("format", "org.matrix.custom.html")
                        .put(
                                "formatted_body",
                                "TWIM: "
                                        + repeat(
                                                "<p>" + FRAGMENTS[r.nextInt(FRAGMENTS.length)] + "</p>",
                                                20_001 + r.nextInt(20_000)));
            }
            case DEEP_HTML -> {
                int depth = 200 + r.nextInt(r.nextInt(10) == 0 ? 5_000 : 800);
                String tag = DEEP_TAGS[r.nextInt(DEEP_TAGS.length)];
                String open = "<" + tag + ">";
                String close = "</" + tag.replaceAll(" .*", "").replace("><", "></") + ">";
                c.put("msgtype", "m.text")
                        .put("body", "TWIM: deep")
                        .put("format", "org.matrix.custom.html")
                        .put(
                                "formatted_body",
                                "TWIM: " + open.repeat(depth) + hostileText(r, 3)
                                        + (r.nextBoolean() ? close.repeat(depth) : ""));
            }
            case BAD_UNICODE -> {
                StringBuilder sb = new StringBuilder("TWIM: ");
                for (int k = 0; k < 30; k++) {
                    switch (r.nextInt(6)) {
                        case 0 -> sb.append((char) (0xD800 + r.nextInt(0x400))); // lone high surrogate
                        case 1 -> sb.append((char) (0xDC00 + r.nextInt(0x400))); // lone low surrogate
                        case 2 -> sb.append((char) r.nextInt(0x20)); // control characters, NUL included
                        case 3 ->
                            sb.append(List.of("\uFFFE", "\uFFFF", "\uFEFF", "\u202E", "\u200B", "\u2028", "\u2029")
                                    .get(r.nextInt(7)));
                        case 4 -> sb.appendCodePoint(0x10000 + r.nextInt(0xFFFF));
                        default -> sb.append(FRAGMENTS[r.nextInt(FRAGMENTS.length)]);
                    }
                }
                c.put("msgtype", "m.text").put("body", sb.toString());
                if (r.nextBoolean())
                    c.put("format", "org.matrix.custom.html").put("formatted_body", "<p>" + sb + "</p>");
                if (r.nextInt(4) == 0) e.put("sender", "@\uD800bad:localhost");
            }
            case HUGE_REACTION_KEY -> {
                e.put("type", "m.reaction");
                c.putObject("m.relates_to")
                        .put("rel_type", "m.annotation")
                        .put("event_id", "$fuzz" + r.nextInt(i + 1) + ":localhost")
                        .put("key", repeat(FRAGMENTS[r.nextInt(FRAGMENTS.length)], r.nextBoolean() ? 257 : 100_000));
            }
            case CLAIMS_OTHER_ROOM -> {
                text(c, r);
                e.put("room_id", r.nextBoolean() ? OTHER_ROOM : EDITORS);
            }
            case STATE_AS_MESSAGE -> {
                text(c, r);
                e.put("state_key", r.nextBoolean() ? "" : sender);
            }
            case UNKNOWN_RELATION -> {
                String target = "$unknown" + r.nextInt() + ":elsewhere";
                switch (r.nextInt(5)) {
                    case 0 -> {
                        c.put("msgtype", "m.text").put("body", "* TWIM: edited " + hostileText(r, 3));
                        c.putObject("m.new_content")
                                .put("msgtype", "m.text")
                                .put("body", "TWIM: edited " + hostileText(r, 3));
                        c.putObject("m.relates_to").put("rel_type", "m.replace").put("event_id", target);
                    }
                    case 1 -> {
                        e.put("type", "m.reaction");
                        c.putObject("m.relates_to")
                                .put("rel_type", "m.annotation")
                                .put("event_id", target)
                                .put("key", "📜");
                    }
                    case 2 -> {
                        e.put("type", "m.room.redaction");
                        if (r.nextBoolean()) e.put("redacts", target);
                        else c.put("redacts", target);
                    }
                    case 3 -> {
                        text(c, r);
                        c.putObject("m.relates_to").putObject("m.in_reply_to").put("event_id", target);
                    }
                    default -> {
                        c.put("msgtype", "m.image").put("body", "x.png").put("url", "mxc://localhost/abc");
                        c.putObject("m.relates_to").put("rel_type", "m.thread").put("event_id", target);
                    }
                }
            }
            case HOSTILE_TEXT ->
                c.put("msgtype", r.nextInt(5) == 0 ? "m.emote" : "m.text")
                        .put("body", prefix(r) + hostileText(r, 1 + r.nextInt(12)));
            case HOSTILE_HTML ->
                c.put("msgtype", "m.text")
                        .put("body", prefix(r) + hostileText(r, 4))
                        .put("format", "org.matrix.custom.html")
                        .put("formatted_body", prefix(r) + hostileText(r, 1 + r.nextInt(12)));
            case HOSTILE_MEMBER -> {
                e.put("type", "m.room.member").put("state_key", sender);
                c.put(
                        "membership",
                        List.of("join", "leave", "ban", "invite", "knock", "evil")
                                .get(r.nextInt(6)));
                c.put(
                        "displayname",
                        r.nextInt(10) == 0 ? repeat(hostileText(r, 2), 10_000) : hostileText(r, 1 + r.nextInt(5)));
            }
            case HOSTILE_MEDIA -> {
                c.put("msgtype", List.of("m.image", "m.video", "m.file").get(r.nextInt(3)))
                        .put(
                                "body",
                                hostileText(r, 2)
                                        + List.of(".png", ".mp4", "", ".html", "/../../etc/passwd")
                                                .get(r.nextInt(5)))
                        .put(
                                "url",
                                List.of(
                                                "mxc://localhost/ok",
                                                "mxc://../..",
                                                "https://evil.example/x.png",
                                                "mxc://localhost/" + hostileText(r, 1),
                                                "javascript:alert(1)")
                                        .get(r.nextInt(5)));
                if (r.nextBoolean()) c.put("filename", hostileText(r, 2));
                c.putObject("info").put("mimetype", r.nextBoolean() ? "text/html" : hostileText(r, 1));
                if (r.nextBoolean())
                    c.putObject("m.relates_to")
                            .putObject("m.in_reply_to")
                            .put("event_id", "$fuzz" + r.nextInt(i + 1) + ":localhost");
            }
            case COMMAND_GARBAGE ->
                c.put("msgtype", "m.text")
                        .put(
                                "body",
                                "!"
                                        + List.of(
                                                        "draft", "status", "assign", "project", "live", "", "!!",
                                                        "DRAFT", "help")
                                                .get(r.nextInt(9))
                                        + " " + hostileText(r, 1 + r.nextInt(6)));
        }
        if (r.nextInt(20) == 0) e.put("sender", BOT); // the bot's own events are never acted on
        return e;
    }

    /**
     * Huge events are rare (a few dozen in all), everything else equally likely: megabytes of HTML
     * take the converter seconds, and the test must stay quick.
     */
    static Kind pickKind(Random r, Kind[] kinds) {
        int roll = r.nextInt(1000);
        if (roll < 3) return Kind.HUGE_BODY;
        if (roll < 4) return Kind.HUGE_HTML;
        Kind k;
        do {
            k = kinds[r.nextInt(kinds.length)];
        } while (k == Kind.HUGE_BODY || k == Kind.HUGE_HTML);
        return k;
    }

    /** Over the 20,000 characters submissions may have; one body in four is a full megabyte. */
    private static int hugeSize(Random r) {
        return r.nextInt(4) == 0 ? 1 << 20 : 20_001 + r.nextInt(20_000);
    }

    private static void text(ObjectNode c, Random r) {
        c.put("msgtype", "m.text").put("body", prefix(r) + hostileText(r, 1 + r.nextInt(5)));
    }

    private static String prefix(Random r) {
        return List.of("TWIM: ", "TWIM ", "twim:", "  TWIM:\n", "@twimbot:localhost: ", "TWIM Bot: ", "", "TWIMday ")
                .get(r.nextInt(8));
    }

    static String hostileText(Random r, int pieces) {
        StringBuilder sb = new StringBuilder();
        for (int k = 0; k < pieces; k++) sb.append(FRAGMENTS[r.nextInt(FRAGMENTS.length)]);
        return sb.toString();
    }

    private static String repeat(String s, int atLeastChars) {
        if (s.isEmpty()) s = "x";
        return s.repeat(Math.max(1, atLeastChars / s.length() + 1));
    }

    private static JsonNode randomJson(Random r, int depth, int i) {
        int pick = depth <= 0 ? r.nextInt(5) : r.nextInt(8);
        return switch (pick) {
            case 0 -> F.numberNode(r.nextLong());
            case 1 -> F.textNode(hostileText(r, 2));
            case 2 -> F.booleanNode(r.nextBoolean());
            case 3 -> F.nullNode();
            case 4 -> F.numberNode(r.nextDouble());
            case 5, 6 -> {
                ArrayNode a = F.arrayNode();
                for (int k = r.nextInt(4); k > 0; k--) a.add(randomJson(r, depth - 1, i));
                yield a;
            }
            default -> {
                ObjectNode o = F.objectNode();
                List<String> keys =
                        List.of("event_id", "type", "sender", "content", "state_key", "redacts", "unsigned", "x");
                for (int k = r.nextInt(6); k > 0; k--) {
                    String key = keys.get(r.nextInt(keys.size()));
                    if (key.equals("event_id") && r.nextBoolean()) o.put(key, "$random" + i + "." + k + ":localhost");
                    else o.set(key, randomJson(r, depth - 1, i));
                }
                yield o;
            }
        };
    }
}
