package org.twimbot.render;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;
import static org.twimbot.placement.AuthorMessage.composerText;
import static org.twimbot.placement.AuthorMessage.elementHtml;
import static org.twimbot.placement.PublishedPost.emoji;
import static org.twimbot.placement.PublishedPost.images;
import static org.twimbot.placement.PublishedPost.parse;
import static org.twimbot.placement.PublishedPost.slug;
import static org.twimbot.placement.PublishedPost.typed;
import static org.twimbot.placement.PublishedPost.withoutEmoji;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.twimbot.catalog.Catalog;
import org.twimbot.catalog.Project;
import org.twimbot.catalog.Section;
import org.twimbot.intake.Action;
import org.twimbot.intake.Intake;
import org.twimbot.intake.SubmissionText;
import org.twimbot.matrix.RoomEvent;
import org.twimbot.placement.PublishedPost.Item;
import org.twimbot.placement.PublishedPost.Post;
import org.twimbot.placement.PublishedPost.ProjectPart;
import org.twimbot.placement.PublishedPost.SectionPart;

/**
 * Golden tests of the whole draft against the two published posts in
 * {@code src/test/resources/org/twimbot/render/reference/} (copies of shared/reference/posts).
 *
 * <p>For each post: the post is parsed into its blocks (front matter, sections, project blocks,
 * items); every item is turned back into the message its submitter would have sent from Element
 * (the unquoted news as Markdown in {@code body}, Element's HTML of it in {@code formatted_body},
 * both starting with "TWIM: "), run through {@link Intake#interpret} and {@link DraftRenderer}
 * with a catalog made from the post's own headings, and the rendered post is parsed with the same
 * parser and compared block by block.
 *
 * <p>Normalised on both sides, and nothing else: the front matter's {@code date} line, the verb
 * (everything after the reporter link on its line: hebbot picks a random verb, twim-o-matic wrote
 * "offered:" / "reported:"), trailing whitespace (hebbot quotes blank lines as "> ", twimbot as ">") except
 * a Markdown hard break, which renders differently and is kept visible as "⏎", and blank lines outside the
 * quotes (layout).
 *
 * <p>{@link #KNOWN_DIFFERENCES} lists, per post, the blocks that cannot match with today's pipeline
 * and why. The test fails when a listed block matches (remove it from the list) and when an unlisted
 * block differs; the failure message shows both texts.
 *
 * <p>Element's sending side, as in matrix-react-sdk's {@code src/editor/serialize.ts} and
 * {@code src/Markdown.ts}: {@code body} is the composer text as typed; {@code formatted_body} is
 * commonmark.js's HTML with soft breaks rendered as {@code <br />}, no {@code <p>} around a message
 * that is a single paragraph, raw HTML escaped, and no {@code formatted_body} at all when the
 * Markdown has no formatting (only text, line breaks and paragraphs). Here flexmark's CommonMark
 * profile stands in for commonmark.js. The submitter types "TWIM: " before the news, or "TWIM:" and a
 * new line when the news starts with a list, heading or quote (on one line it would not be one).
 * Images in the post are sent as {@code m.image} replies to the submission; a dated name
 * (2020: {@code 2020-11-27-4wL5N-stacked_area_chart.png}) gives the image event id and file name.
 */
class ReferencePostsTest {

    private static final String ROOM = "!twim:matrix.org";
    private static final String BOT = "@twimbot:matrix.org";

    // the reasons shared by several blocks
    private static final String IMAGE_OUTSIDE =
            "the image is outside the quote, after a blank line, with its file name as"
                    + " alt text (twim-o-matic / hand placed); twimbot puts attached images inside the quote as ![](…) after a blank"
                    + " '>' (DESIGN, The draft); the file name itself is the same (same naming scheme)";
    private static final String PING = "the ping table is written by hand from pingbot's statistics, not submitted:"
            + " twimbot renders sections from news only";

