package org.twimbot.bot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.toml.TomlMapper;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import okhttp3.mockwebserver.MockResponse;
import okhttp3.mockwebserver.MockWebServer;
import org.jsoup.nodes.Entities;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;
import org.twimbot.catalog.Catalog;
import org.twimbot.config.BotConfig;
import org.twimbot.config.ConfigLoader;
import org.twimbot.curation.BotContext;
import org.twimbot.curation.EditionCalendar;
import org.twimbot.curation.Editors;
import org.twimbot.intake.SubmissionText;
import org.twimbot.matrix.MatrixClient;
import org.twimbot.matrix.RetryPolicy;
import org.twimbot.matrix.RoomEvent;
import org.twimbot.publish.DraftPublisher;
import org.twimbot.publish.DraftSource;
import org.twimbot.publish.MediaCache;
import org.twimbot.render.DraftRenderer;
import org.twimbot.render.DraftRequest;
import org.twimbot.render.HostilePayloads;
import org.twimbot.render.PostJudge;
import org.twimbot.store.Edition;
import org.twimbot.store.Store;
import org.twimbot.store.Transactional;

/**
 * Issue 16's corpus: more than ten thousand hostile submissions (every CommonMark 0.31 HTML block start in every line
 * context, raw HTML, script links in every link form, shortcodes, front matter fences, entity tricks), as plain bodies,
 * as formatted bodies and as edits (over-long ones too), go the real way: /sync responses over HTTP through the client's
 * parser, intake, the store (a SQLite file) in the bot's transactions, and the draft as {@code !draft} renders it, with
 * catalog text from the config and from {@code !project add} just as hostile. Each edition's draft is judged by
 * commonmark-java and flexmark ({@link PostJudge}): no raw HTML, no script target, no shortcode; and its front matter is
 * the one an empty edition gets. Several hundred submissions per edition, each edition closed with {@code !publish}.
 */
class HostileCorpusEndToEndTest {
    static final long SEED = Long.getLong("twimbot.corpus.seed", 0x16_2026L);
    static final int SUBMISSIONS = Integer.getInteger("twimbot.corpus.size", 10_400);
    static final int PER_EDITION = 650;
    static final String BOT = "@twimbot:localhost";
    static final String EDITOR = "@editor:localhost";
    static final String ROOM = "!news:localhost";
    static final String LONG_EDIT_END = "END-OF-THE-OVER-LONG-EDIT";
    static final ObjectMapper JSON = new ObjectMapper();
    static final JsonNodeFactory F = JsonNodeFactory.instance;
    static final Clock WEDNESDAY = Clock.fixed(Instant.parse("2026-11-25T10:00:00Z"), ZoneOffset.UTC);
    static final String HOSTILE = "Evil <img src=x onerror=alert(1)> {{ youtube(id=\"x\") }}";

    @TempDir
    Path dir;

    private int serial;
    private long applyMs, renderMs, judgeMs;
    private int problems;
    private final List<String> firstProblems = new ArrayList<>();
    private final Map<String, Integer> kinds = new TreeMap<>();
    private long ts = 1_764_000_000_000L;

    @Test
    @Timeout(600) // a hang in a parser; the run itself takes well under a minute on a quiet machine
    void tenThousandHostileSubmissionsLeaveNoHtmlScriptLinkOrShortcodeInTheDraft() throws Exception {
        Logger logger = (Logger) LoggerFactory.getLogger("org.twimbot");
        Level level = logger.getLevel();
        logger.setLevel(Level.WARN);
        long t0 = System.nanoTime();
        try (MockWebServer server = new MockWebServer()) {
            server.start();
            run(server);
        } catch (AssertionError e) {
            throw new AssertionError("seed " + SEED + " (-Dtwimbot.corpus.seed=" + SEED + "): " + e.getMessage(), e);
        } finally {
            logger.setLevel(level);
            System.out.printf(
                    "HostileCorpusEndToEndTest: seed %d, %d ms%n", SEED, (System.nanoTime() - t0) / 1_000_000);
        }
    }

