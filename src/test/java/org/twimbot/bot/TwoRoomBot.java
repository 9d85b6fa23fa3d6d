package org.twimbot.bot;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import org.twimbot.app.DemoWeek;
import org.twimbot.app.ScriptedUser;
import org.twimbot.config.BotConfig;
import org.twimbot.config.ConfigLoader;
import org.twimbot.devserver.DevServer;
import org.twimbot.matrix.MatrixClient;
import org.twimbot.matrix.RetryPolicy;
import org.twimbot.matrix.RoomEvent;
import org.twimbot.matrix.RoomTimeline;
import org.twimbot.store.Store;

/**
 * The real bot against a dev homeserver with a public submissions room and a separate editors room
 * ({@code #twim-editors}, created by the demo week's editor, who is a configured editor). Can be
 * stopped and started again on the same database.
 */
final class TwoRoomBot implements AutoCloseable {
    static final Clock WEDNESDAY = Clock.fixed(Instant.parse("2026-11-25T10:00:00Z"), ZoneOffset.UTC);
    private static final String WIDE_TIMELINE = "{\"room\":{\"timeline\":{\"limit\":1000}}}";

    final DevServer server;
    final DemoWeek week;
    final String submissions;
    final String editors;
    final BotConfig config;
    private Store store;
    private MatrixClient client;
    private Bot bot;
    private RunningLoop loop;

    /** @param minPowerLevel {@code editors.min_power_level}, or null for configured editors only */
    TwoRoomBot(Path dir, Integer minPowerLevel) throws Exception {
        server = DevServer.start(0, "localhost");
        week = new DemoWeek(server.baseUrl(), "localhost");
        week.cast();
        submissions = week.roomId();
        editors = week.editor().client().createRoom("twim-editors", "TWIM editors", true);
        config = ConfigLoader.parse(
                """
                homeserver: { url: "%s", user_id: "%s", password: "%s" }
                rooms: { submissions: "%s", editors: "#twim-editors:localhost" }
                editors: { users: ["%s"]%s }
                store: { path: twimbot.db }
                media: { dir: media }
                """.formatted(
                                server.baseUrl(),
                                week.botUserId(),
                                DemoWeek.PASSWORD,
                                week.roomAlias(),
                                week.editorUserId(),
                                minPowerLevel == null ? "" : ", min_power_level: " + minPowerLevel),
                dir,
                Map.of());
    }

    void start() throws Exception {
        store = Store.open(config.store().path());
        client = new MatrixClient(server.baseUrl(), RetryPolicy.fast());
        bot = new Bot(config, store, client, WEDNESDAY);
        loop = RunningLoop.start(bot, "twimbot-two-rooms");
    }

    void stop() throws Exception {
        if (!bot.stopAndWait(Duration.ofSeconds(10))) throw new AssertionError("the bot did not stop within 10 s");
        if (loop.died() != null) throw new AssertionError("the sync loop died", loop.died());
        client.close();
        store.close();
        bot = null;
    }

    Store store() {
        return store;
    }

    boolean alive() {
        return loop.isAlive();
    }

    /** Sends {@code text} as the editor in the editors room and returns the bot's notice there that satisfies {@code reply}. */
    String editorCommand(String text, Predicate<String> reply) throws Exception {
        ScriptedUser editor = week.editor();
        CrossRoomOrder.nextMillisecond();
        editor.catchUp();
        editor.say(editors, text);
        return editor.await(editors, e -> fromBot(e) && reply.test(e.body()), Duration.ofSeconds(60))
                .orElseThrow(() -> new AssertionError("no answer to " + text + " in the editors room"))
                .body();
    }

    /** {@code !status} in the editors room: its answer reflects everything sent before, in either room. */
    String status() throws Exception {
        return editorCommand("!status", body -> body.startsWith("Edition "));
    }

    /** Everything the bot has sent to {@code roomId}, as the homeserver holds it (read by a fresh sync, up to 1000 events). */
    List<RoomEvent> botEventsIn(String roomId) throws Exception {
        List<RoomEvent> out = new ArrayList<>();
        for (RoomTimeline room :
                week.editor().client().sync(null, WIDE_TIMELINE, 0).rooms()) {
            if (!room.roomId().equals(roomId)) continue;
            for (RoomEvent e : room.events()) if (week.botUserId().equals(e.sender()) && !e.isState()) out.add(e);
        }
        return out;
    }

    boolean fromBot(RoomEvent e) {
        return week.botUserId().equals(e.sender()) && "m.notice".equals(e.msgtype()) && e.body() != null;
    }

    @Override
    public void close() throws Exception {
        if (bot != null) stop();
        week.close();
        server.close();
    }
}
