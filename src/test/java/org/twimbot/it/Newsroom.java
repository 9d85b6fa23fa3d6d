package org.twimbot.it;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One test's world on the shared homeserver, all of it new: a bot account, an editor, submitters, a public
 * submissions room (by alias) and, unless one room serves both, a private editors room the bot is invited to.
 * The bot's configuration is written into the test's directory; secrets go through the environment.
 */
final class Newsroom {
    static final Duration WAIT = Duration.ofSeconds(120);

    final String baseUrl;
    final MatrixUser bot;
    final MatrixUser editor;
    final List<MatrixUser> people = new ArrayList<>();
    final String alias;
    final String roomId;
    final Path dir;

    /** How the newsroom's accounts are made: open registration, or the admin API. */
    @FunctionalInterface
    interface Registrar {
        MatrixUser register(String localpart, String displayName) throws IOException;
    }

    private Newsroom(String baseUrl, Path dir, int submitters, Registrar registrar) throws IOException {
        this.baseUrl = baseUrl;
        this.dir = dir;
        this.bot = registrar.register(Homeserver.unique("bot"), "TWIM bot");
        this.editor = registrar.register(Homeserver.unique("editor"), "Edith Editor");
        String[] names = {"Alice", "Bob", "Carol", "Dave", "Erin", "Frank"};
        for (int i = 0; i < submitters; i++) {
            people.add(registrar.register(
                    Homeserver.unique(names[i % names.length].toLowerCase()), names[i % names.length]));
        }
        String aliasLocalpart = Homeserver.unique("twim");
        this.roomId = editor.createPublicRoom(aliasLocalpart);
        this.alias = "#" + aliasLocalpart + ":" + bot.userId.substring(bot.userId.indexOf(':') + 1);
        for (MatrixUser p : people) p.join(roomId);
    }

    /** A new newsroom on the suite's homeserver with {@code submitters} people in it. */
    static Newsroom create(Path dir, int submitters) throws IOException {
        return create(Homeserver.url(), dir, submitters);
    }

    static Newsroom create(String baseUrl, Path dir, int submitters) throws IOException {
        return new Newsroom(
                baseUrl, dir, submitters, (localpart, name) -> MatrixUser.register(baseUrl, localpart, name));
    }

    static Newsroom create(String baseUrl, Path dir, int submitters, Registrar registrar) throws IOException {
        return new Newsroom(baseUrl, dir, submitters, registrar);
    }

    MatrixUser person(int i) {
        return people.get(i);
    }

    /** Writes config.yaml for the bot with {@code extra} YAML appended (whole top-level blocks). */
    Path writeConfig(String extra) throws IOException {
        return writeConfig(baseUrl, extra);
    }

    /** The same with the bot reaching the homeserver at {@code url} (a proxy in front of it). */
    Path writeConfig(String url, String extra) throws IOException {
        Files.createDirectories(dir);
        Path config = dir.resolve("config.yaml");
        Files.writeString(
                config,
                """
                homeserver:
                  url: "%s"
                  user_id: "%s"
                rooms:
                  submissions: "%s"
                %seditors:
                  users: ["%s"]
                store:
                  path: "%s"
                media:
                  dir: "%s"
                """.formatted(
                                        url,
                                        bot.userId,
                                        alias,
                                        editorsRoomLine(extra),
                                        editor.userId,
                                        dir.resolve("twimbot.db"),
                                        dir.resolve("media"))
                        + extra.replaceAll("(?m)^rooms:\\n  editors: .*\\n", ""));
        return config;
    }

    /** {@code rooms.editors} given in the extra YAML goes into the rooms block (YAML keys are unique). */
    private static String editorsRoomLine(String extra) {
        Matcher m = Pattern.compile("(?m)^rooms:\\n  (editors: .*)$").matcher(extra);
        return m.find() ? "  " + m.group(1) + "\n" : "";
    }

    /** The bot process configured with the account's password (it logs in itself). */
    BotProcess botWithPassword(String extraConfig) throws IOException {
        return new BotProcess(writeConfig(extraConfig), Map.of("TWIMBOT_PASSWORD", bot.password));
    }

    /** The bot process configured with an access token. */
    BotProcess botWithToken(String extraConfig) throws IOException {
        return new BotProcess(writeConfig(extraConfig), Map.of("TWIMBOT_ACCESS_TOKEN", bot.accessToken));
    }

    /** The room as the editor sees it, oldest first. */
    List<JsonNode> timeline() throws IOException {
        return editor.messages(roomId, 20_000);
    }

    /** The bot's events in the room (messages, reactions, redactions), oldest first. */
    List<JsonNode> botEvents() throws IOException {
        List<JsonNode> mine = new ArrayList<>();
        for (JsonNode e : timeline()) {
            if (bot.userId.equals(e.path("sender").asText()) && !e.has("state_key")) mine.add(e);
        }
        return mine;
    }

    /** The bot's reactions to {@code eventId} with {@code key}. */
    long botReactions(List<JsonNode> events, String eventId, String key) {
        return events.stream()
                .filter(e -> isReaction(e, eventId, key)
                        && bot.userId.equals(e.path("sender").asText()))
                .count();
    }

    static boolean isReaction(JsonNode e, String eventId, String key) {
        JsonNode rel = e.path("content").path("m.relates_to");
        return "m.reaction".equals(e.path("type").asText())
                && eventId.equals(rel.path("event_id").asText())
                && (key == null || key.equals(rel.path("key").asText()));
    }

    /** Waits until the bot acknowledged every one of {@code eventIds} with ✍️. */
    void awaitAcks(List<String> eventIds) throws Exception {
        Eventually.until("the bot acknowledges " + eventIds.size() + " submissions", WAIT, () -> {
            List<JsonNode> events = botEvents();
            return eventIds.stream().allMatch(id -> botReactions(events, id, "✍️") > 0);
        });
    }

    void awaitAck(String eventId) throws Exception {
        awaitAcks(List.of(eventId));
    }

    /** Waits for the first bot message after {@code afterEventId} that {@code matches}; returns it. */
    JsonNode awaitBotMessage(String afterEventId, String what, Predicate<JsonNode> matches) throws Exception {
        return Eventually.await("a bot message: " + what, WAIT, () -> {
            boolean after = afterEventId == null;
            for (JsonNode e : timeline()) {
                if (!after) {
                    after = e.path("event_id").asText().equals(afterEventId);
                    continue;
                }
                if (bot.userId.equals(e.path("sender").asText())
                        && "m.room.message".equals(e.path("type").asText())
                        && matches.test(e)) return e;
            }
            return null;
        });
    }

    /** A bot notice after {@code afterEventId} whose body contains {@code text}. */
    JsonNode awaitNotice(String afterEventId, String text) throws Exception {
        return awaitBotMessage(
                afterEventId,
                "notice containing \"" + text + "\"",
                e -> e.path("content").path("body").asText().contains(text));
    }

    /** A file the bot uploads after {@code afterEventId} whose name starts with {@code prefix}. */
    JsonNode awaitFile(String afterEventId, String prefix) throws Exception {
        return awaitBotMessage(
                afterEventId,
                "file " + prefix + "*",
                e -> "m.file".equals(e.path("content").path("msgtype").asText())
                        && e.path("content").path("body").asText().startsWith(prefix));
    }

    /** The content of a file the bot uploaded, as text. */
    String fileText(JsonNode fileEvent) throws IOException {
        return new String(editor.download(fileEvent.path("content").path("url").asText()), StandardCharsets.UTF_8);
    }
}
