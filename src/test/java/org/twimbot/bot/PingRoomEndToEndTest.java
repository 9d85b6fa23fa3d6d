package org.twimbot.bot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
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
import org.twimbot.matrix.RoomTimeline;
import org.twimbot.store.Store;

/**
 * Dept of Ping against a scripted ping bot on the dev homeserver: it answers in {@code #ping:localhost} the way
 * maubot's echo plugin does (an m.notice with a {@code pong} object), for pings from several homeservers. The
 * draft ranks the week's answers; the noise of the room, answers from before the bot joined and answers of the
 * previous (published) week stay out, and the bot never says a word in the ping room.
 */
class PingRoomEndToEndTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String TABLE_HEAD = "|Rank|Hostname|Median MS|\n|:---:|:---:|:---:|\n";

    @TempDir
    Path dir;

    /** What the echo plugin sends: the text for people, the measurement in {@code pong}. */
    private static void pong(ScriptedUser pingbot, String room, String from, long ms) throws Exception {
        ObjectNode c = JSON.createObjectNode()
                .put("msgtype", "m.notice")
                .put("format", "org.matrix.custom.html")
                .put("body", "@someone:" + from + ": Pong! (ping took " + ms + " ms to arrive)")
                .put(
                        "formatted_body",
                        "<a href='https://matrix.to/#/@someone:" + from + "'>@someone:" + from
                                + "</a>: Pong! (ping took " + ms + " ms to arrive)");
        c.putObject("pong").put("ms", ms).put("from", from).put("ping", "$ping-" + UUID.randomUUID());
        pingbot.client().sendEvent(room, "m.room.message", UUID.randomUUID().toString(), c);
    }

    private static void send(ScriptedUser user, String room, String json) throws Exception {
        user.client().sendEvent(room, "m.room.message", UUID.randomUUID().toString(), (ObjectNode) JSON.readTree(json));
    }

    private static String table(String draft) {
        int start = draft.indexOf("## Dept of Ping");
        assertTrue(start >= 0, "no Dept of Ping in the draft:\n" + draft);
        int head = draft.indexOf(TABLE_HEAD, start);
        return draft.substring(head + TABLE_HEAD.length(), draft.indexOf("\n\n", head));
    }

    @Test
    void theDraftRanksTheWeeksPingBotAnswersByMedianAndIgnoresEverythingElse() throws Exception {
        try (DevServer server = DevServer.start(0, "localhost");
                DemoWeek week = new DemoWeek(server.baseUrl(), "localhost")) {
            week.cast();
            ScriptedUser pingbot = ScriptedUser.register(server.baseUrl(), "pingbot", DemoWeek.PASSWORD, "Ping bot");
            String ping = pingbot.client().createRoom("ping", "Ping", true);
            ScriptedUser alice = week.person("alice");
            alice.join(ping);
            pong(pingbot, ping, "early.example", 1); // before the bot joined: not this bot's week
            BotConfig config = ConfigLoader.parse(
                    """
                    homeserver: { url: "%s", user_id: "%s", password: "%s" }
                    rooms: { submissions: "%s", ping: "#ping:localhost" }
                    editors: { users: ["%s"] }
                    store: { path: twimbot.db }
                    media: { dir: media }
                    """.formatted(
                                    server.baseUrl(),
                                    week.botUserId(),
                                    DemoWeek.PASSWORD,
                                    week.roomAlias(),
                                    week.editorUserId()),
                    dir,
                    Map.of());
            try (Store store = Store.open(config.store().path());
                    MatrixClient client = new MatrixClient(server.baseUrl(), RetryPolicy.fast())) {
                Bot bot = new Bot(config, store, client, Clock.systemUTC());
                RunningLoop loop = RunningLoop.start(bot, "twimbot-ping");
                try {
                    week.person("bob").say(week.roomId(), "TWIM: Synapse 1.70 is out with faster joins");
                    for (long ms : new long[] {318, 290, 40_000}) pong(pingbot, ping, "neko.dev", ms);
                    pong(pingbot, ping, "Neko.Dev", 100); // the same server: neko.dev's median is (290 + 318) / 2
                    pong(pingbot, ping, "keks.club", 474);
                    pong(pingbot, ping, "trygve.me", 530);
                    pong(pingbot, ping, "trygve.me", 535);
                    pong(pingbot, ping, "mozilla.org", 1290);
                    for (int i = 1; i <= 7; i++) pong(pingbot, ping, "a" + i + ".example", 1900 + 100L * i);
                    // the room's noise: the pings themselves, chat, answers without a measurement, a typed imitation,
                    // a delay from a clock ahead of the bot's, and an answer posted in the submissions room
                    alice.say(ping, "!ping");
                    alice.say(ping, "TWIM: this is not news, this is the ping room");
                    send(
                            alice,
                            ping,
                            "{\"msgtype\":\"m.text\",\"body\":\"Pong!\","
                                    + "\"pong\":{\"ms\":1,\"from\":\"cheat.example\"}}");
                    send(pingbot, ping, "{\"msgtype\":\"m.notice\",\"body\":\"Usage: !ping [message]\"}");
                    send(
                            pingbot,
                            ping,
                            "{\"msgtype\":\"m.notice\",\"body\":\"Pong!\","
                                    + "\"pong\":{\"ms\":-5,\"from\":\"skew.example\"}}");
                    send(
                            alice,
                            week.roomId(),
                            "{\"msgtype\":\"m.notice\",\"body\":\"Pong!\","
                                    + "\"pong\":{\"ms\":2,\"from\":\"wrong.room\"}}");

                    String first = week.requestDraft(Duration.ofSeconds(30));
                    String link = "[#ping:localhost](https://matrix.to/#/#ping:localhost)";
                    assertTrue(first.contains("### " + link + "\nJoin " + link + " to experience the fun live"), first);
                    assertEquals("""
                            |1|neko.dev|304|
                            |2|keks.club|474|
                            |3|trygve.me|532.5|
                            |4|mozilla.org|1290|
                            |5|a1.example|2000|
                            |6|a2.example|2100|
                            |7|a3.example|2200|
                            |8|a4.example|2300|
                            |9|a5.example|2400|
                            |10|a6.example|2500|""", table(first));
                    for (String absent :
                            List.of("a7.example", "early.example", "cheat.example", "skew.example", "wrong.room")) {
                        assertFalse(first.contains(absent), absent + " is not in the table");
                    }
                    assertTrue(first.indexOf("## Dept of Ping") < first.indexOf("## That's all I know"));

                    ScriptedUser editor = week.editor();
                    editor.catchUp();
                    editor.say(week.roomId(), "!publish");
                    editor.await(
                                    week.roomId(),
                                    e -> week.botUserId().equals(e.sender())
                                            && e.body() != null
                                            && e.body().contains("published by"),
                                    Duration.ofSeconds(30))
                            .orElseThrow(() -> new AssertionError("no answer to !publish"));
                    pong(pingbot, ping, "keks.club", 900);
                    pong(pingbot, ping, "fresh.example", 50);
                    pong(pingbot, ping, "fresh.example", 70);

                    String second = week.requestDraft(Duration.ofSeconds(30));
                    assertEquals(
                            "|1|fresh.example|60|\n|2|keks.club|900|",
                            table(second),
                            "only the answers of the new week: the published week's stay with it");
                    assertTrue(loop.isAlive());
                } finally {
                    assertTrue(bot.stopAndWait(Duration.ofSeconds(10)), "the bot stops");
                }
                assertEquals(null, loop.died());
            }
            String wide = "{\"room\":{\"timeline\":{\"limit\":1000}}}";
            for (RoomTimeline room : pingbot.client().sync(null, wide, 0).rooms()) {
                if (!room.roomId().equals(ping)) continue;
                for (RoomEvent e : room.events()) {
                    if (week.botUserId().equals(e.sender())) {
                        assertEquals("m.room.member", e.type(), "the bot only joins the ping room, it never posts");
                    }
                }
            }
            pingbot.close();
        }
    }
}
