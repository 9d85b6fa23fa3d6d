package org.twimbot.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.twimbot.bot.RoomPowers;
import org.twimbot.devserver.DevServer;
import org.twimbot.matrix.MatrixClient;
import org.twimbot.matrix.RetryPolicy;
import org.twimbot.matrix.Session;

/**
 * {@code check-config} asks the homeserver what only it knows: whose token this is, whether each room exists, whether
 * the bot is in it (or invited) and may post and react there. One ✔/✘ line per check, exit 2 on any ✘.
 */
class CheckConfigOnlineTest {
    @TempDir
    Path dir;

    private DevServer server;
    private DemoWeek week;
    private MatrixClient bot;
    private Session botSession;

    @BeforeEach
    void setUp() throws Exception {
        server = DevServer.start(0, "localhost");
        week = new DemoWeek(server.baseUrl(), "localhost");
        week.cast();
        bot = new MatrixClient(server.baseUrl(), RetryPolicy.fast());
        botSession = bot.loginWithPassword(week.botUserId(), DemoWeek.PASSWORD, null, null);
    }

    @AfterEach
    void tearDown() {
        bot.close();
        week.close();
        server.close();
    }

    private CliRun check(String token, String... extra) throws Exception {
        Path config = Files.writeString(dir.resolve("config.yaml"), """
                homeserver:
                  url: "%s"
                  user_id: "%s"
                  access_token: "%s"
                rooms:
                  submissions: "%s"
                editors:
                  users: ["%s"]
                """.formatted(
                        server.baseUrl(), week.botUserId(), token, week.roomAlias(), week.editorUserId()));
        List<String> args = new ArrayList<>(List.of("check-config", "-c", config.toString()));
        args.addAll(List.of(extra));
        return CliRun.of(args.toArray(String[]::new));
    }

    private static List<String> marks(CliRun r) {
        return r.err()
                .lines()
                .filter(l -> l.startsWith("✔") || l.startsWith("✘"))
                .toList();
    }

    @Test
    void aJoinedBotThatMayPostPassesEveryCheck() throws Exception {
        bot.joinRoom(week.roomId());
        CliRun r = check(botSession.accessToken());
        assertEquals(0, r.status(), r.all());
        List<String> marks = marks(r);
        assertTrue(marks.stream().allMatch(l -> l.startsWith("✔")), r.all());
        assertTrue(marks.stream().anyMatch(l -> l.contains("access token belongs to " + week.botUserId())), r.all());
        assertTrue(marks.stream().anyMatch(l -> l.contains(week.roomAlias()) && l.contains(week.roomId())), r.all());
        assertTrue(marks.stream().anyMatch(l -> l.contains("joined")), r.all());
        assertTrue(marks.stream().anyMatch(l -> l.contains("may send messages and reactions")), r.all());
        assertFalse(r.err().contains(botSession.accessToken()), "the token is never printed");
    }

    @Test
    void aWrongTokenFails() throws Exception {
        CliRun r = check("syt_wrong_token_value");
        assertEquals(Main.EXIT_CONFIG, r.status(), r.all());
        assertTrue(marks(r).stream().anyMatch(l -> l.startsWith("✘") && l.contains("access token")), r.all());
        assertFalse(r.err().contains("syt_wrong_token_value"), r.all());
    }

    @Test
    void anotherUsersTokenFails() throws Exception {
        try (MatrixClient alice = new MatrixClient(server.baseUrl(), RetryPolicy.fast())) {
            Session s = alice.loginWithPassword("@alice:localhost", DemoWeek.PASSWORD, null, null);
            CliRun r = check(s.accessToken());
            assertEquals(Main.EXIT_CONFIG, r.status(), r.all());
            assertTrue(
                    marks(r).stream()
                            .anyMatch(l -> l.startsWith("✘")
                                    && l.contains("belongs to @alice:localhost")
                                    && l.contains(week.botUserId())),
                    r.all());
        }
    }

    @Test
    void aRoomTheBotIsNotInNorInvitedToFails_thenTheInvitePasses() throws Exception {
        CliRun r = check(botSession.accessToken());
        assertEquals(Main.EXIT_CONFIG, r.status(), r.all());
        assertTrue(
                marks(r).stream().anyMatch(l -> l.startsWith("✘") && l.contains("neither joined nor invited")),
                r.all());
        week.editor().client().inviteUser(week.roomId(), week.botUserId());
        CliRun invited = check(botSession.accessToken());
        assertEquals(0, invited.status(), invited.all());
        assertTrue(marks(invited).stream().anyMatch(l -> l.startsWith("✔") && l.contains("invited")), invited.all());
    }

    @Test
    void aBotThatMayNotReactFails() throws Exception {
        bot.joinRoom(week.roomId());
        RoomPowers.update(
                server.baseUrl(),
                week,
                week.roomId(),
                levels -> levels.with("events").put("m.reaction", 50));
        CliRun r = check(botSession.accessToken());
        assertEquals(Main.EXIT_CONFIG, r.status(), r.all());
        assertTrue(
                marks(r).stream().anyMatch(l -> l.startsWith("✘") && l.contains("m.reaction") && l.contains("50")),
                r.all());
    }

    @Test
    void offlineChecksOnlyTheFile() throws Exception {
        CliRun r = check("syt_wrong_token_value", "--offline");
        assertEquals(0, r.status(), r.all());
        assertEquals(List.of(), marks(r), r.all());
    }

    @Test
    void runRefusesAnotherUsersToken() throws Exception {
        try (MatrixClient alice = new MatrixClient(server.baseUrl(), RetryPolicy.fast())) {
            Session s = alice.loginWithPassword("@alice:localhost", DemoWeek.PASSWORD, null, null);
            Path config = Files.writeString(dir.resolve("run.yaml"), """
                    homeserver: {url: "%s", user_id: "%s", access_token: "%s"}
                    rooms: {submissions: "%s"}
                    """.formatted(
                            server.baseUrl(), week.botUserId(), s.accessToken(), week.roomAlias()));
            CliRun r = CliRun.of("run", "-c", config.toString());
            assertEquals(Main.EXIT_AUTH, r.status(), r.all());
            assertTrue(r.err().contains("belongs to @alice:localhost"), r.all());
            assertFalse(r.err().contains("\tat "), r.all());
            assertFalse(r.err().contains(s.accessToken()), r.all());
        }
    }

    @Test
    void aPingRoomIsCheckedToExistOnly() throws Exception {
        bot.joinRoom(week.roomId());
        String ping = week.person("alice").client().createRoom("ping", "Ping", true);
        Path config = dir.resolve("config.yaml");
        assertEquals(
                0, check(botSession.accessToken()).status(), "writes config.yaml, which passes without a ping room");
        Files.writeString(
                config, Files.readString(config).replace("rooms:\n", "rooms:\n  ping: \"#ping:localhost\"\n"));
        CliRun ok = CliRun.of("check-config", "-c", config.toString());
        assertEquals(0, ok.status(), ok.all());
        assertTrue(marks(ok).contains("✔ rooms.ping: room #ping:localhost is " + ping), ok.all());

        Files.writeString(config, Files.readString(config).replace("#ping:localhost", "#nowhere:localhost"));
        CliRun missing = CliRun.of("check-config", "-c", config.toString());
        assertEquals(2, missing.status(), missing.all());
        assertTrue(
                marks(missing).contains("✘ rooms.ping: alias #nowhere:localhost does not exist on the homeserver"),
                missing.all());
    }
}