    /** Blocks that differ, per post: block id → why. Keep short; every entry is a fact about the post or the pipeline. */
    private static final Map<String, Map<String, String>> KNOWN_DIFFERENCES = Map.of(
            "2020-11-27-this-week-in-matrix.md",
                    Map.ofEntries(
                            Map.entry(
                                    "front matter",
                                    "hand-added [extra] image (the Matrix Live thumbnail); twimbot's front matter has no such key"),
                            Map.entry(
                                    "## Matrix Live",
                                    "2020 layout: heading 'Matrix Live 🎙' and Zola's youtube_player shortcode; the default template"
                                            + " writes the 2022 layout (no emoji, iframe embed) for the same !live URL"),
                            Map.entry("## Dept of Spec / ### Spec / @andrewm:amorgan.xyz #1", IMAGE_OUTSIDE),
                            Map.entry(
                                    "## Dept of Bridges / ### Gitter / @madlittlemods:matrix.org #1",
                                    "#5faa0809d73408ce4ff3ad8e:gitter.im in the text becomes a matrix.to link (DESIGN: room aliases"
                                            + " become links; twim-o-matic left it bare); " + IMAGE_OUTSIDE),
                            Map.entry(
                                    "## Dept of Bridges / ### matrix-sms-bridge / @benedict:imbitbu.de #1",
                                    "@rebekka:imbitbu.de in the text becomes a matrix.to link (the sanitiser links user ids like room"
                                            + " aliases; twim-o-matic left it bare)"),
                            Map.entry("## Dept of Clients / ### Nheko / @deepbluev7:neko.dev #1", IMAGE_OUTSIDE),
                            Map.entry("## Dept of Clients / ### FluffyChat / @krille:janian.de #1", IMAGE_OUTSIDE),
                            Map.entry(
                                    "## Dept of Clients / ### Vtx / @craftedcart:matrix.org #1",
                                    "hand-edited: the editor's 'Asked if they were using an SDK:', a second quote (the answer, another"
                                            + " message) and a youtube_player shortcode follow the quote"),
                            Map.entry(
                                    "## Dept of Guides / ### Matrix introduction series (German) / @samuel-p:matrix.sp-codes.de #1",
                                    "hand-edited: the editor's comment paragraph after the quote"),
                            Map.entry(
                                    "## Matrix in the News / ### Famedly featured in Gründerszene / @larodar:famedly.de #1",
                                    "hand-edited: the editor's comment paragraph after the quote"),
                            Map.entry("## Dept of Ping", PING),
                            Map.entry(
                                    "## That's all I know",
                                    "2020 layout: heading with 🏁 and a reference-style link [#twim:matrix.org] with its definition;"
                                            + " the template writes the 2022 layout")),
            "2022-10-28-this-week-in-matrix.md",
                    Map.ofEntries(
                            Map.entry(
                                    "## Dept of Spec / @andrewm:element.io #1",
                                    "the image is named by a 40-hex digest (d2f66a85….png, hebbot) and sits right under the last line;"
                                            + " twimbot names them YYYY-MM-DD-<5 chars of the event id>-<file name> after a blank '>'"
                                            + " (DESIGN, The draft)"),
                            Map.entry("## Dept of Ping", PING),
                            Map.entry(
                                    "## Dept of Ping / ### [#ping:maunium.net](https://matrix.to/#/#ping:maunium.net)",
                                    PING),
                            Map.entry(
                                    "## Dept of Ping / ### [#ping-no-synapse:maunium.net](https://matrix.to/#/#ping-no-synapse:maunium.net)",
                                    PING)));

    // ---------------------------------------------------------------------------------------------
    // the posts' structure

