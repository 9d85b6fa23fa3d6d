package org.twimbot.bot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.twimbot.matrix.MatrixClient;
import org.twimbot.matrix.RetryPolicy;
import org.twimbot.store.SettingsTable;
import org.twimbot.store.Store;

/**
 * A bot with a password logs in once and keeps the access token in its database: homeservers that scope
 * transaction ids per access token (Synapse 1.67, the dev homeserver) then recognise a reply re-sent after a
 * crash as a resend. It logs in again only when the homeserver refuses the stored token.
 */
class SessionReuseTest {
    @TempDir
    Path dir;

    @Test
    void aRestartedBotReusesTheTokenItsPasswordLoginReturned() throws Exception {
        try (BotHarness h = new BotHarness(dir, Clock.systemUTC())) {
            List<String> requests = new CopyOnWriteArrayList<>();
            h.server.setRequestObserver(requests::add);
            for (int i = 0; i < 3; i++) startAndSync(h);
            assertEquals(1, logins(requests), "one password login across three starts: " + requests);
        }
    }

    @Test
    void aRefusedStoredTokenIsReplacedByANewLogin() throws Exception {
        try (BotHarness h = new BotHarness(dir, Clock.systemUTC())) {
            startAndSync(h);
            String stored = storedToken(h);
            SecretsInLogsTest.logout(h.server.baseUrl(), stored); // revoked, as by another client of the account

            List<String> requests = new CopyOnWriteArrayList<>();
            h.server.setRequestObserver(requests::add);
            startAndSync(h);
            assertEquals(1, logins(requests), "logged in again after the stored token was refused");
            assertFalse(storedToken(h).equals(stored), "the new token is stored");
        }
    }

    /** One run of the bot: start (authenticating), one sync with the session, stop. */
    private static void startAndSync(BotHarness h) throws Exception {
        MatrixClient client = new MatrixClient(h.server.baseUrl(), RetryPolicy.fast());
        try (Store store = Store.open(h.config.store().path());
                Bot bot = new Bot(h.config, store, client, Clock.systemUTC())) {
            bot.start();
            bot.syncOnce(0);
            assertTrue(bot.lastSyncAt() != null, "synced with the session");
        } finally {
            client.close();
        }
    }

    private static String storedToken(BotHarness h) {
        try (Store store = Store.open(h.config.store().path())) {
            return store.read(tx -> tx.settings().get(SettingsTable.ACCESS_TOKEN))
                    .orElseThrow();
        }
    }

    private static long logins(List<String> requests) {
        return requests.stream()
                .filter(r -> r.startsWith("POST ") && r.contains("/login"))
                .count();
    }
}
