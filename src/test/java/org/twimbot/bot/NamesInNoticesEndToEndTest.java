package org.twimbot.bot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.twimbot.matrix.RoomEvent;

/**
 * The bot's notices name people by display name, not by raw id: with a pill (and an m.mentions
 * entry, so their client notifies them) when the notice is addressed to them, as plain text where
 * it only mentions them (a status list must not ping everyone in it).
 */
class NamesInNoticesEndToEndTest {
    @TempDir
    Path dir;

    private static RoomEvent awaitNotice(BotHarness h, Predicate<String> body) throws Exception {
        return h.week.editor()
                .await(
                        h.week.roomId(),
                        e -> h.week.botUserId().equals(e.sender())
                                && "m.notice".equals(e.msgtype())
                                && e.body() != null
                                && body.test(e.body()),
                        Duration.ofSeconds(30))
                .orElseThrow(() -> new AssertionError("no such notice"));
    }

    private static List<String> mentioned(RoomEvent e) {
        List<String> ids = new ArrayList<>();
        e.content().path("m.mentions").path("user_ids").forEach(n -> ids.add(n.asText()));
        return ids;
    }

    @Test
    void aRefusalAddressesTheSenderByNameWithAPillAndAStatusListNamesWithoutPinging() throws Exception {
        try (BotHarness h = new BotHarness(dir, Clock.systemUTC())) {
            h.startBot();
            String bobId = h.week.person("bob").userId();
            String news = h.week.person("alice")
                    .say(
                            h.week.roomId(),
                            "TWIM: Nheko now supports threads and polls, " + "and the settings screen was redone.");
            h.week.editor().catchUp();
            h.week.person("bob").say(h.week.roomId(), "!status");
            RoomEvent refusal = awaitNotice(h, b -> b.contains("only editors can use bot commands"));
            assertTrue(refusal.body().startsWith("Sorry Bob, "), refusal.body());
            assertFalse(refusal.body().contains(bobId), refusal.body());
            assertTrue(
                    refusal.formattedBody() != null
                            && refusal.formattedBody()
                                    .contains("<a href=\"https://matrix.to/#/" + bobId + "\">Bob</a>"),
                    String.valueOf(refusal.formattedBody()));
            assertEquals(List.of(bobId), mentioned(refusal), "Bob is notified");

            h.week.editor().catchUp();
            h.week.editor().say(h.week.roomId(), "!status");
            RoomEvent status = awaitNotice(h, b -> b.startsWith("Edition "));
            assertTrue(status.body().contains(" Alice — "), status.body());
            assertFalse(status.body().contains(h.week.person("alice").userId()), status.body());
            assertEquals(List.of(), mentioned(status), "a list pings nobody");
            assertTrue(news.startsWith("$"));
        }
    }
}
