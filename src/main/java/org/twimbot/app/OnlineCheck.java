package org.twimbot.app;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.PrintStream;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.twimbot.config.BotConfig;
import org.twimbot.matrix.MatrixClient;
import org.twimbot.matrix.MatrixException;
import org.twimbot.matrix.Session;

/**
 * The part of {@code check-config} only the homeserver can answer, one ✔/✘ line per check: the server is a
 * Matrix homeserver, the secret logs in as {@code homeserver.user_id}, each room exists, the bot is joined or
 * invited, and in a joined room may send messages and reactions and can read it (not encrypted); the ping room
 * (rooms.ping) exists. A password is
 * checked with a throwaway session that is logged out again, so the bot's own device is left alone.
 */
final class OnlineCheck {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final List<String> POSTED_TYPES = List.of("m.room.message", "m.reaction");

    private final BotConfig config;
    private final MatrixClient client;
    private final PrintStream out;
    private boolean failed;

    private OnlineCheck(BotConfig config, MatrixClient client, PrintStream out) {
        this.config = config;
        this.client = client;
        this.out = out;
    }

    /** Runs every check it can; true when none failed. */
    static boolean run(BotConfig config, MatrixClient client, PrintStream out) {
        OnlineCheck check = new OnlineCheck(config, client, out);
        check.all();
        return !check.failed;
    }

    private void all() {
        String url = config.homeserver().url();
        try {
            client.versions();
            pass("homeserver " + url + " answers as a Matrix homeserver");
        } catch (MatrixException e) {
            fail("homeserver.url " + url + " is not a Matrix homeserver (GET /_matrix/client/versions: HTTP "
                    + e.httpStatus() + ")");
            return;
        } catch (IOException e) {
            fail("homeserver.url " + url + " cannot be reached (" + e.getClass().getSimpleName()
                    + "); is the URL right?");
            return;
        }
        Session session = identity();
        if (session == null) return;
        try {
            rooms();
            pingRoom();
        } finally {
            if (config.homeserver().accessToken() == null) logOut();
        }
    }

    /** The session the secret gives, when it belongs to the configured user; null (after a ✘) otherwise. */
    private Session identity() {
        BotConfig.Homeserver hs = config.homeserver();
        try {
            if (hs.accessToken() != null) {
                client.setAccessToken(hs.accessToken());
                Session s = client.whoami();
                if (!s.userId().equals(hs.userId())) {
                    fail("the access token belongs to " + s.userId() + ", not to homeserver.user_id " + hs.userId()
                            + "; use a token of " + hs.userId());
                    return null;
                }
                pass("the access token belongs to " + s.userId());
                return s;
            }
            Session s = client.loginWithPassword(hs.userId(), hs.password(), null, "twimbot check-config");
            pass("the password logs in as " + s.userId() + " (checked with a session logged out again)");
            return s;
        } catch (MatrixException e) {
            String what = hs.accessToken() != null ? "the access token" : "the password";
            fail("the homeserver refuses " + what + " of " + hs.userId() + " (HTTP " + e.httpStatus()
                    + (e.errcode() == null ? "" : " " + e.errcode()) + ")");
        } catch (IOException e) {
            fail("could not check the login (" + e.getClass().getSimpleName() + ")");
        }
        return null;
    }

    private void rooms() {
        Map<String, String> rooms = new LinkedHashMap<>();
        rooms.put("rooms.submissions", config.rooms().submissions());
        if (!config.rooms().editors().equals(config.rooms().submissions()))
            rooms.put("rooms.editors", config.rooms().editors());
        Map<String, String> ids = new LinkedHashMap<>();
        rooms.forEach((key, room) -> {
            String id = resolve(key, room);
            if (id != null) ids.put(key, id);
        });
        if (ids.isEmpty()) return;
        List<String> joined;
        List<String> invited;
        try {
            joined = client.joinedRooms();
            invited = client.sync(null, inviteFilter(ids.values()), 0).invitedRoomIds();
        } catch (IOException e) {
            fail("could not list the bot's rooms (" + e.getClass().getSimpleName() + ")");
            return;
        }
        ids.forEach((key, id) -> membership(key, id, joined.contains(id), invited.contains(id)));
    }

