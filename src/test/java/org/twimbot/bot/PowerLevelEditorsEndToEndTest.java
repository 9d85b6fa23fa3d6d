package org.twimbot.bot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.twimbot.app.DemoWeek;
import org.twimbot.app.ScriptedUser;
import org.twimbot.config.BotConfig;
import org.twimbot.config.ConfigLoader;
import org.twimbot.devserver.DevServer;
import org.twimbot.matrix.MatrixClient;
import org.twimbot.matrix.RetryPolicy;
import org.twimbot.matrix.RoomEvent;
import org.twimbot.store.Store;
import org.twimbot.store.Submission;

/**
 * With {@code editors.min_power_level}, editing rights follow the editors room's power levels as
 * they change: a user raised to the level curates; once lowered again, the same reaction is refused
 * and changes nothing.
 */
class PowerLevelEditorsEndToEndTest {
    private static final Clock WEDNESDAY = Clock.fixed(Instant.parse("2026-11-25T10:00:00Z"), ZoneOffset.UTC);

    @TempDir
    Path dir;

    @Test
    void aUserWhosePowerLevelDropsCanNoLongerCurate() throws Exception {
        try (DevServer server = DevServer.start(0, "localhost");
                DemoWeek week = new DemoWeek(server.baseUrl(), "localhost")) {
            week.cast();
            ScriptedUser editor = week.editor();
            ScriptedUser carol = week.person("carol");
            String submissions = week.roomId();
            String editors = editor.client().createRoom("twim-editors", "TWIM editors", true);
            carol.join(editors); // a power level counts for members of the editors room only
            BotConfig config = ConfigLoader.parse(
                    """
                    homeserver: { url: "%s", user_id: "%s", password: "%s" }
                    rooms: { submissions: "%s", editors: "#twim-editors:localhost" }
                    editors: { users: [], min_power_level: 50 }
                    store: { path: twimbot.db }
                    media: { dir: media }
                    """.formatted(server.baseUrl(), week.botUserId(), DemoWeek.PASSWORD, week.roomAlias()),
                    dir,
                    Map.of());
            MatrixClient client = new MatrixClient(server.baseUrl(), RetryPolicy.fast());
            try (Store store = Store.open(config.store().path());
                    Bot bot = new Bot(config, store, client, WEDNESDAY)) {
                RoomPowers.set(server.baseUrl(), week, editors, carol.userId(), 50);
                RunningLoop loop = RunningLoop.start(bot, "twimbot-power-levels");
                editor.catchUp();

                String first = week.person("alice").say(submissions, "TWIM: Synapse 1.70 is out with faster joins");
                carol.react(submissions, first, "🏢");
                editor.await(editors, e -> fromBot(week, e) && e.body().startsWith("#1 → "), Duration.ofSeconds(30))
                        .orElseThrow(() -> new AssertionError("carol at level 50 did not place #1"));

                RoomPowers.set(server.baseUrl(), week, editors, carol.userId(), 0);
                String second = week.person("bob").say(submissions, "TWIM: Nheko 0.12 brings threads");
                carol.react(submissions, second, "📱");
                editor.await(
                                submissions,
                                e -> fromBot(week, e) && e.body().contains("only editors can sort"),
                                Duration.ofSeconds(30))
                        .orElseThrow(() -> new AssertionError("carol at level 0 was not refused"));

                assertEquals(1, placements(store, first), "placed while carol was an editor");
                assertEquals(0, placements(store, second), "a reaction after the drop changes nothing");
                assertTrue(loop.isAlive());
            }
        }
    }

