package org.twimbot.bot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.time.Clock;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.twimbot.catalog.Catalog;
import org.twimbot.config.BotConfig;
import org.twimbot.config.ConfigLoader;
import org.twimbot.curation.BotContext;
import org.twimbot.curation.EditionCalendar;
import org.twimbot.curation.Editors;
import org.twimbot.intake.SubmissionText;
import org.twimbot.matrix.RoomEvent;
import org.twimbot.publish.DraftSource;
import org.twimbot.publish.DraftSummary;
import org.twimbot.render.DraftItem;
import org.twimbot.store.OutboxEntry;
import org.twimbot.store.Store;
import org.twimbot.store.Submission;
import org.twimbot.store.Transactional;

/**
 * The editing lifecycle under event orders a homeserver can produce (including ones the dev
 * homeserver cannot, like an edit before its original after federation), against a real SQLite
 * store through the same {@link EventApplier} the bot uses.
 */
class LifecycleTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    static final String ROOM = "!twim:example.org";
    private static final String BOT = "@twimbot:example.org";
    static final String EDITOR = "@editor:example.org";
    private static final Clock WEDNESDAY = Clock.fixed(Instant.parse("2026-11-25T10:00:00Z"), ZoneOffset.UTC);

    @TempDir
    Path dir;

    private Store store;
    private EventApplier applier;
    private long ts = 1_000_000;

    @BeforeEach
    void setUp() throws Exception {
        store = Store.open(dir.resolve("bot.db"));
        useConfig("");
    }

    /** Applies events with the base config plus {@code extraYaml} from now on (same store). */
    private void useConfig(String extraYaml) throws Exception {
        applier = applier(dir, extraYaml);
    }

    /** The event path of a bot in {@link #ROOM} (submissions and editors) with {@link #EDITOR}, on a Wednesday. */
    static EventApplier applier(Path dir, String extraYaml) throws Exception {
        return new EventApplier(context(dir, extraYaml));
    }

    /** The context of that bot. */
    static BotContext context(Path dir, String extraYaml) throws Exception {
        BotConfig config = ConfigLoader.parse("""
                homeserver: { url: "https://example.org", user_id: "%s", access_token: "t" }
                rooms: { submissions: "%s" }
                editors: { users: ["%s"] }
                """.formatted(BOT, ROOM, EDITOR) + extraYaml + "\n", dir, Map.of());
        BotContext ctx = new BotContext(
                config,
                BOT,
                ROOM,
                ROOM,
                new Editors(Set.of(EDITOR), null, ROOM),
                new Transactional<>(config.catalog()),
                new SubmissionText(BOT, "TWIM Bot"),
                new EditionCalendar(DayOfWeek.FRIDAY, ZoneOffset.UTC),
                WEDNESDAY,
                null);
        return ctx;
    }

    @AfterEach
    void tearDown() {
        store.close();
    }

    @Test
    void anEditArrivingBeforeItsOriginalIsAppliedWhenTheOriginalComes() throws Exception {
        feed(
                edit("$e1", "@alice:x", "$orig", "TWIM: fixed text", 20),
                message("$orig", "@alice:x", "TWIM: typo txet", 10));
        assertEquals("fixed text", only().body());
    }

    @Test
    void theLatestEditWinsWhateverTheArrivalOrder() throws Exception {
        feed(
                message("$orig", "@alice:x", "TWIM: v0", 10),
                edit("$e2", "@alice:x", "$orig", "TWIM: v2", 30),
                edit("$e1", "@alice:x", "$orig", "TWIM: v1", 20));
        assertEquals("v2", only().body());
    }

    @Test
    void redactingAnEditBringsThePreviousVersionBack() throws Exception {
        feed(
                message("$orig", "@alice:x", "TWIM: v0", 10),
                edit("$e1", "@alice:x", "$orig", "TWIM: v1", 20),
                edit("$e2", "@alice:x", "$orig", "TWIM: v2", 30));
        feed(redaction("$r1", "@alice:x", "$e2"));
        assertEquals("v1", only().body());
        feed(redaction("$r2", "@alice:x", "$e1"));
        assertEquals("v0", only().body());
        assertEquals(null, only().editedTs());
    }

    @Test
    void onlyTheAuthorsEditsCount() throws Exception {
        feed(message("$orig", "@alice:x", "TWIM: mine", 10), edit("$e1", "@mallory:x", "$orig", "TWIM: hijacked", 20));
        assertEquals("mine", only().body());
    }

    @Test
    void removingThePrefixWithdrawsAndPuttingItBackRestores() throws Exception {
        feed(message("$orig", "@alice:x", "TWIM: news", 10), edit("$e1", "@alice:x", "$orig", "oops, not news", 20));
        assertTrue(only().withdrawn());
        assertTrue(draftItems().isEmpty());
        assertTrue(audits().stream().anyMatch(a -> a.contains("#1 withdrawn by alice (")), audits().toString());
        feed(edit("$e2", "@alice:x", "$orig", "TWIM: news after all", 30));
        assertFalse(only().withdrawn());
        assertEquals("news after all", draftItems().get(0).body());
    }

    @Test
    void withdrawingAndRestoringInOnePageEndsRestored() throws Exception {
        // a page is applied with what it points at looked up ahead: the withdrawal must not be read from before it
        feedPage(
                message("$orig", "@alice:x", "TWIM: news", 10),
                edit("$e1", "@alice:x", "$orig", "oops, not news", 20),
                edit("$e2", "@alice:x", "$orig", "TWIM: news after all", 30),
                reaction("$r", EDITOR, "$orig", "🏢"));
        assertFalse(only().withdrawn());
        assertTrue(audits().stream().anyMatch(a -> a.contains("#1 withdrawn by alice (")), audits().toString());
        assertTrue(audits().stream().anyMatch(a -> a.contains("#1 is back in the week")), audits().toString());
        assertEquals(
                1,
                store.read(tx -> tx.placements().active(only().id())).size(),
                "placed though looked up before it existed");
    }

    @Test
    void chatLinesCountAsSeenAndReplayingThemChangesNothing() throws Exception {
        RoomEvent[] page = {
            message("$c1", "@bob:x", "hello all", 10),
            message("$c2", "@carol:x", "anyone around?", 11),
            message("$n", "@alice:x", "TWIM: the news", 12),
            reaction("$r", EDITOR, "$n", "🏢")
        };
        feedPage(page);
        feedPage(page);
        boolean seen = store.read(tx -> tx.processed().isProcessed("$c1"));
        assertTrue(seen, "a remembered chat line was seen");
        long count = store.read(tx -> tx.processed().count());
        assertEquals(4, count, "each event counted once");
        assertEquals(
                "hello all",
                store.read(tx -> tx.messages().byEventId("$c1"))
                        .orElseThrow()
                        .posted()
                        .body());
        assertEquals(1, store.read(tx -> tx.placements().active(only().id())).size());
        assertEquals(1, notices().size(), "one audit line for one placement: " + notices());
    }

    @Test
    void aChatLineWhoseEditCameFirstInTheSamePageBecomesNewsOnce() throws Exception {
        RoomEvent[] page = {
            edit("$e1", "@bob:x", "$chat", "TWIM: forgot the prefix", 20),
            message("$chat", "@bob:x", "forgot the prefix", 10)
        };
        feedPage(page);
        feedPage(page);
        assertEquals("$chat", only().eventId());
        long acks = store.read(tx -> tx.outbox().pending()).stream()
                .filter(o -> o.kind().equals("reaction"))
                .count();
        assertEquals(1, acks, "acknowledged once");
    }

    @Test
    void addingThePrefixByEditSubmitsAChatLine() throws Exception {
        feed(
                message("$chat", "@bob:x", "forgot the prefix", 10),
                edit("$e1", "@bob:x", "$chat", "TWIM: forgot the prefix", 20));
        assertEquals("forgot the prefix", only().body());
        assertEquals("$chat", only().eventId());
    }

    @Test
    void anEditBundledByTheServerIsApplied() throws Exception {
        RoomEvent original = message("$orig", "@alice:x", "TWIM: before", 10);
        ObjectNode bundled = JSON.createObjectNode()
                .put("event_id", "$e1")
                .put("sender", "@alice:x")
                .put("type", "m.room.message")
                .put("origin_server_ts", 20);
        bundled.set(
                "content", edit("$e1", "@alice:x", "$orig", "TWIM: after", 20).content());
        ObjectNode unsigned = JSON.createObjectNode();
        unsigned.putObject("m.relations").set("m.replace", bundled);
        feed(new RoomEvent(
                original.eventId(),
                ROOM,
                original.sender(),
                original.type(),
                10,
                null,
                null,
                original.content(),
                unsigned));
        assertEquals("after", only().body());
    }

    @Test
    void editsAfterADraftAreFlaggedInTheNextSummary() throws Exception {
        feed(message("$orig", "@alice:x", "TWIM: v0", 10));
        store.write(tx -> tx.submissions().markDrafted(only().editionId(), 15));
        feed(edit("$e1", "@alice:x", "$orig", "TWIM: v1", 20));
        var request = store.read(tx -> DraftSource.load(tx, tx.editions().open().orElseThrow(), "", Instant.EPOCH));
        List<Submission> all = store.read(tx -> tx.submissions().ofEdition(only().editionId()));
        String summary = DraftSummary.of(request, Catalog.empty(), all);
        assertTrue(summary.contains("edited since the last draft: #1"), summary);
    }

    @Test
    void redactingACurationReactionAfterPublishLeavesHistoryUnchanged() throws Exception {
        feed(message("$orig", "@alice:x", "TWIM: news", 10), reaction("$react", EDITOR, "$orig", "🏢"));
        assertEquals(List.of("servers"), draftItems().get(0).sectionKeys());
        feed(command("$pub", EDITOR, "!publish"));
        feed(
                redaction("$undo", EDITOR, "$react"),
                redaction("$gone", "@alice:x", "$orig"),
                edit("$late", "@alice:x", "$orig", "TWIM: rewritten", 40));
        Submission archived = only();
        assertFalse(archived.deleted());
        assertEquals("news", archived.body());
        long active =
                store.read(tx -> (long) tx.placements().active(archived.id()).size());
        assertEquals(1L, active, "the archived week keeps its placement");
    }

    @Test
    void mediaAttachesByReplyThreadWindowReactionAndCommand() throws Exception {
        feed(
                message("$news", "@erin:x", "TWIM: release", 1_000),
                image("$reply", "@erin:x", 2_000, "reply.png", reply("$news")),
                image("$thread", "@erin:x", 3_000, "thread.png", thread("$news")),
                image("$window", "@erin:x", 4_000, "window.png", null),
                message("$chat", "@erin:x", "and one more thing", 5_000),
                image("$late", "@erin:x", 6_000, "late.png", null),
                image("$other", "@frank:x", 6_500, "other.png", reply("$news")));
        assertEquals(List.of("reply.png", "thread.png", "window.png"), mediaNames());
        feed(reaction("$r", EDITOR, "$late", "⭕"));
        assertEquals(List.of("reply.png", "thread.png", "window.png", "late.png"), mediaNames());
        feed(image("$far", "@erin:x", 1_000 + 11 * 60_000, "far.png", null));
        assertFalse(mediaNames().contains("far.png"), "outside the 10-minute window");
        feed(commandReply("$attach", EDITOR, "!attach 1", "$far"));
        assertTrue(mediaNames().contains("far.png"));
        feed(redaction("$rm", "@erin:x", "$thread"));
        assertFalse(mediaNames().contains("thread.png"), "a redacted picture is detached");
        assertFalse(mediaNames().contains("other.png"), "someone else's reply is not the author's picture");
    }

    @Test
    void replayingABatchAndRedactingUnknownEventsAreHarmless() throws Exception {
        RoomEvent news = message("$orig", "@alice:x", "TWIM: once", 10);
        RoomEvent react = reaction("$react", EDITOR, "$orig", "🏢");
        feed(news, react);
        feed(news, react, redaction("$r", "@alice:x", "$never-seen"));
        assertEquals(
                1,
                store.read(tx -> tx.submissions().ofEdition(only().editionId())).size());
        long active =
                store.read(tx -> (long) tx.placements().active(only().id()).size());
        assertEquals(1L, active);
    }

    @Test
    void textRepliesInTheThreadAreOfferedAsFollowUpsNotMerged() throws Exception {
        feed(
                message("$news", "@alice:x", "TWIM: the news", 10),
                withRelation(message("$more", "@alice:x", "forgot: it also does X", 20), thread("$news")));
        assertEquals("the news", only().body());
        feed(command("$status", EDITOR, "!status"));
        assertTrue(
                notices().stream().anyMatch(n -> n.contains("↳ follow-up: forgot: it also does X")),
                notices().toString());
    }

    @Test
    void aShortBodyWithAHugeHtmlBodyIsTooLong() throws Exception {
        ObjectNode c = JSON.createObjectNode()
                .put("msgtype", "m.text")
                .put("body", "TWIM: short")
                .put("format", "org.matrix.custom.html")
                .put("formatted_body", "TWIM: <b>" + "x".repeat(100_000) + "</b>");
        feed(event("$big", "@alice:x", "m.room.message", 10, c.toString()));
        long stored = store.read(tx -> tx.submissions().count());
        assertEquals(0L, stored);
        assertTrue(
                notices().stream().anyMatch(n -> n.contains("the limit is 20000")),
                notices().toString());
    }

    @Test
    void anOverLongEditIsRefusedAndThePreviousTextStays() throws Exception {
        feed(
                message("$orig", "@alice:x", "TWIM: short news", 10),
                edit("$e1", "@alice:x", "$orig", "TWIM: " + "x".repeat(60_000), 20));
        assertEquals("short news", only().body());
        assertEquals("short news", draftItems().get(0).body());
        assertTrue(
                notices().stream().anyMatch(n -> n.contains("60000 characters long; the limit is 20000")),
                notices().toString());
        feed(edit("$e2", "@alice:x", "$orig", "TWIM: short news, corrected", 30));
        assertEquals("short news, corrected", only().body(), "a later edit within the limit still counts");
    }

    @Test
    void anOverLongEditArrivingBeforeItsOriginalIsRefusedToo() throws Exception {
        feed(
                edit("$e0", "@alice:x", "$orig", "TWIM: middle version", 15),
                edit("$e1", "@alice:x", "$orig", "TWIM: " + "y".repeat(30_000), 20),
                message("$orig", "@alice:x", "TWIM: first", 10));
        assertEquals("middle version", only().body(), "the latest edit within the limit is the text");
        assertTrue(
                notices().stream().anyMatch(n -> n.contains("the limit is 20000")),
                notices().toString());
    }

    @Test
    void anEditBelowTheMinimumLengthKeepsThePreviousTextButAnEditRemovingThePrefixStillWithdraws() throws Exception {
        useConfig("submissions: { min_length: 20 }");
        feed(
                message("$orig", "@alice:x", "TWIM: a release with many fixes", 10),
                edit("$e1", "@alice:x", "$orig", "TWIM: ok", 20));
        assertEquals("a release with many fixes", only().body());
        assertTrue(
                notices().stream().anyMatch(n -> n.contains("submissions need at least 20")),
                notices().toString());
        feed(edit("$e2", "@alice:x", "$orig", "no", 30));
        assertTrue(only().withdrawn(), "removing the prefix is a withdrawal, not news that is too short");
    }

    @Test
    void aMemberEventWrittenBySomeoneElseDoesNotNameTheUser() throws Exception {
        feed(member("$join", "@alice:x", "@alice:x", "join", "Alice"));
        feed(
                member("$kick", "@mallory:x", "@alice:x", "leave", "Alice is a spammer"),
                member("$invite", "@mallory:x", "@alice:x", "invite", "Click evil.example"));
        Optional<String> name = store.read(tx -> tx.members().displayName(ROOM, "@alice:x"));
        assertEquals(Optional.of("Alice"), name);
        boolean joined = store.read(tx -> tx.members().isJoined(ROOM, "@alice:x"));
        assertFalse(joined, "the kick still counts as a membership change");
        feed(member("$rename", "@alice:x", "@alice:x", "join", "Alice B."));
        name = store.read(tx -> tx.members().displayName(ROOM, "@alice:x"));
        assertEquals(Optional.of("Alice B."), name);
    }

    @Test
    void switchingOnEncryptionIsToldToTheEditors() throws Exception {
        RoomEvent encryption = new RoomEvent(
                "$enc",
                ROOM,
                "@admin:x",
                "m.room.encryption",
                10,
                "",
                null,
                (ObjectNode) JSON.readTree("{\"algorithm\":\"m.megolm.v1.aes-sha2\"}"),
                null);
        feed(encryption);
        assertTrue(
                notices().stream().anyMatch(n -> n.contains("Encryption was switched on")),
                notices().toString());
    }

    @Test
    void publishingForgetsChatOlderThanFourWeeksSoItCanNoLongerBeSubmitted() throws Exception {
        long now = WEDNESDAY.millis();
        feed(
                message(
                        "$old",
                        "@bob:x",
                        "an old chat line",
                        now - Duration.ofDays(30).toMillis()),
                message(
                        "$recent",
                        "@bob:x",
                        "a recent chat line",
                        now - Duration.ofDays(2).toMillis()));
        feed(command("$pub", EDITOR, "!publish"));
        feed(reaction("$r1", EDITOR, "$old", "⭕"), reaction("$r2", EDITOR, "$recent", "⭕"));
        List<String> submitted =
                store
                        .read(tx -> tx.submissions()
                                .ofEdition(tx.editions().open().orElseThrow().id()))
                        .stream()
                        .map(Submission::eventId)
                        .toList();
        assertEquals(List.of("$recent"), submitted);
    }

    // --- helpers: events as a homeserver would send them, and views of the store ---

    private void feed(RoomEvent... events) {
        store.write(tx -> {
            for (RoomEvent e : events) applier.apply(tx, e, true);
        });
    }

    /** A page as a catch-up applies it: what its events point at is looked up for the whole page first. */
    private void feedPage(RoomEvent... events) {
        store.write(tx -> applier.applyAll(tx, List.of(events), true));
    }

    private Submission only() {
        List<Submission> all = store.read(
                tx -> tx.submissions().ofEdition(tx.editions().all().get(0).id()));
        assertEquals(1, all.size(), all.toString());
        return all.get(0);
    }

    private List<DraftItem> draftItems() {
        return store.read(tx -> DraftSource.load(tx, tx.editions().all().get(0), "", Instant.EPOCH)
                .items());
    }

    private List<String> mediaNames() {
        return store.read(tx -> tx.media().ofSubmission(only().id()).stream()
                .map(m -> m.fileName())
                .toList());
    }

    private List<String> notices() {
        return store.read(tx -> tx.outbox().pending()).stream()
                .filter(o -> o.kind().equals("notice"))
                .map(OutboxEntry::payload)
                .toList();
    }

    private List<String> audits() {
        return notices();
    }

    private RoomEvent event(String id, String sender, String type, long at, String content) throws Exception {
        return new RoomEvent(id, ROOM, sender, type, at, null, null, (ObjectNode) JSON.readTree(content), null);
    }

    private RoomEvent message(String id, String sender, String body, long at) throws Exception {
        return event(
                id,
                sender,
                "m.room.message",
                at,
                JSON.createObjectNode()
                        .put("msgtype", "m.text")
                        .put("body", body)
                        .toString());
    }

    private RoomEvent member(String id, String sender, String target, String membership, String name) throws Exception {
        ObjectNode c = JSON.createObjectNode().put("membership", membership).put("displayname", name);
        return new RoomEvent(id, ROOM, sender, "m.room.member", ++ts, target, null, c, null);
    }

    private RoomEvent withRelation(RoomEvent e, ObjectNode relatesTo) {
        e.content().set("m.relates_to", relatesTo);
        return e;
    }

    private RoomEvent edit(String id, String sender, String target, String body, long at) throws Exception {
        ObjectNode c = JSON.createObjectNode().put("msgtype", "m.text").put("body", "* " + body);
        c.putObject("m.new_content").put("msgtype", "m.text").put("body", body);
        c.putObject("m.relates_to").put("rel_type", "m.replace").put("event_id", target);
        return event(id, sender, "m.room.message", at, c.toString());
    }

    private RoomEvent reaction(String id, String sender, String target, String key) throws Exception {
        ObjectNode c = JSON.createObjectNode();
        c.putObject("m.relates_to")
                .put("rel_type", "m.annotation")
                .put("event_id", target)
                .put("key", key);
        return event(id, sender, "m.reaction", ++ts, c.toString());
    }

    private RoomEvent redaction(String id, String sender, String target) throws Exception {
        return event(
                id,
                sender,
                "m.room.redaction",
                ++ts,
                JSON.createObjectNode().put("redacts", target).toString());
    }

    private RoomEvent command(String id, String sender, String text) throws Exception {
        return message(id, sender, text, ++ts);
    }

    private RoomEvent commandReply(String id, String sender, String text, String replyTo) throws Exception {
        return withRelation(message(id, sender, text, ++ts), reply(replyTo));
    }

    private RoomEvent image(String id, String sender, long at, String name, ObjectNode relatesTo) throws Exception {
        ObjectNode c = JSON.createObjectNode()
                .put("msgtype", "m.image")
                .put("body", name)
                .put("url", "mxc://x/" + id.substring(1));
        if (relatesTo != null) c.set("m.relates_to", relatesTo);
        return event(id, sender, "m.room.message", at, c.toString());
    }

    private static ObjectNode reply(String to) {
        ObjectNode r = JSON.createObjectNode();
        r.putObject("m.in_reply_to").put("event_id", to);
        return r;
    }

    private static ObjectNode thread(String root) {
        return JSON.createObjectNode().put("rel_type", "m.thread").put("event_id", root);
    }
}
