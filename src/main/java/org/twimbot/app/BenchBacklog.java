package org.twimbot.app;

import java.io.IOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.twimbot.catalog.Catalog;
import org.twimbot.catalog.Project;
import org.twimbot.catalog.Section;
import org.twimbot.devserver.DevServer;

/**
 * The benchmark's generated room history, written straight into the dev homeserver with
 * {@link DevServer#injectEvent} (same rules as sending, no HTTP round trip) except redactions,
 * which go through the real {@code /redact} endpoint so the target is stripped as a server does.
 *
 * <p>Mix, by event: ~15% TWIM submissions with Element-style HTML (heading, paragraphs, links,
 * lists, inline and block code, often naming a catalog project), ~45% chatter, ~20% reactions (an
 * editor's section emoji and project keys from the catalog, and others' thumbs-up), ~7% edits
 * ({@code m.replace}) of submissions by their authors, ~3% redactions of chatter, ~5% images
 * ({@code m.image} replying to the sender's submission, {@code url} pointing at one uploaded mxc),
 * the rest threaded chatter. Deterministic for a seed.
 */
final class BenchBacklog {
    /** What was generated: every event id, and the ids of the submissions (all must end up stored). */
    record Result(
            List<String> eventIds, List<String> submissionIds, int edits, int redactions, int reactions, int media) {}

    private static final String[] WORDS = ("matrix bridge client server room sync federation spec encryption "
                    + "release feature bugfix performance thread poll reaction sliding widget bot space moderation "
                    + "accessibility translation voice video call login notification push device verification key")
            .split(" ");

    private final DevServer server;
    private final DemoWeek week;
    private final Catalog catalog;
    private final Random random;
    private final String mxc;

    BenchBacklog(DevServer server, DemoWeek week, Catalog catalog, long seed) throws IOException {
        this.server = server;
        this.week = week;
        this.catalog = catalog;
        this.random = new Random(seed);
        this.mxc = week.editor().client().upload(DemoWeek.demoPicture(), "image/png", "screenshot.png");
    }

    /** Appends {@code count} events to the submissions room, timestamps ending near {@code endTs}. */
    Result generate(int count, long endTs) throws IOException {
        String room = week.roomId();
        List<String> people = new ArrayList<>();
        for (String p : new String[] {"alice", "bob", "carol", "dave", "erin", "frank"})
            people.add(week.person(p).userId());
        String editor = week.editorUserId();
        List<String[]> submissions = new ArrayList<>(); // {event id, sender}
        List<String[]> chatter = new ArrayList<>();
        Set<String> redacted = new HashSet<>();
        List<String> all = new ArrayList<>(count);
        List<String> submissionIds = new ArrayList<>();
        int edits = 0;
        int redactions = 0;
        int reactions = 0;
        int media = 0;
        List<Section> sections =
                catalog.sections().stream().filter(s -> !s.emoji().isBlank()).toList();
        List<Project> projects = catalog.projects();
        for (int i = 0; i < count; i++) {
            long ts = endTs - (long) (count - i) * 20;
            double r = random.nextDouble();
            String sender = people.get(random.nextInt(people.size()));
            String id;
            if (r < 0.15 || submissions.isEmpty()) {
                id = server.injectEvent(room, sender, "m.room.message", submission(projects), ts);
                submissions.add(new String[] {id, sender});
                submissionIds.add(id);
            } else if (r < 0.60) {
                id = server.injectEvent(room, sender, "m.room.message", chatterContent(), ts);
                chatter.add(new String[] {id, sender});
            } else if (r < 0.80) {
                String[] target = submissions.get(random.nextInt(submissions.size()));
                String key;
                String who = editor;
                double k = random.nextDouble();
                if (k < 0.35 && !sections.isEmpty()) {
                    key = sections.get(random.nextInt(sections.size())).emoji();
                } else if (k < 0.70 && !projects.isEmpty()) {
                    key = projects.get(random.nextInt(projects.size())).key();
                } else {
                    key = "👍";
                    who = sender;
                }
                id = server.injectEvent(
                        room,
                        who,
                        "m.reaction",
                        Map.of("m.relates_to", Map.of("rel_type", "m.annotation", "event_id", target[0], "key", key)),
                        ts);
                reactions++;
            } else if (r < 0.87) {
                String[] target = submissions.get(random.nextInt(submissions.size()));
                Map<String, Object> html = submission(projects);
                Map<String, Object> content = new LinkedHashMap<>(html);
                content.put("body", "* " + html.get("body"));
                content.put("m.new_content", html);
                content.put("m.relates_to", Map.of("rel_type", "m.replace", "event_id", target[0]));
                id = server.injectEvent(room, target[1], "m.room.message", content, ts);
                edits++;
            } else if (r < 0.90 && !chatter.isEmpty()) {
                String[] target = chatter.get(random.nextInt(chatter.size()));
                if (redacted.add(target[0])) {
                    id = week.person(localpart(target[1])).redact(room, target[0]);
                    redactions++;
                } else {
                    id = server.injectEvent(room, sender, "m.room.message", chatterContent(), ts);
                }
            } else if (r < 0.95) {
                String[] target = submissions.get(random.nextInt(submissions.size()));
                Map<String, Object> content = new LinkedHashMap<>();
                content.put("msgtype", "m.image");
                content.put("body", "screenshot-" + i + ".png");
                content.put("url", mxc);
                content.put("info", Map.of("mimetype", "image/png", "size", 1234, "w", 96, "h", 48));
                content.put("m.relates_to", Map.of("m.in_reply_to", Map.of("event_id", target[0])));
                id = server.injectEvent(room, target[1], "m.room.message", content, ts);
                media++;
            } else {
                String[] root = chatter.isEmpty() ? submissions.get(0) : chatter.get(random.nextInt(chatter.size()));
                Map<String, Object> content = new LinkedHashMap<>(chatterContent());
                content.put(
                        "m.relates_to",
                        Map.of(
                                "rel_type",
                                "m.thread",
                                "event_id",
                                root[0],
                                "is_falling_back",
                                true,
                                "m.in_reply_to",
                                Map.of("event_id", root[0])));
                id = server.injectEvent(room, sender, "m.room.message", content, ts);
            }
            all.add(id);
        }
        return new Result(all, submissionIds, edits, redactions, reactions, media);
    }