    /** Block id → normalised text, in post order. */
    static LinkedHashMap<String, String> blocks(Post post) {
        LinkedHashMap<String, String> blocks = new LinkedHashMap<>();
        blocks.put(
                "front matter",
                join(post.frontMatter().stream()
                        .filter(l -> !l.startsWith("date = "))
                        .toList()));
        for (SectionPart s : post.sections()) {
            String sid = "## " + withoutEmoji(s.title());
            blocks.put(sid, join(concat(List.of(s.heading()), s.intro())));
            putItems(blocks, sid, s.items());
            for (ProjectPart p : s.projects()) {
                String pid = sid + " / ### " + p.title();
                blocks.put(pid, join(concat(List.of(p.heading()), p.description())));
                putItems(blocks, pid, p.items());
            }
        }
        return blocks;
    }

    private static void putItems(Map<String, String> blocks, String container, List<Item> items) {
        Map<String, Integer> seen = new LinkedHashMap<>();
        for (Item item : items) {
            int n = seen.merge(item.userId(), 1, Integer::sum);
            String reporter = "[" + item.name() + "](https://matrix.to/#/" + item.userId() + ") <verb>";
            blocks.put(
                    container + " / " + item.userId() + " #" + n,
                    join(concat(List.of(reporter), concat(item.quote(), item.trailing()))));
        }
    }

