package org.twimbot.bot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.time.Clock;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.twimbot.catalog.Catalog;
import org.twimbot.catalog.Project;
import org.twimbot.catalog.Section;
import org.twimbot.config.BotConfig;
import org.twimbot.config.ConfigLoader;
import org.twimbot.curation.BotContext;
import org.twimbot.curation.EditionCalendar;
import org.twimbot.curation.Editors;
import org.twimbot.intake.SubmissionText;
import org.twimbot.matrix.RoomEvent;
import org.twimbot.store.Store;
import org.twimbot.store.Submission;
import org.twimbot.store.Transactional;

/**
 * While catching up, the bot interprets the next page on the fetching thread before the current one is
 * stored ({@link EventApplier#interpret}). That must change nothing: a page interpreted ahead, on another
 * thread, is applied exactly as its events applied one by one would be, and project suggestions follow the
 * catalog in force when the news is stored, not the one when it was interpreted.
 */
class InterpretAheadTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String ROOM = "!twim:example.org";
    private static final String BOT = "@twimbot:example.org";
    private static final String EDITOR = "@editor:example.org";
    private static final Clock WEDNESDAY = Clock.fixed(Instant.parse("2026-11-25T10:00:00Z"), ZoneOffset.UTC);
    private static final String[] PEOPLE = {"@alice:x", "@bob:x", "@carol:x", "@dave:x"};

    @TempDir
    Path dir;

    private final List<Store> stores = new ArrayList<>();
    private final ExecutorService fetcher = Executors.newSingleThreadExecutor();

    @AfterEach
    void tearDown() {
        fetcher.shutdownNow();
        stores.forEach(Store::close);
    }

    @Test
    void pagesInterpretedAheadOnAnotherThreadEndAsEventsAppliedOneByOne() throws Exception {
        BotConfig config = config();
        List<List<RoomEvent>> pages = pages(generate(config.catalog(), 1_500, new Random(11)), 100);

        Store oneByOne = store("one-by-one.db");
        EventApplier plain = new EventApplier(context(config, new Transactional<>(config.catalog())));
        for (List<RoomEvent> page : pages) {
            oneByOne.write(tx -> {
                for (RoomEvent e : page) plain.apply(tx, e, true);
            });
        }

        Store ahead = store("ahead.db");
        EventApplier pipelined = new EventApplier(context(config, new Transactional<>(config.catalog())));
        List<Future<List<EventApplier.Interpreted>>> interpreted = new ArrayList<>();
        for (List<RoomEvent> page : pages) interpreted.add(fetcher.submit(() -> pipelined.interpret(page)));
        for (Future<List<EventApplier.Interpreted>> page : interpreted) {
            List<EventApplier.Interpreted> events = page.get();
            ahead.write(tx -> pipelined.applyInterpreted(tx, events, true));
        }

        List<String> expected = state(oneByOne);
        assertEquals(expected, state(ahead));
        // the mix exercised what interpreting ahead could get wrong: news, suggestions, edits, curation, replies
        assertTrue(expected.stream().filter(l -> l.startsWith("submission ")).count() > 150, "news stored");
        assertTrue(expected.stream().anyMatch(l -> l.contains("withdrawn=true")), "an edit withdrew news");
        assertTrue(expected.stream().anyMatch(l -> l.contains("edited=true")), "edits applied");
        assertTrue(
                expected.stream().anyMatch(l -> l.startsWith("placement ") && l.endsWith("provisional=true")),
                "suggested");
        assertTrue(
                expected.stream().anyMatch(l -> l.startsWith("placement ") && l.endsWith("provisional=false")),
                "placed");
        assertTrue(
                expected.stream()
                                .filter(l -> l.startsWith("outbox ") && l.contains(" ?"))
                                .count()
                        > 50,
                "suggestion reactions owed");

        // a crash between a gap's transactions replays its pages: nothing may happen twice
        long seen = ahead.read(tx -> tx.processed().count());
        for (List<RoomEvent> page : pages) ahead.write(tx -> pipelined.applyAll(tx, page, true));
        assertEquals(expected, state(ahead));
        assertEquals(seen, (long) ahead.read(tx -> tx.processed().count()));
    }

    @Test
    void suggestionsFollowTheCatalogInForceWhenTheNewsIsStoredNotWhenItWasInterpreted() throws Exception {
        BotConfig config = config();
        Project frobnicator = new Project(
                "frobnicator", "Frobnicator", "Frobs things", "https://frob.example", null, List.of(), List.of());
        Catalog without = new Catalog(List.<Section>of(), List.of());
        Catalog with = new Catalog(List.<Section>of(), List.of(frobnicator));
        Transactional<Catalog> catalog = new Transactional<>(without);
        EventApplier applier = new EventApplier(context(config, catalog));
        Store store = store("catalog.db");

        // interpreted while the project is unknown, stored after an editor added it
        List<EventApplier.Interpreted> first = fetcher.submit(() -> applier.interpret(List.of(
                        message("$new", "@alice:x", "TWIM: Frobnicator 2.0 frobs twice as fast as before", 10))))
                .get();
        catalog.reset(with); // as committed by an editor's !project add
        store.write(tx -> applier.applyInterpreted(tx, first, true));
        assertTrue(
                owed(store).contains("reaction $new frobnicator ?"), owed(store).toString());

        // interpreted while the project is known, stored after it was removed
        List<EventApplier.Interpreted> second = fetcher.submit(() -> applier.interpret(
                        List.of(message("$gone", "@bob:x", "TWIM: Frobnicator 2.1 frobs even faster than that", 20))))
                .get();
        catalog.reset(without);
        store.write(tx -> applier.applyInterpreted(tx, second, true));
        assertFalse(
                owed(store).contains("reaction $gone frobnicator ?"),
                owed(store).toString());
        long stored = store.read(tx -> tx.submissions().count());
        assertEquals(2L, stored, "both stored");
    }

    // --- set-up ------------------------------------------------------------------------

    private BotConfig config() throws Exception {
        return ConfigLoader.parse("""
                homeserver: { url: "https://example.org", user_id: "%s", access_token: "t" }
                rooms: { submissions: "%s" }
                editors: { users: ["%s"] }
                """.formatted(BOT, ROOM, EDITOR), dir, Map.of());
    }

    private static BotContext context(BotConfig config, Transactional<Catalog> catalog) {
        return new BotContext(
                config,
                BOT,
                ROOM,
                ROOM,
                new Editors(Set.of(EDITOR), null, ROOM),
                catalog,
                new SubmissionText(BOT, "TWIM Bot"),
                new EditionCalendar(DayOfWeek.FRIDAY, ZoneOffset.UTC),
                WEDNESDAY,
                null);
    }

    private Store store(String name) {
        Store s = Store.open(dir.resolve(name));
        stores.add(s);
        return s;
    }

    /** Everything the events decided, as comparable lines: submissions, their placements, and the replies owed. */
    private static List<String> state(Store store) {
        return store.read(tx -> {
            List<String> lines = new ArrayList<>();
            for (var edition : tx.editions().all()) {
                for (Submission s : tx.submissions().ofEdition(edition.id())) {
                    lines.add("submission #" + s.number() + " " + s.eventId() + " " + s.body() + " html=" + s.html()
                            + " deleted=" + s.deleted() + " rejected=" + s.rejected() + " withdrawn=" + s.withdrawn()
                            + " edited=" + (s.editedTs() != null));
                    for (var p : tx.placements().active(s.id())) {
                        lines.add("placement " + s.eventId() + " " + p.kind() + " " + p.key() + " by " + p.editor()
                                + " provisional=" + p.provisional());
                    }
                }
            }
            for (var o : tx.outbox().pending())
                lines.add("outbox " + o.kind() + " " + o.roomId() + " " + o.txnId() + " " + o.payload());
            return lines;
        });
    }

    private static List<String> owed(Store store) throws Exception {
        List<String> owed = new ArrayList<>();
        for (var o : store.read(tx -> tx.outbox().pending())) {
            var p = JSON.readTree(o.payload());
            owed.add(o.kind() + " " + p.path("target").asText() + " "
                    + p.path("key").asText());
        }
        return owed;
    }

    // --- a week of events --------------------------------------------------------------

    /** News naming catalog projects, chatter, authors' edits (some removing the prefix), curation, redactions. */
    private static List<RoomEvent> generate(Catalog catalog, int count, Random random) throws Exception {
        List<RoomEvent> events = new ArrayList<>();
        List<String[]> news = new ArrayList<>(); // {event id, sender}
        List<String> curation = new ArrayList<>();
        List<Project> projects = catalog.projects();
        List<Section> sections =
                catalog.sections().stream().filter(s -> !s.emoji().isBlank()).toList();
        for (int i = 0; i < count; i++) {
            String id = "$e" + i;
            String sender = PEOPLE[random.nextInt(PEOPLE.length)];
            long ts = 1_000 + i;
            int kind = news.isEmpty() ? 0 : random.nextInt(20);
            if (kind < 5) {
                String project = projects.get(random.nextInt(projects.size())).title();
                events.add(message(
                        id,
                        sender,
                        "TWIM: " + project + " " + (1 + random.nextInt(9)) + ".0 is out, with news "
                                + "about sync and rooms number " + i,
                        ts));
                news.add(new String[] {id, sender});
            } else if (kind < 11) {
                events.add(message(id, sender, "chatter " + i, ts));
            } else if (kind < 13) {
                String[] target = news.get(random.nextInt(news.size()));
                String body = random.nextInt(4) == 0
                        ? "not news after all " + i
                        : "TWIM: corrected news number " + i + " about rooms";
                events.add(edit(id, target[1], target[0], body, ts));
            } else if (kind < 17) {
                String[] target = news.get(random.nextInt(news.size()));
                String key = random.nextBoolean()
                        ? projects.get(random.nextInt(projects.size())).key()
                        : sections.get(random.nextInt(sections.size())).emoji();
                events.add(reaction(id, random.nextInt(5) == 0 ? sender : EDITOR, target[0], key, ts));
                curation.add(id);
            } else if (kind < 18) {
                events.add(reaction(id, sender, news.get(random.nextInt(news.size()))[0], "👍", ts));
            } else if (kind < 19 && !curation.isEmpty()) {
                events.add(redaction(id, EDITOR, curation.remove(random.nextInt(curation.size())), ts));
            } else {
                String[] target = news.get(random.nextInt(news.size()));
                events.add(redaction(id, target[1], target[0], ts));
            }
        }
        return events;
    }

    private static List<List<RoomEvent>> pages(List<RoomEvent> events, int size) {
        List<List<RoomEvent>> pages = new ArrayList<>();
        for (int i = 0; i < events.size(); i += size) pages.add(events.subList(i, Math.min(events.size(), i + size)));
        return pages;
    }

    private static RoomEvent event(String id, String sender, String type, long at, ObjectNode content) {
        return new RoomEvent(id, ROOM, sender, type, at, null, null, content, null);
    }

    private static RoomEvent message(String id, String sender, String body, long at) {
        return event(
                id,
                sender,
                "m.room.message",
                at,
                JSON.createObjectNode().put("msgtype", "m.text").put("body", body));
    }

    private static RoomEvent edit(String id, String sender, String target, String body, long at) {
        ObjectNode c = JSON.createObjectNode().put("msgtype", "m.text").put("body", "* " + body);
        c.putObject("m.new_content").put("msgtype", "m.text").put("body", body);
        c.putObject("m.relates_to").put("rel_type", "m.replace").put("event_id", target);
        return event(id, sender, "m.room.message", at, c);
    }

    private static RoomEvent reaction(String id, String sender, String target, String key, long at) {
        ObjectNode c = JSON.createObjectNode();
        c.putObject("m.relates_to")
                .put("rel_type", "m.annotation")
                .put("event_id", target)
                .put("key", key);
        return event(id, sender, "m.reaction", at, c);
    }

    private static RoomEvent redaction(String id, String sender, String target, long at) {
        return event(id, sender, "m.room.redaction", at, JSON.createObjectNode().put("redacts", target));
    }
}