    private void run(MockWebServer server) throws Exception {
        BotConfig config = ConfigLoader.parse(
                """
                homeserver: {url: "https://matrix.example.org", user_id: "@twimbot:localhost", password: "x"}
                rooms: {submissions: "!news:localhost"}
                editors: {users: ["@editor:localhost"]}
                store: {path: twimbot.db}
                media: {dir: media}
                sections:
                  - {key: servers, emoji: "🏢", title: "Dept of Servers 🏢", order: 1}
                  - {key: evil, emoji: "😈", title: "%s\\n+++\\n## Top", order: 2}
                projects:
                  - {key: Synapse, title: Synapse, section: servers, website: "https://github.com/element-hq/synapse/",
                     description: "Synapse is a Matrix homeserver"}
                  - {key: Evil, title: "%s", section: evil, website: "javascript:alert(1)",
                     description: "<script>alert(1)</script>\\n+++\\n[x]: javascript:alert(1)"}
                """.formatted(HOSTILE.replace("\"", "\\\""), HOSTILE.replace("\"", "\\\"")), dir, Map.of());
        MatrixClient client = new MatrixClient(server.url("/").toString(), RetryPolicy.fast());
        client.setAccessToken("corpus-token");
        BotContext ctx = new BotContext(
                config,
                BOT,
                ROOM,
                ROOM,
                new Editors(Set.of(EDITOR), null, ROOM),
                new Transactional<>(config.catalog()),
                new SubmissionText(BOT, "TWIM Bot"),
                new EditionCalendar(config.edition().weekday(), config.edition().timezone()),
                WEDNESDAY,
                null);
        Random random = new Random(SEED);
        List<String> projectKeys = new ArrayList<>(List.of("Synapse", "Evil"));
        int hostile = 0, editions = 0, stored = 0;
        try (Store store = Store.open(config.store().path())) {
            EventApplier applier = new EventApplier(ctx);
            DraftPublisher drafts = new DraftPublisher(
                    store,
                    client,
                    new DraftRenderer(config.render()),
                    ctx::currentCatalog,
                    ROOM,
                    new MediaCache(dir.resolve("media"), client, 1_000_000, 10_000_000),
                    WEDNESDAY,
                    "");
            List<ObjectNode> setup = new ArrayList<>();
            setup.add(member(EDITOR, "Thib \"the editor\" {{ youtube(id=\"x\") }} @room\n+++"));
            for (int k = 0; k < 3; k++) {
                String key = "evil" + k;
                projectKeys.add(key);
                setup.add(message(
                        EDITOR,
                        "!project add " + key + " | " + HOSTILE + " <!doctype> ``<script>alert(" + k + ")</script>`` "
                                + "| " + (k == 0 ? "servers" : "evil") + " | https://evil.example/" + k
                                + "\"><script>alert(1)</script> | "
                                + "{{ youtube(id=\"x\") }}\n+++\n<!x ``<script>alert(1)</script>``\n[x](javascript:alert(1))",
                        null));
            }
            apply(server, client, store, applier, setup);
            while (hostile < SUBMISSIONS) {
                List<ObjectNode> events = new ArrayList<>();
                int inEdition = Math.min(PER_EDITION, SUBMISSIONS - hostile);
                for (int n = 0; n < inEdition; n++, hostile++) submission(random, events, projectKeys);
                long a0 = System.nanoTime();
                apply(server, client, store, applier, events);
                long a1 = System.nanoTime();
                Edition edition = store.read(tx -> tx.editions().open()).orElseThrow();
                int live = store.read(tx -> (int) tx.submissions().ofEdition(edition.id()).stream()
                        .filter(s -> s.live())
                        .count());
                stored += live;
                String post = drafts.render(edition.id(), EDITOR).markdown();
                long a2 = System.nanoTime();
                judge(post, config, edition, store);
                applyMs += (a1 - a0) / 1_000_000;
                renderMs += (a2 - a1) / 1_000_000;
                judgeMs += (System.nanoTime() - a2) / 1_000_000;
                apply(server, client, store, applier, List.of(message(EDITOR, "!publish", null)));
                editions++;
            }
        }
        System.out.printf(
                "HostileCorpusEndToEndTest: %d hostile submissions (%d stored as news) in %d editions; intake and store %d ms, "
                        + "drafts %d ms, judging %d ms%n",
                hostile, stored, editions, applyMs, renderMs, judgeMs);
        System.out.printf("HostileCorpusEndToEndTest: %d problems %s%n", problems, kinds);
        assertEquals(0, problems, () -> "problems in the drafts, the first:\n" + String.join("\n", firstProblems));
        assertTrue(hostile >= 10_000);
        assertTrue(stored >= 10_000, "too few reached the store as news: " + stored);
    }