    /**
     * {@code items} submissions for the draft, each placed by the editor: by section emoji, by project
     * key, or both; one in twelve left unassigned; one in ten with a picture. Returns the submissions' ids.
     */
    List<String> draftWeek(int items, long endTs) {
        String room = week.roomId();
        List<String> people = new ArrayList<>();
        for (String p : new String[] {"alice", "bob", "carol", "dave", "erin", "frank"})
            people.add(week.person(p).userId());
        List<Section> sections =
                catalog.sections().stream().filter(s -> !s.emoji().isBlank()).toList();
        List<Project> projects = catalog.projects();
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < items; i++) {
            long ts = endTs - (long) (items - i) * 1000;
            String sender = people.get(random.nextInt(people.size()));
            String id = server.injectEvent(room, sender, "m.room.message", submission(projects), ts);
            ids.add(id);
            int placement = i % 12;
            if (placement != 11) {
                String key = placement < 5 && !projects.isEmpty()
                        ? projects.get(random.nextInt(projects.size())).key()
                        : sections.get(random.nextInt(sections.size())).emoji();
                server.injectEvent(
                        room,
                        week.editorUserId(),
                        "m.reaction",
                        Map.of("m.relates_to", Map.of("rel_type", "m.annotation", "event_id", id, "key", key)),
                        ts + 1);
            }
            if (i % 10 == 3) {
                Map<String, Object> content = new LinkedHashMap<>();
                content.put("msgtype", "m.image");
                content.put("body", "screenshot-" + i + ".png");
                content.put("url", mxc);
                content.put("info", Map.of("mimetype", "image/png", "size", 1234));
                content.put("m.relates_to", Map.of("m.in_reply_to", Map.of("event_id", id)));
                server.injectEvent(room, sender, "m.room.message", content, ts + 2);
            }
        }
        return ids;
    }

    private Map<String, Object> submission(List<Project> projects) {
        String project = projects.isEmpty()
                ? "Widget"
                : projects.get(random.nextInt(projects.size())).title();
        String version = (1 + random.nextInt(3)) + "." + random.nextInt(40) + "." + random.nextInt(10);
        String p1 = sentence(18);
        String p2 = sentence(25);
        String a = words(2);
        String b = words(3);
        String code = "cargo install " + project.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]", "") + " --locked";
        String body = "TWIM: " + project + " " + version + " is out!\n\n" + p1 + " See https://example.org/" + version
                + " for details.\n\n- " + a + "\n- " + b + "\n\n" + p2 + "\n\n```\n" + code + "\n```";
        String html =
                "TWIM: <h3>" + project + " " + version + " is out!</h3><p>" + p1 + " See <a href=\"https://example.org/"
                        + version + "\">the release notes</a> for <strong>details</strong>.</p><ul><li>" + a
                        + "</li><li><code>" + b
                        + "</code></li></ul><p>" + p2 + "</p><pre><code>" + code + "\n</code></pre>";
        Map<String, Object> c = new LinkedHashMap<>();
        c.put("msgtype", "m.text");
        c.put("body", body);
        c.put("format", "org.matrix.custom.html");
        c.put("formatted_body", html);
        return c;
    }

    private Map<String, Object> chatterContent() {
        String text = sentence(4 + random.nextInt(16));
        if (random.nextInt(4) == 0) {
            return Map.of(
                    "msgtype",
                    "m.text",
                    "body",
                    text,
                    "format",
                    "org.matrix.custom.html",
                    "formatted_body",
                    "<em>" + text + "</em>");
        }
        return Map.of("msgtype", "m.text", "body", text);
    }

    private String sentence(int n) {
        String w = words(n);
        return Character.toUpperCase(w.charAt(0)) + w.substring(1) + ".";
    }

    private String words(int n) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < n; i++) {
            if (i > 0) sb.append(' ');
            sb.append(WORDS[random.nextInt(WORDS.length)]);
        }
        return sb.toString();
    }

    private static String localpart(String userId) {
        return userId.substring(1, userId.indexOf(':'));
    }
}