    /**
     * rooms.ping: only that it exists. The bot joins it at start (a public room needs no invite) and never posts
     * there, so neither membership nor power levels are for check-config to judge.
     */
    private void pingRoom() {
        if (config.rooms().hasPing()) resolve("rooms.ping", config.rooms().ping());
    }

    private String resolve(String key, String room) {
        if (!room.startsWith("#")) return room;
        try {
            String id = client.resolveAlias(room);
            pass(key + ": room " + room + " is " + id);
            return id;
        } catch (MatrixException e) {
            fail(key + ": "
                    + (e.isNotFound()
                            ? "alias " + room + " does not exist on the homeserver"
                            : "could not resolve " + room + " (HTTP " + e.httpStatus() + ")"));
        } catch (IOException e) {
            fail(key + ": could not resolve " + room + " (" + e.getClass().getSimpleName() + ")");
        }
        return null;
    }

    private void membership(String key, String roomId, boolean joined, boolean invited) {
        String bot = config.homeserver().userId();
        if (!joined && !invited) {
            fail(key + ": the bot is neither joined nor invited to " + roomId + "; invite " + bot
                    + " (the bot joins at start and accepts the invite)");
            return;
        }
        if (!joined) {
            pass(key + ": the bot is invited to " + roomId
                    + " (it joins at start; power levels are checked once it has)");
            return;
        }
        pass(key + ": the bot is joined to " + roomId);
        try {
            permissions(key, client.roomState(roomId, "m.room.power_levels", ""));
            if (client.roomState(roomId, "m.room.encryption", "") != null) {
                fail(key + ": " + roomId
                        + " is encrypted; the bot cannot read encrypted rooms (use an unencrypted room)");
            }
        } catch (IOException e) {
            fail(key + ": could not read the room's state (" + e.getClass().getSimpleName() + ")");
        }
    }

    /** The spec's rules: the user's level (users, else users_default) against the event's (events, else events_default). */
    private void permissions(String key, JsonNode levels) {
        String bot = config.homeserver().userId();
        int own = level(levels, "users", bot, "users_default");
        StringBuilder refused = new StringBuilder();
        for (String type : POSTED_TYPES) {
            int needed = level(levels, "events", type, "events_default");
            if (own < needed)
                refused.append(refused.length() == 0 ? "" : ", ")
                        .append(type)
                        .append(" (needs ")
                        .append(needed)
                        .append(')');
        }
        if (refused.length() == 0) {
            pass(key + ": the bot may send messages and reactions (its power level " + own + ")");
        } else {
            fail(key + ": the bot (power level " + own + ") may not send " + refused
                    + "; raise its power level or lower what the room requires");
        }
    }

    private static int level(JsonNode levels, String map, String name, String fallback) {
        if (levels == null) return 0; // no power levels event: everyone may send (spec defaults)
        JsonNode v = levels.path(map).path(name);
        if (!v.canConvertToInt()) v = levels.path(fallback);
        return v.canConvertToInt() ? v.asInt() : 0;
    }

    /** An inline filter that returns the invites to the configured rooms and nothing else worth the bytes. */
    private static String inviteFilter(Collection<String> roomIds) {
        ObjectNode filter = JSON.createObjectNode();
        filter.putObject("presence").putArray("not_types").add("*");
        filter.putObject("account_data").putArray("not_types").add("*");
        ObjectNode room = filter.putObject("room");
        roomIds.forEach(room.putArray("rooms")::add);
        room.putObject("timeline").put("limit", 0);
        room.putObject("state").putArray("types");
        room.putObject("ephemeral").putArray("not_types").add("*");
        room.putObject("account_data").putArray("not_types").add("*");
        return filter.toString();
    }

    private void logOut() {
        try {
            client.logout();
        } catch (IOException e) {
            out.println("note: the check's session could not be logged out ("
                    + e.getClass().getSimpleName() + "); remove the device 'twimbot check-config' in a client");
        }
    }

    private void pass(String line) {
        out.println("✔ " + line);
    }

    private void fail(String line) {
        failed = true;
        out.println("✘ " + line);
    }
}