    /** No raw HTML, script target or shortcode; the front matter of an empty edition; no over-long edit in full. */
    private void judge(String post, BotConfig config, Edition edition, Store store) throws Exception {
        List<String> found = new ArrayList<>(PostJudge.problems(post));
        String author = store.read(tx -> DraftSource.displayName(tx, ROOM, EDITOR));
        String empty = new DraftRenderer(config.render())
                .render(new DraftRequest(edition.date(), WEDNESDAY.instant(), author, "", List.of()), Catalog.empty());
        if (!frontMatter(empty).equals(frontMatter(post))) found.add("front matter changed:\n" + frontMatter(post));
        JsonNode toml = new TomlMapper().readTree(frontMatter(post));
        if (!toml.path("title").asText().equals("This Week in Matrix " + edition.date()))
            found.add("title " + toml.path("title"));
        if (!toml.path("taxonomies")
                .path("author")
                .path(0)
                .asText()
                .equals("Thib \"the editor\" {{ youtube(id=\"x\") }} @\u200Broom +++")) {
            found.add("author " + toml.path("taxonomies").path("author"));
        }
        if (post.contains(LONG_EDIT_END)) found.add("an over-long edit's full text is in the draft");
        long fences = post.lines().filter(l -> l.startsWith("+++")).count();
        if (fences != 2) found.add(fences + " lines starting with +++, the front matter has 2");
        problems += found.size();
        for (String p : found)
            kinds.merge(p.replaceAll("( at \\d+:| [<{][^ ]*| \\d+).*", "").strip(), 1, Integer::sum);
        for (String p : found) {
            if (firstProblems.size() < 3) firstProblems.add(edition.date() + ": " + p);
        }
    }

    private static String frontMatter(String post) {
        int end = post.indexOf("\n+++\n", 4);
        return post.startsWith("+++\n") && end > 0
                ? post.substring(4, end)
                : "(none) " + post.substring(0, Math.min(300, post.length()));
    }

    /** One hostile submission: a plain body, a formatted body or an edit of harmless news (sometimes over-long). */
    private void submission(Random r, List<ObjectNode> events, List<String> projectKeys) {
        String text = hostileText(r);
        String sender = "@user" + r.nextInt(50) + ":localhost";
        ObjectNode news;
        switch (r.nextInt(5)) {
            case 0, 1 -> news = message(sender, "TWIM: " + text, null);
            case 2 -> news = message(sender, "TWIM: " + text, "TWIM: " + html(r, text));
            case 3 -> {
                news = message(sender, "TWIM: harmless news " + serial, null);
                events.add(news);
                events.add(edit(
                        sender,
                        news.get("event_id").asText(),
                        "TWIM: " + text,
                        r.nextBoolean() ? null : "TWIM: " + html(r, text)));
                news = null;
            }
            default -> {
                news = message(sender, "TWIM: harmless news " + serial, null);
                events.add(news);
                boolean overLong = r.nextInt(8) == 0;
                String body = "TWIM: " + text + (overLong ? "\n" + "padding ".repeat(3_000) + LONG_EDIT_END : "");
                events.add(edit(sender, news.get("event_id").asText(), body, null));
                news = null;
            }
        }
        if (news != null) events.add(news);
        String target = events.get(events.size()
                        - (events.get(events.size() - 1).path("content").has("m.new_content") ? 2 : 1))
                .get("event_id")
                .asText();
        int placement = r.nextInt(4);
        if (placement > 0)
            events.add(reaction(target, placement == 1 ? "😈" : projectKeys.get(r.nextInt(projectKeys.size()))));
    }

    /** One to three pieces, each in a line context, from every family of payload. */
    private static String hostileText(Random r) {
        StringBuilder sb = new StringBuilder();
        for (int k = 1 + r.nextInt(3); k > 0; k--) {
            List<String> family = switch (r.nextInt(4)) {
                case 0 -> HTML_STARTS;
                case 1 -> LINKS;
                case 2 -> HostilePayloads.SHORTCODES;
                default -> HostilePayloads.FENCES_AND_ENTITIES;
            };
            String piece = family.get(r.nextInt(family.size()));
            String context = HostilePayloads.CONTEXTS.get(r.nextInt(HostilePayloads.CONTEXTS.size()));
            if (sb.length() > 0) sb.append(r.nextBoolean() ? "\n" : "\n\n");
            sb.append(context.replace("%s", piece));
        }
        return sb.toString();
    }

