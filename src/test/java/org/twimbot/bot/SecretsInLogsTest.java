package org.twimbot.bot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.Level;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Predicate;
import okhttp3.Interceptor;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.twimbot.app.DemoCommand;
import org.twimbot.app.DemoWeek;
import org.twimbot.app.Main;
import org.twimbot.app.ScriptedUser;
import org.twimbot.config.BotConfig;
import org.twimbot.config.ConfigLoader;
import org.twimbot.devserver.DevServer;
import org.twimbot.matrix.MatrixClient;
import org.twimbot.matrix.RetryPolicy;
import org.twimbot.matrix.Session;
import org.twimbot.matrix.Sleeper;
import org.twimbot.store.SettingsTable;
import org.twimbot.store.Store;

/**
 * Everything the bot logs at TRACE during whole runs (password login, then an access token), every
 * message it sends, and what it keeps in its database: none of it holds the access token or the password.
 * And the two ways an access token can be refused: with a password the bot logs in again on the same
 * device; with a configured token it stops with exit status 3 and says why.
 */
public class SecretsInLogsTest {
    static final Clock WEDNESDAY = Clock.fixed(Instant.parse("2026-11-25T10:00:00Z"), ZoneOffset.UTC);

    @TempDir
    Path dir;

    /** Every access token the bot sent, read from its requests' Authorization header. */
    final Set<String> botTokens = ConcurrentHashMap.newKeySet();

    @Test
    void noSecretInLogsNoticesOrDatabaseAndARefusedTokenMeansLoggingInAgainOnTheSameDevice() throws Exception {
        List<String> logLines;
        List<String> notices = new ArrayList<>();
        String configuredToken;
        String deviceBefore;
        String deviceAfter;
        Optional<String>[] settings;
        try (LogCapture logs = new LogCapture(Level.TRACE, true);
                DevServer server = DevServer.start(0, "localhost");
                DemoWeek week = new DemoWeek(server.baseUrl(), "localhost")) {
            week.cast();
            // 1. password login, the demo week, !draft, !about, !status; then the token is revoked under the bot
            BotConfig config =
                    ConfigLoader.parse(DemoCommand.demoConfig(server.baseUrl(), week), dir.resolve("a"), Map.of());
            Files.createDirectories(dir.resolve("a"));
            try (Running bot = new Running(config, server.baseUrl())) {
                week.play();
                assertTrue(week.requestDraft(Duration.ofSeconds(30)).startsWith("+++"));
                command(week, "!about", b -> b.toLowerCase().contains("twimbot"));
                command(week, "!status", b -> b.startsWith("Edition "));
                String first = bot.lastToken.get();
                deviceBefore = whoami(server.baseUrl(), first).deviceId();
                logout(server.baseUrl(), first);
                week.person("alice").say(week.roomId(), "TWIM: after the token was revoked");
                command(week, "!status", b -> b.startsWith("Edition ") && b.contains("after the token was revoked"));
                String second = bot.lastToken.get();
                assertNotEquals(first, second, "the bot must have logged in again");
                deviceAfter = whoami(server.baseUrl(), second).deviceId();
                assertNull(bot.died.get(), () -> "the sync loop died: " + bot.died.get());
                settings = bot.settings();
            }
            assertEquals(deviceBefore, deviceAfter, "a new login must reuse the device");
            assertEquals(Optional.of(deviceBefore), settings[1]);

            // 2. the same bot user with an access token from the configuration
            MatrixClient login = new MatrixClient(server.baseUrl(), RetryPolicy.fast());
            Session s = login.loginWithPassword(week.botUserId(), DemoWeek.PASSWORD, null, "token run");
            configuredToken = s.accessToken();
            login.close();
            String yaml = DemoCommand.demoConfig(server.baseUrl(), week)
                    .replace("password: \"" + DemoWeek.PASSWORD + "\"", "access_token: \"" + configuredToken + "\"");
            Files.createDirectories(dir.resolve("b"));
            try (Running bot = new Running(ConfigLoader.parse(yaml, dir.resolve("b"), Map.of()), server.baseUrl())) {
                week.person("bob").say(week.roomId(), "TWIM: a token run");
                command(week, "!status", b -> b.contains("a token run"));
                command(week, "!about", b -> b.toLowerCase().contains("twimbot"));
                assertEquals(Set.of(configuredToken), Set.copyOf(bot.tokens));
            }

            // every message any bot sent, as a new member of the room sees the history
            ScriptedUser auditor = ScriptedUser.register(server.baseUrl(), "auditor", DemoWeek.PASSWORD, "Auditor");
            auditor.join(week.roomId());
            auditor.await(
                    week.roomId(),
                    e -> {
                        if (week.botUserId().equals(e.sender()))
                            notices.add(e.content().toString());
                        return false;
                    },
                    Duration.ofSeconds(2));
            auditor.close();
            logLines = logs.lines();
        }
        List<String> secrets = new ArrayList<>(botTokens);
        secrets.add(configuredToken);
        secrets.add(DemoWeek.PASSWORD);
        assertTrue(botTokens.size() >= 2, "tokens seen: " + botTokens.size());
        assertTrue(
                logLines.size() > 50 && logLines.stream().anyMatch(l -> l.startsWith("DEBUG")),
                "too little was logged");
        assertTrue(notices.size() > 10, "too few notices: " + notices.size());
        for (String secret : secrets) {
            for (String line : logLines) assertFalse(line.contains(secret), () -> "a secret in the log: " + line);
            for (String notice : notices)
                assertFalse(notice.contains(secret), () -> "a secret in a message: " + notice);
            for (Optional<String> value : settings)
                assertFalse(value.orElse("").contains(secret), "a secret in the settings");
        }
        System.out.println("SecretsInLogsTest: " + logLines.size() + " log lines, " + notices.size() + " bot messages, "
                + secrets.size() + " secrets checked");
    }