    @Test
    void aUserKickedFromTheEditorsRoomIsNoLongerAnEditorWhateverHerPowerLevel() throws Exception {
        try (TwoRoomBot bot = new TwoRoomBot(dir, 50)) {
            DemoWeek week = bot.week;
            ScriptedUser carol = week.person("carol");
            carol.join(bot.editors);
            RoomPowers.set(bot.server.baseUrl(), week, bot.editors, carol.userId(), 50);
            bot.start();
            String first = week.person("alice").say(bot.submissions, "TWIM: Synapse 1.70 is out with faster joins");
            carol.react(bot.submissions, first, "🏢");
            week.editor()
                    .await(bot.editors, e -> bot.fromBot(e) && e.body().startsWith("#1 → "), Duration.ofSeconds(60))
                    .orElseThrow(() -> new AssertionError("carol, a member at level 50, did not place #1"));

            RoomPowers.kick(bot.server.baseUrl(), week, bot.editors, carol.userId());
            String second = week.person("bob").say(bot.submissions, "TWIM: Nheko 0.12 brings threads");
            carol.react(bot.submissions, second, "📱");
            carol.await(
                            bot.submissions,
                            e -> bot.fromBot(e) && e.body().contains("only editors can sort"),
                            Duration.ofSeconds(60))
                    .orElseThrow(() -> new AssertionError("carol, kicked from the editors room, was not refused"));
            assertEquals(
                    0, placements(bot.store(), second), "her power level is still 50, but she is no longer a member");
            assertTrue(bot.alive());
        }
    }

    @Test
    void powerLevelsChangedDuringAGapEndAsTheRoomHasThemAndJudgeCommandsByTheirTime() throws Exception {
        try (TwoRoomBot bot = new TwoRoomBot(dir, 50)) {
            DemoWeek week = bot.week;
            ScriptedUser carol = week.person("carol");
            carol.join(bot.editors);
            newsThenStop(bot);

            // while the bot is down: carol is raised, acts, is demoted, acts again; then the room moves on
            RoomPowers.set(bot.server.baseUrl(), week, bot.editors, carol.userId(), 50);
            carol.say(bot.editors, "!reject 1");
            RoomPowers.set(bot.server.baseUrl(), week, bot.editors, carol.userId(), 0);
            carol.say(bot.editors, "!restore 1");
            for (int i = 0; i < 150; i++) week.editor().say(bot.editors, "chat while the bot is away " + i);

            bot.start();
            assertTrue(
                    rejected(bot.store()),
                    "!reject, sent while carol was at level 50, counts; !restore, sent after "
                            + "her demotion, does not");
            carol.say(bot.editors, "!restore 1"); // after the restart: she is at level 0 now
            String status = bot.status();
            assertTrue(rejected(bot.store()), "carol's !restore after the restart was obeyed: " + status);
            assertTrue(bot.alive());
        }
    }

    @Test
    void aDemotionInTheQuietEditorsRoomCountsForHerLaterActsInTheBusySubmissionsRoomAfterAGap() throws Exception {
        try (TwoRoomBot bot = new TwoRoomBot(dir, 50)) {
            DemoWeek week = bot.week;
            ScriptedUser carol = week.person("carol");
            carol.join(bot.editors);
            RoomPowers.set(bot.server.baseUrl(), week, bot.editors, carol.userId(), 50);
            String news = newsThenStop(bot);

            // the editors room sees only the demotion (no gap there); the submissions room moves on, with carol's
            // reaction after her demotion inside its gap
            RoomPowers.set(bot.server.baseUrl(), week, bot.editors, carol.userId(), 0);
            carol.react(bot.submissions, news, "🏢");
            for (int i = 0; i < 150; i++) week.person("bob").say(bot.submissions, "chat while the bot is away " + i);

            bot.start();
            bot.status();
            assertEquals(0, placements(bot.store(), news), "carol's reaction came after her demotion");
            assertTrue(bot.alive());
        }
    }

    /** Starts the bot, posts news #1 and stops the bot once it is stored; returns the news' event id. */
    private static String newsThenStop(TwoRoomBot bot) throws Exception {
        bot.start();
        String news = bot.week.person("alice").say(bot.submissions, "TWIM: Synapse 1.70 is out with faster joins");
        assertTrue(bot.status().contains("#1"), "the news is stored before the bot stops");
        bot.stop();
        return news;
    }

    private static boolean rejected(Store store) {
        return store.read(tx -> tx.submissions()
                .byNumber(tx.editions().open().orElseThrow().id(), 1)
                .orElseThrow()
                .rejected());
    }

    private static long placements(Store store, String eventId) {
        return store.read(tx -> {
            Submission s = tx.submissions().byEventId(eventId).orElseThrow();
            return (long) tx.placements().active(s.id()).stream()
                    .filter(p -> !p.provisional())
                    .count();
        });
    }

    private static boolean fromBot(DemoWeek week, RoomEvent e) {
        return week.botUserId().equals(e.sender()) && "m.notice".equals(e.msgtype()) && e.body() != null;
    }
}
