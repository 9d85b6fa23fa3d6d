package org.twimbot.ping;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * One delay measured by the ping bot: {@code server} is the homeserver of the user who sent {@code !ping},
 * {@code ms} how long the ping took to reach the bot.
 *
 * <p>maubot's echo plugin answers {@code !ping} with an {@code m.notice} whose content carries, beside the
 * text meant for people, {@code "pong": {"ms": 318, "from": "neko.dev", "ping": "$event"}}. Only that object
 * is read: the text ("… took 1.2 seconds to arrive") is for reading, and anyone can type it.
 */
public record Pong(String server, long ms) {
    /**
     * A week: longer is not a delay worth ranking but a stuck queue or a wrong clock. Negative delays (the
     * sender's server clock ahead of the bot's) measure clocks, not federation, and are dropped too.
     */
    public static final long MAX_MS = 7L * 24 * 3600 * 1000;
    /** A Matrix server name: a DNS name, IPv4 or [IPv6] literal, optionally with a port. */
    private static final Pattern SERVER_NAME = Pattern.compile(
            "(?:[a-z0-9](?:[a-z0-9-]{0,62}[a-z0-9])?(?:\\.[a-z0-9](?:[a-z0-9-]{0,62}[a-z0-9])?)*|\\[[0-9a-f:.]{2,45}])"
                    + "(?::[0-9]{1,5})?");

    public Pong {
        if (!isServerName(server)) throw new IllegalArgumentException("not a server name: " + server);
        if (ms < 0 || ms > MAX_MS) throw new IllegalArgumentException("delay out of range: " + ms);
    }

    /** The measurement in a ping bot's answer, or empty when the content is not one (people's messages, other bots). */
    public static Optional<Pong> parse(JsonNode content) {
        if (content == null || !"m.notice".equals(content.path("msgtype").asText(null))) return Optional.empty();
        JsonNode pong = content.get("pong");
        if (pong == null || !pong.isObject()) return Optional.empty();
        JsonNode ms = pong.get("ms");
        JsonNode from = pong.get("from");
        if (ms == null || !ms.isIntegralNumber() || !ms.canConvertToLong() || from == null || !from.isTextual()) {
            return Optional.empty();
        }
        String server = from.asText().toLowerCase(Locale.ROOT); // DNS names are case-insensitive: one row per server
        long delay = ms.asLong();
        if (!isServerName(server) || delay < 0 || delay > MAX_MS) return Optional.empty();
        return Optional.of(new Pong(server, delay));
    }

    /** Also what keeps the table cell safe: a server name holds no Markdown ({@code |}, {@code *}, {@code [}…). */
    static boolean isServerName(String s) {
        return s != null && s.length() <= 255 && SERVER_NAME.matcher(s).matches();
    }
}
