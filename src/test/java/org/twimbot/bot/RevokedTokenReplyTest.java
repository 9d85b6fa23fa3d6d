package org.twimbot.bot;

import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import okhttp3.Interceptor;
import okhttp3.OkHttpClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.twimbot.app.DemoCommand;
import org.twimbot.app.DemoWeek;
import org.twimbot.config.BotConfig;
import org.twimbot.config.ConfigLoader;
import org.twimbot.devserver.DevServer;
import org.twimbot.matrix.MatrixClient;
import org.twimbot.matrix.RetryPolicy;
import org.twimbot.matrix.Sleeper;
import org.twimbot.store.Store;

/**
 * A reply the homeserver refused because the bot's token was revoked between the sync that brought the
 * command and the send: once the bot has logged in again it sends that reply before anything else, instead of
 * leaving it for after the next long-poll (30 s without new events, which is what made SecretsInLogsTest miss
 * its answer now and then). The order of the bot's requests is the oracle, so machine load cannot decide it.
 */
class RevokedTokenReplyTest {
    @TempDir
    Path dir;

    @Test
    void aReplyRefusedForARevokedTokenIsSentRightAfterTheNewLoginNotAfterTheNextLongPoll() throws Exception {
        try (DevServer server = DevServer.start(0, "localhost");
                DemoWeek week = new DemoWeek(server.baseUrl(), "localhost")) {
            week.cast();
            BotConfig config = ConfigLoader.parse(DemoCommand.demoConfig(server.baseUrl(), week), dir, Map.of());
            Files.createDirectories(dir);
            List<String> requests = new CopyOnWriteArrayList<>();
            AtomicBoolean revokeAtNextMessage = new AtomicBoolean();
            Interceptor record = chain -> {
                okhttp3.Request r = chain.request();
                String auth = r.header("Authorization");
                boolean message =
                        "PUT".equals(r.method()) && r.url().encodedPath().contains("/send/m.room.message/");
                if (message && auth != null && revokeAtNextMessage.compareAndSet(true, false)) {
                    try {
                        SecretsInLogsTest.logout(server.baseUrl(), auth.substring("Bearer ".length()));
                    } catch (Exception e) {
                        throw new IOException("could not revoke the token", e);
                    }
                }
                requests.add(r.method() + " " + r.url().encodedPath());
                return chain.proceed(r);
            };
            OkHttpClient http = MatrixClient.defaultHttpClient()
                    .newBuilder()
                    .addInterceptor(record)
                    .build();
            try (Store store = Store.open(config.store().path());
                    MatrixClient client =
                            new MatrixClient(server.baseUrl(), RetryPolicy.fast(), http, Sleeper.system())) {
                Bot bot = new Bot(config, store, client, SecretsInLogsTest.WEDNESDAY);
                RunningLoop loop = RunningLoop.start(bot, "twimbot-revoked");
                try {
                    SecretsInLogsTest.command(
                            week, "!about", b -> b.toLowerCase().contains("twimbot"));
                    revokeAtNextMessage.set(true);
                    // the answer to !status is the next message: its send is refused, the token having just been
                    // revoked
                    SecretsInLogsTest.command(week, "!status", b -> b.startsWith("Edition "));
                    int login = lastIndexOf(requests, "POST /_matrix/client/v3/login");
                    assertTrue(login > 0, "the bot did not log in again: " + requests);
                    String after = requests.get(login + 1);
                    assertTrue(
                            after.startsWith("PUT ") && after.contains("/send/m.room.message/"),
                            "after logging in again the bot must first send the refused reply, not " + after
                                    + "; requests: " + requests.subList(Math.max(0, login - 3), requests.size()));
                    assertNull(loop.died(), () -> "the sync loop died: " + loop.died());
                } finally {
                    assertTrue(bot.stopAndWait(Duration.ofSeconds(10)), "the bot did not stop");
                }
            }
        }
    }

    private static int lastIndexOf(List<String> requests, String request) {
        for (int i = requests.size() - 1; i >= 0; i--) if (requests.get(i).equals(request)) return i;
        return -1;
    }
}
