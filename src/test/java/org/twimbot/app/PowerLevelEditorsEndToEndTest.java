package org.twimbot.app;

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
            BotConfig config = ConfigLoader.parse("""
                    homeserver: { url: "%s", user_id: "%s", password: "%s" }
                    rooms: { submissions: "%s", editors: "#twim-editors:localhost" }
                    editors: { users: [], min_power_level: 50 }
                    store: { path: twimbot.db }
                    media: { dir: media }
                    """.formatted(server.baseUrl(), week.botUserId(), DemoWeek.PASSWORD, week.roomAlias()), dir, Map.of());
            MatrixClient client = new MatrixClient(server.baseUrl(), RetryPolicy.fast());
            try (Store store = Store.open(config.store().path()); Bot bot = new Bot(config, store, client, WEDNESDAY)) {
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
                editor.await(submissions, e -> fromBot(week, e) && e.body().contains("only editors can sort"), Duration.ofSeconds(30))
                        .orElseThrow(() -> new AssertionError("carol at level 0 was not refused"));

                assertEquals(1, placements(store, first), "placed while carol was an editor");
                assertEquals(0, placements(store, second), "a reaction after the drop changes nothing");
                assertTrue(loop.isAlive());
            }
        }
    }

    private static long placements(Store store, String eventId) {
        return store.read(tx -> {
            Submission s = tx.submissions().byEventId(eventId).orElseThrow();
            return (long) tx.placements().active(s.id()).stream().filter(p -> !p.provisional()).count();
        });
    }

    private static boolean fromBot(DemoWeek week, RoomEvent e) {
        return week.botUserId().equals(e.sender()) && "m.notice".equals(e.msgtype()) && e.body() != null;
    }
}
