package org.twimbot.config;

import java.nio.file.Path;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.ZoneId;
import java.util.List;
import org.twimbot.catalog.Catalog;

/**
 * The validated configuration. Every field is non-null after {@link ConfigLoader}; optional
 * strings are empty rather than null, except the secrets, which are null when not configured.
 * {@link #toString()} of the secret-holding record masks them.
 */
public record BotConfig(
        Homeserver homeserver,
        Rooms rooms,
        Editors editors,
        Store store,
        Media media,
        Submissions submissions,
        Curation curation,
        Commands commands,
        Edition edition,
        Render render,
        Logging logging,
        Http http,
        Catalog catalog) {

    /** {@code homeserver.*}: where and who the bot is. accessToken/password: null when absent. */
    public record Homeserver(String url, String userId, String accessToken, String password, String deviceName) {
        @Override
        public String toString() {
            return "Homeserver[url=" + url + ", userId=" + userId
                    + ", accessToken=" + (accessToken == null ? "none" : "***")
                    + ", password=" + (password == null ? "none" : "***")
                    + ", deviceName=" + deviceName + "]";
        }
    }

    /**
     * {@code rooms.*}: alias or id; editors defaults to submissions; ping (Dept of Ping: the room whose ping bot
     * answers are ranked, {@code #ping:maunium.net}) is empty when not configured.
     */
    public record Rooms(String submissions, String editors, String ping) {
        public Rooms(String submissions, String editors) {
            this(submissions, editors, "");
        }

        public boolean hasPing() {
            return ping != null && !ping.isEmpty();
        }
    }

    /** {@code editors.*}: minPowerLevel null when not configured. */
    public record Editors(List<String> users, Integer minPowerLevel, boolean startNotice) {}

    /** {@code store.*}. */
    public record Store(Path path) {}

    /** {@code media.*}. */
    /**
     * @param maxPerItem attachments one submission may have; more are refused with an audit line
     * @param cacheMaxBytes the downloaded media kept between drafts (by mxc URI), least recently used evicted first
     */
    public record Media(Path dir, long maxBytes, Duration attachWindow, int maxPerItem, long cacheMaxBytes) {}

    /** {@code submissions.*}: ackText empty = no ack notice; {user} is replaced by the submitter. */
    public record Submissions(int minLength, int maxLength, String ackReaction, String ackText, String submitEmoji) {}

    /** {@code curation.*}. */
    public record Curation(boolean autoAssign, String rejectEmoji) {}

    /** {@code commands.*}. */
    public record Commands(String prefix) {}

    /** {@code edition.*}. */
    public record Edition(DayOfWeek weekday, ZoneId timezone) {}

    /**
     * {@code render.*}: template empty = the default inside the jar. titlePattern and pathPattern
     * use {date} (YYYY-MM-DD) and {year}/{month}/{day}.
     */
    public record Render(
            String template,
            List<String> verbs,
            String imagePrefix,
            String videoMarkdown,
            String titlePattern,
            String pathPattern,
            String category,
            String submissionsRoomLink,
            String author) {}

    /** {@code logging.*}. */
    public record Logging(String level) {}

    /**
     * {@code http.*}: healthPort 0 = off; healthAddress the IP address the endpoint listens on (an IP literal,
     * validated, so binding it never asks DNS; 0.0.0.0 or :: for every interface).
     */
    public record Http(int healthPort, String healthAddress, Duration staleAfter) {
        /** The loopback address: the endpoint is for a health check on the same host (or in the same container). */
        public static final String LOOPBACK = "127.0.0.1";
    }
}
