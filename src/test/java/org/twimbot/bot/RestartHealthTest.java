package org.twimbot.bot;

import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.twimbot.matrix.MatrixClient;
import org.twimbot.matrix.RetryPolicy;
import org.twimbot.store.Store;

/**
 * Issue 17, defect 5: after a restart in a quiet room, /health says "starting" until the first sync round is
 * committed. That round must not be a long-poll, or the bot stays "starting" for the whole poll (30 s in
 * production) although the homeserver answered at once. Here the round is asked to poll for ten minutes in a room
 * where nothing happens: it still returns, committed.
 */
class RestartHealthTest {
    @TempDir
    Path dir;

    @Test
    void theFirstRoundAfterARestartReturnsAtOnceInAQuietRoom() throws Exception {
        try (BotHarness h = new BotHarness(dir, Clock.systemUTC())) {
            h.startBot();
            h.status(); // the first start is done and quiet
            h.stopBot();

            try (Store store = Store.open(h.config.store().path());
                    MatrixClient client = new MatrixClient(h.server.baseUrl(), RetryPolicy.fast())) {
                Bot restarted = new Bot(h.config, store, client, Clock.systemUTC());
                restarted.start();
                assertNull(restarted.lastSyncAt(), "starting");
                CompletableFuture<Void> round = CompletableFuture.runAsync(() -> {
                    try {
                        restarted.syncOnce(600_000);
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                });
                try {
                    // a generous bound, far below the ten-minute poll the old first round made
                    round.get(60, TimeUnit.SECONDS);
                } catch (TimeoutException e) {
                    client.cancelInFlight();
                    throw new AssertionError("the first round after the restart long-polled in a quiet room");
                }
                assertNotNull(restarted.lastSyncAt(), "/health is ok after the first round");
                assertTrue(round.isDone());
            }
        }
    }
}