    /**
     * Lines without their trailing whitespace, except that a Markdown hard break (two spaces at the end of a
     * line the paragraph continues on) is kept visible as {@link #HARD_BREAK}: it renders differently.
     */
    private static String join(List<String> lines) {
        List<String> out = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            String next = i + 1 < lines.size() ? lines.get(i + 1) : "";
            boolean continues = !next.isBlank() && !next.strip().equals(">");
            out.add(
                    line.endsWith("  ")
                                    && continues
                                    && !line.isBlank()
                                    && !line.strip().equals(">")
                            ? line.stripTrailing() + HARD_BREAK
                            : line.stripTrailing());
        }
        return String.join("\n", out);
    }

    static final String HARD_BREAK = "⏎";

    private static <T> List<T> concat(List<T> a, List<T> b) {
        return Stream.concat(a.stream(), b.stream()).toList();
    }

    // ---------------------------------------------------------------------------------------------
    // rebuilding the week from the post

    static Catalog catalog(Post post) {
        List<Section> sections = new ArrayList<>();
        List<Project> projects = new ArrayList<>();
        int order = 0;
        for (SectionPart s : post.sections()) {
            String key = slug(withoutEmoji(s.title()));
            sections.add(new Section(key, emoji(s.title()), s.title(), order += 10, List.of()));
            for (ProjectPart p : s.projects()) {
                projects.add(new Project(
                        key + "/" + slug(p.title()),
                        p.title(),
                        String.join("\n", p.description()),
                        p.website(),
                        key,
                        List.of(),
                        List.of()));
            }
        }
        return new Catalog(sections, projects);
    }

    private static final Pattern DATED_MEDIA = Pattern.compile("^(\\d{4}-\\d{2}-\\d{2})-([A-Za-z0-9]{5})-(.+)$");

    private static RoomEvent message(String eventId, String sender, long ts, ObjectNode content) {
        return new RoomEvent(eventId, ROOM, sender, "m.room.message", ts, null, null, content, null);
    }

    /** An item of the post with the keys an editor's reactions gave it: the section, or the project (in its section). */
    private record Placed(Item item, List<String> sectionKeys, List<String> projectKeys) {}

    /** Everything the renderer gets, built through intake from Element-shaped events. */
    static DraftRequest week(Post post) {
        Intake intake = new Intake(BOT, ROOM, ROOM, "!", new SubmissionText(BOT, "TWIM Bot"));
        String title = post.frontMatter().stream()
                .filter(l -> l.startsWith("title = "))
                .findFirst()
                .orElseThrow();
        LocalDate date = LocalDate.parse(title.replaceAll(".*(\\d{4}-\\d{2}-\\d{2}).*", "$1"));
        String author = post.frontMatter().stream()
                .filter(l -> l.startsWith("author = "))
                .map(l -> l.replaceAll("^author = \\[\"(.*)\"]$", "$1"))
                .findFirst()
                .orElse("");
        Instant generated = post.frontMatter().stream()
                .filter(l -> l.startsWith("date = "))
                .map(l -> Instant.parse(l.replaceAll("^date = \"(.*)\"$", "$1")))
                .findFirst()
                .orElse(date.atTime(12, 0).toInstant(ZoneOffset.UTC));
        String live = "";
        List<DraftItem> items = new ArrayList<>();
        long ts = date.minusDays(6).atStartOfDay().toInstant(ZoneOffset.UTC).toEpochMilli();
        int number = 0;
        for (SectionPart s : post.sections()) {
            if (withoutEmoji(s.title()).equals("Matrix Live")) live = liveUrl(s.intro());
            String sectionKey = slug(withoutEmoji(s.title()));
            List<Placed> placed = new ArrayList<>();
            for (Item item : s.items()) placed.add(new Placed(item, List.of(sectionKey), List.of()));
            for (ProjectPart p : s.projects()) {
                for (Item item : p.items())
                    placed.add(new Placed(item, List.of(), List.of(sectionKey + "/" + slug(p.title()))));
            }
            for (Placed placement : placed) {
                Item item = placement.item();
                number++;
                ts += 60_000;
                String eventId = "$news" + number + "-" + date;
                String md = composerText(typed(item));
                ObjectNode content = JsonNodeFactory.instance
                        .objectNode()
                        .put("msgtype", "m.text")
                        .put("body", md);
                String html = elementHtml(md);
                if (html != null)
                    content.put("format", "org.matrix.custom.html").put("formatted_body", html);
                Action action = intake.interpret(message(eventId, item.userId(), ts, content))
                        .orElseThrow();
                if (!(action instanceof Action.Submit submit)) throw new AssertionError("not a submission: " + action);
                List<DraftMedia> media = new ArrayList<>();
                int k = 0;
                for (String name : images(item)) {
                    Matcher dated = DATED_MEDIA.matcher(name);
                    // a dated name (twim-o-matic, like twimbot's) tells the media event id and the sender's file name
                    String mediaId =
                            dated.matches() ? "$" + dated.group(2) + "img" + number + k : "$img" + number + "x" + k;
                    String fileName = dated.matches() ? dated.group(3) : name;
                    ObjectNode image = JsonNodeFactory.instance
                            .objectNode()
                            .put("msgtype", "m.image")
                            .put("body", fileName)
                            .put("url", "mxc://matrix.org/" + slug(fileName));
                    image.putObject("info").put("mimetype", "image/png");
                    image.putObject("m.relates_to").putObject("m.in_reply_to").put("event_id", eventId);
                    long mediaTs = ts + 1_000 + k;
                    Action.Media m = (Action.Media) intake.interpret(message(mediaId, item.userId(), mediaTs, image))
                            .orElseThrow();
                    assertEquals(eventId, m.relatedEventId());
                    media.add(new DraftMedia(
                            m.origin().eventId(), m.kind(), m.fileName(), m.mxcUri(), m.mimeType(), mediaTs));
                    k++;
                }
                items.add(new DraftItem(
                        number,
                        eventId,
                        item.userId(),
                        item.name(),
                        ts,
                        submit.body(),
                        submit.html(),
                        placement.sectionKeys(),
                        placement.projectKeys(),
                        media));
            }
        }
        return new DraftRequest(date, generated, author, live, items);
    }

    private static final Pattern YOUTUBE_ID =
            Pattern.compile("(?:youtube\\.com/embed/|video_id=\")([A-Za-z0-9_-]{11})");

    /** The Matrix Live video the editor gave with !live, read back from the embed in the post. */
    static String liveUrl(List<String> intro) {
        for (String line : intro) {
            Matcher m = YOUTUBE_ID.matcher(line);
            if (m.find()) return "https://www.youtube.com/watch?v=" + m.group(1);
        }
        return "";
    }

    // ---------------------------------------------------------------------------------------------

    static String resource(String name) {
        try (InputStream in = ReferencePostsTest.class.getResourceAsStream("reference/" + name)) {
            if (in == null) throw new IllegalStateException("missing test resource reference/" + name);
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The parser misses no reporter line, project heading or section heading of the posts (counted independently). */
    @Test
    void parserFindsEveryBlockOfThePosts() {
        for (String name : KNOWN_DIFFERENCES.keySet()) {
            String text = resource(name);
            Post post = parse(text);
            long reporters = text.lines()
                    .filter(l -> l.startsWith("[") && l.contains("](https://matrix.to/#/@"))
                    .count();
            long items = post.sections().stream()
                    .mapToLong(s -> s.items().size()
                            + s.projects().stream()
                                    .mapToLong(p -> p.items().size())
                                    .sum())
                    .sum();
            assertEquals(reporters, items, name);
            assertEquals(
                    text.lines().filter(l -> l.startsWith("## ")).count(),
                    post.sections().size(),
                    name);
            assertEquals(
                    text.lines().filter(l -> l.startsWith("### ")).count(),
                    post.sections().stream().mapToLong(s -> s.projects().size()).sum(),
                    name);
            for (SectionPart s : post.sections()) {
                for (Item item : concat(
                        s.items(),
                        s.projects().stream().flatMap(p -> p.items().stream()).toList())) {
                    assertTrue(!item.quote().isEmpty(), name + ": an item without a quote: " + item);
                }
            }
        }
    }

    static String render(Post post) {
        DraftRequest week = week(post);
        long fromHtml = week.items().stream().filter(i -> i.html() != null).count();
        System.out.printf(
                "%d submissions, %d of them with a formatted_body%n",
                week.items().size(), fromHtml);
        assertTrue(fromHtml > 0 && fromHtml < week.items().size(), "both paths of the converter are exercised");
        return new DraftRenderer(Fixtures.config()).render(week, catalog(post));
    }

    @TestFactory
    Stream<DynamicTest> renderedPostsEqualTheReferencePostsBlockByBlock() {
        return KNOWN_DIFFERENCES.keySet().stream()
                .sorted()
                .map(name -> DynamicTest.dynamicTest(name, () -> compare(name)));
    }

    private static void compare(String name) {
        Post reference = parse(resource(name));
        String rendered = render(reference);
        Map<String, String> expected = blocks(reference);
        Map<String, String> actual = blocks(parse(rendered));
        Map<String, String> known = KNOWN_DIFFERENCES.get(name);

        Set<String> ids = new LinkedHashSet<>(expected.keySet());
        ids.addAll(actual.keySet());
        List<String> problems = new ArrayList<>();
        int matched = 0;
        for (String id : ids) {
            boolean same = expected.containsKey(id) && expected.get(id).equals(actual.get(id));
            if (same) matched++;
            if (same && known.containsKey(id)) {
                problems.add("LISTED BUT MATCHES (remove from KNOWN_DIFFERENCES): " + id);
            } else if (!same && !known.containsKey(id)) {
                problems.add("DIFFERS: " + id + "\n--- reference\n" + expected.getOrDefault(id, "(absent)")
                        + "\n--- rendered\n" + actual.getOrDefault(id, "(absent)") + "\n---");
            }
        }
        for (String id : known.keySet()) {
            if (!ids.contains(id)) problems.add("LISTED BUT NOT A BLOCK OF EITHER POST: " + id);
        }
        // the order of the blocks both posts have
        List<String> referenceOrder =
                expected.keySet().stream().filter(actual::containsKey).toList();
        List<String> renderedOrder =
                actual.keySet().stream().filter(expected::containsKey).toList();
        if (!referenceOrder.equals(renderedOrder)) {
            problems.add("ORDER differs:\nreference " + referenceOrder + "\nrendered  " + renderedOrder);
        }
        System.out.printf("%s: %d blocks, %d match, %d listed as different%n", name, ids.size(), matched, known.size());
        if (!problems.isEmpty())
            fail(name + ": " + problems.size() + " problem(s)\n\n" + String.join("\n\n", problems));
        assertTrue(matched > 0);
    }
}