    static final List<String> HTML_STARTS = HostilePayloads.htmlBlockStarts();
    static final List<String> LINKS = HostilePayloads.links();

    /** The text as a client's formatted body: its HTML as HTML, or escaped as text, in the tags Matrix clients use. */
    private static String html(Random r, String text) {
        String escaped = Entities.escape(text);
        return switch (r.nextInt(7)) {
            case 0, 1 -> "<p>" + text + "</p>";
            case 2 -> "<p>" + escaped.replace("\n", "<br>") + "</p>";
            case 3 -> "<pre><code>" + escaped + "</code></pre>";
            case 4 -> "<p><code>" + escaped + "</code></p>";
            case 5 -> "<blockquote><ul><li>" + text + "</li></ul></blockquote>";
            default ->
                "<p><a href=\""
                        + HostilePayloads.SCRIPT_TARGETS
                                .get(r.nextInt(HostilePayloads.SCRIPT_TARGETS.size()))
                                .replace("\"", "&quot;")
                        + "\">" + escaped + "</a></p>";
        };
    }

    private ObjectNode event(String sender, String type) {
        ObjectNode e = F.objectNode()
                .put("event_id", "$corpus" + (serial++) + ":localhost")
                .put("sender", sender)
                .put("type", type)
                .put("origin_server_ts", ts++);
        e.putObject("content");
        return e;
    }

    private ObjectNode message(String sender, String body, String html) {
        ObjectNode e = event(sender, "m.room.message");
        ObjectNode c = (ObjectNode) e.get("content");
        c.put("msgtype", "m.text").put("body", body);
        if (html != null) c.put("format", "org.matrix.custom.html").put("formatted_body", html);
        return e;
    }

    private ObjectNode edit(String sender, String target, String body, String html) {
        ObjectNode e = event(sender, "m.room.message");
        ObjectNode c = (ObjectNode) e.get("content");
        c.put("msgtype", "m.text").put("body", "* " + body);
        ObjectNode replacement =
                c.putObject("m.new_content").put("msgtype", "m.text").put("body", body);
        if (html != null) replacement.put("format", "org.matrix.custom.html").put("formatted_body", html);
        c.putObject("m.relates_to").put("rel_type", "m.replace").put("event_id", target);
        return e;
    }

    private ObjectNode reaction(String target, String key) {
        ObjectNode e = event(EDITOR, "m.reaction");
        ((ObjectNode) e.get("content"))
                .putObject("m.relates_to")
                .put("rel_type", "m.annotation")
                .put("event_id", target)
                .put("key", key);
        return e;
    }

    private ObjectNode member(String user, String displayName) {
        ObjectNode e = event(user, "m.room.member").put("state_key", user);
        ((ObjectNode) e.get("content")).put("membership", "join").put("displayname", displayName);
        return e;
    }

    /** The events as one /sync response over HTTP, parsed by the client, applied in one transaction as the bot does. */
    private static void apply(
            MockWebServer server, MatrixClient client, Store store, EventApplier applier, List<ObjectNode> events)
            throws Exception {
        ObjectNode response = F.objectNode().put("next_batch", "s" + events.hashCode());
        ArrayNode timeline = response.putObject("rooms")
                .putObject("join")
                .putObject(ROOM)
                .putObject("timeline")
                .putArray("events");
        events.forEach(timeline::add);
        server.enqueue(new MockResponse()
                .setHeader("Content-Type", "application/json")
                .setBody(JSON.writeValueAsString(response)));
        List<RoomEvent> parsed = client.sync("s0", null, 0).rooms().get(0).events();
        assertEquals(events.size(), parsed.size(), "the client kept every event");
        Set<String> ids = new HashSet<>();
        for (RoomEvent e : parsed) ids.add(e.eventId());
        assertEquals(events.size(), ids.size());
        store.write(tx -> applier.applyTimeline(tx, parsed, false));
    }
}