    @Test
    void anUnknownConfiguredTokenStopsTheBotWithExitStatus3() throws Exception {
        try (LogCapture logs = new LogCapture(Level.INFO, true);
                DevServer server = DevServer.start(0, "localhost");
                DemoWeek week = new DemoWeek(server.baseUrl(), "localhost")) {
            week.cast();
            String yaml = DemoCommand.demoConfig(server.baseUrl(), week)
                    .replace(
                            "password: \"" + DemoWeek.PASSWORD + "\"",
                            "access_token: \"syt_made_up_token_nobody_issued\"")
                    .replace("path: twimbot.db", "path: " + dir.resolve("t.db"))
                    .replace("dir: media", "dir: " + dir.resolve("media"));
            Path cfg = dir.resolve("config.yaml");
            Files.writeString(cfg, yaml);
            assertEquals(3, Main.execute("run", "-c", cfg.toString()));
            assertTrue(
                    logs.lines().stream().anyMatch(l -> l.contains("rejected the access token")),
                    String.join("\n", logs.lines()));
            assertFalse(String.join("\n", logs.lines()).contains("syt_made_up_token_nobody_issued"));
        }
    }

    // --- helpers ------------------------------------------------------------------------------

    /** The bot in run mode on its own thread, with its requests' tokens recorded. */
    final class Running implements AutoCloseable {
        final AtomicReference<String> lastToken = new AtomicReference<>();
        final List<String> tokens = new CopyOnWriteArrayList<>();
        final AtomicReference<Throwable> died = new AtomicReference<>();
        final Store store;
        final MatrixClient client;
        final Bot bot;
        final Thread loop;

        Running(BotConfig config, String baseUrl) throws Exception {
            Interceptor record = chain -> {
                String auth = chain.request().header("Authorization");
                if (auth != null && auth.startsWith("Bearer ")) {
                    String token = auth.substring(7);
                    botTokens.add(token);
                    tokens.add(token);
                    lastToken.set(token);
                }
                return chain.proceed(chain.request());
            };
            OkHttpClient http = MatrixClient.defaultHttpClient()
                    .newBuilder()
                    .addInterceptor(record)
                    .build();
            store = Store.open(config.store().path());
            client = new MatrixClient(baseUrl, RetryPolicy.fast(), http, Sleeper.system());
            bot = new Bot(config, store, client, WEDNESDAY);
            bot.start();
            loop = new Thread(
                    () -> {
                        try {
                            bot.run();
                        } catch (Throwable t) {
                            died.set(t);
                        }
                    },
                    "twimbot-secrets");
            loop.start();
            bot.awaitReady();
        }

        @SuppressWarnings("unchecked")
        Optional<String>[] settings() {
            return store.read(tx -> new Optional[] {
                tx.settings().get(SettingsTable.SYNC_TOKEN),
                tx.settings().get(SettingsTable.DEVICE_ID),
                tx.settings().get(SettingsTable.USER_ID)
            });
        }

        @Override
        public void close() throws Exception {
            assertTrue(bot.stopAndWait(Duration.ofSeconds(10)), "the bot did not stop");
            client.close();
            store.close();
        }
    }

    static String command(DemoWeek week, String text, Predicate<String> reply) throws Exception {
        ScriptedUser editor = week.editor();
        editor.catchUp();
        editor.say(week.roomId(), text);
        return editor.await(
                        week.roomId(),
                        e -> week.botUserId().equals(e.sender())
                                && "m.notice".equals(e.msgtype())
                                && e.body() != null
                                && reply.test(e.body()),
                        Duration.ofSeconds(30))
                .orElseThrow(() -> new AssertionError("no answer to " + text))
                .body();
    }

    static Session whoami(String baseUrl, String token) throws Exception {
        try (MatrixClient c = new MatrixClient(baseUrl, RetryPolicy.fast())) {
            c.setAccessToken(token);
            Session s = c.whoami();
            assertNotNull(s.deviceId());
            return s;
        }
    }

    /** POST /logout with the bot's token: the homeserver forgets it, as when an admin revokes a session. */
    public static void logout(String baseUrl, String token) throws Exception {
        OkHttpClient http = new OkHttpClient();
        Request r = new Request.Builder()
                .url(baseUrl + "/_matrix/client/v3/logout")
                .header("Authorization", "Bearer " + token)
                .post(RequestBody.create(new byte[] {'{', '}'}, okhttp3.MediaType.get("application/json")))
                .build();
        try (var response = http.newCall(r).execute()) {
            assertEquals(200, response.code());
        }
        http.dispatcher().executorService().shutdown();
        http.connectionPool().evictAll();
    }
}
