package org.twimbot.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.twimbot.commands.Replies;
import org.twimbot.devserver.DevServer;
import org.twimbot.matrix.MatrixClient;
import org.twimbot.matrix.RetryPolicy;
import org.twimbot.matrix.RoomEvent;
import org.twimbot.matrix.Session;
import org.twimbot.store.Store;

/**
 * A token revoked between a sync and the sends it owes (an admin ends the session while a long-poll
 * is in flight, which still returns its events): the outbox keeps every entry instead of dropping
 * it as refused, and sends them once the bot has logged in again. Real SQLite, real HTTP.
 */
class OutboxRevokedTokenTest {
    @TempDir
    Path dir;

    private DevServer server;
    private MatrixClient bot;
    private Store store;
    private String room;
    private OutboxSender outbox;

    @BeforeEach
    void setUp() throws Exception {
        server = DevServer.start(0, "localhost");
        bot = new MatrixClient(server.baseUrl(), RetryPolicy.fast());
        Session first = bot.register("revokedbot", "pw");
        room = bot.createRoom("news", "News", true);
        store = Store.open(dir.resolve("twimbot.db"));
        outbox = new OutboxSender(store, bot, null, room, new SendPacer(System::nanoTime));
        SecretsInLogsTest.logout(server.baseUrl(), first.accessToken());
    }

    @AfterEach
    void tearDown() {
        store.close();
        bot.close();
        server.close();
    }

    @Test
    void entriesRefusedForAnUnknownTokenWaitForTheNextLogin() throws Exception {
        store.write(tx -> {
            Replies replies = new Replies(tx);
            replies.notice(room, "$status", "answer", "Edition 2026-11-27: 3 items");
            replies.notice(room, "$about", "answer", "twimbot 0.1");
        });

        assertFalse(outbox.drain(), "sending stopped on the refused token");
        assertEquals(2, store.read(tx -> tx.outbox().pending()).size(), "nothing dropped");

        bot.loginWithPassword("@revokedbot:localhost", "pw", null, "again");
        assertTrue(outbox.drain());
        assertEquals(0, store.read(tx -> tx.outbox().pending()).size());
        assertEquals(List.of("Edition 2026-11-27: 3 items", "twimbot 0.1"), noticesIn(room));
    }

    private List<String> noticesIn(String roomId) throws Exception {
        List<String> bodies = new ArrayList<>();
        for (RoomEvent e : bot.messages(roomId, null, "b", 100, null).chunk()) {
            if ("m.notice".equals(e.msgtype())) bodies.add(0, e.body());
        }
        return bodies;
    }
}
