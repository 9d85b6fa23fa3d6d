package org.twimbot.devserver;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** /versions, register (UIA with m.login.dummy), login, logout, whoami. */
final class AccountHandlers {
    private final Homeserver hs;
    private final List<String> versions;

    AccountHandlers(Homeserver hs, List<String> versions) {
        this.hs = hs;
        this.versions = versions;
    }

    List<Route> routes() {
        return List.of(
                Route.of(
                        "GET",
                        "versions",
                        false,
                        c -> Reply.ok(Map.of("versions", versions, "unstable_features", Map.of()))),
                Route.of("POST", "client/register", false, this::register),
                Route.of("GET", "client/register/available", false, this::available),
                Route.of(
                        "GET",
                        "client/login",
                        false,
                        c -> Reply.ok(Map.of("flows", List.of(Map.of("type", "m.login.password"))))),
                Route.of("POST", "client/login", false, this::login),
                Route.of("POST", "client/logout", true, this::logout),
                Route.of("GET", "client/account/whoami", true, this::whoami),
                Route.of("GET", "client/capabilities", true, c -> Reply.ok(capabilities())));
    }

    private Reply register(Call c) {
        JsonNode body = c.json();
        if ("guest".equals(c.query("kind"))) {
            throw new MatrixError(403, "M_GUEST_ACCESS_FORBIDDEN", "Guest access is disabled");
        }
        String username = Json.optText(body, "username");
        String password = Json.optText(body, "password");
        JsonNode auth = body.get("auth");
        synchronized (hs.lock) {
            if (username != null) {
                Accounts.validateLocalpart(username);
                if (hs.accounts.exists(hs.accounts.userId(username))) {
                    throw new MatrixError(400, "M_USER_IN_USE", "User ID already taken.");
                }
            }
            if (auth == null
                    || !auth.isObject()
                    || !"m.login.dummy".equals(auth.path("type").asText())) {
                // first leg of User-Interactive Auth: tell the client which flow to complete
                return Reply.status(401, uiaChallenge(auth));
            }
            if (password == null) {
                throw MatrixError.missingParam("password");
            }
            String localpart = username != null ? username : hs.accounts.generateLocalpart();
            Accounts.Account account = hs.accounts.create(localpart, password);
            Map<String, Object> out = new LinkedHashMap<>();
            out.put("user_id", account.userId());
            out.put("home_server", hs.serverName);
            if (!body.path("inhibit_login").asBoolean(false)) {
                LoggedInDevice s = hs.accounts.login(account.userId(), Json.optText(body, "device_id"));
                out.put("access_token", s.accessToken());
                out.put("device_id", s.deviceId());
            }
            return Reply.ok(out);
        }
    }

    private static Map<String, Object> uiaChallenge(JsonNode auth) {
        Map<String, Object> out = new LinkedHashMap<>();
        String session = auth != null && auth.path("session").isTextual()
                ? auth.path("session").asText()
                : Ids.session();
        out.put("flows", List.of(Map.of("stages", List.of("m.login.dummy"))));
        out.put("params", Map.of());
        out.put("session", session);
        return out;
    }

    private Reply available(Call c) {
        String username = c.query("username");
        if (username == null) {
            throw MatrixError.missingParam("username");
        }
        synchronized (hs.lock) {
            Accounts.validateLocalpart(username);
            if (hs.accounts.exists(hs.accounts.userId(username))) {
                throw new MatrixError(400, "M_USER_IN_USE", "User ID already taken.");
            }
        }
        return Reply.ok(Map.of("available", true));
    }

    private Reply login(Call c) {
        JsonNode body = c.json();
        String type = Json.requireText(body, "type");
        if (!type.equals("m.login.password")) {
            throw new MatrixError(400, "M_UNKNOWN", "Unknown login type " + type);
        }
        String user = loginUser(body);
        String password = Json.requireText(body, "password");
        synchronized (hs.lock) {
            String userId = hs.accounts.toUserId(user);
            Accounts.Account account = hs.accounts.get(userId);
            if (account == null || !account.password().equals(password)) {
                throw MatrixError.forbidden("Invalid username or password");
            }
            LoggedInDevice s = hs.accounts.login(userId, Json.optText(body, "device_id"));
            Map<String, Object> out = new LinkedHashMap<>();
            out.put("user_id", userId);
            out.put("access_token", s.accessToken());
            out.put("device_id", s.deviceId());
            out.put("home_server", hs.serverName);
            return Reply.ok(out);
        }
    }

    /** identifier {type m.id.user, user}, or the deprecated top-level "user". */
    private static String loginUser(JsonNode body) {
        JsonNode identifier = body.get("identifier");
        if (identifier != null && identifier.isObject()) {
            String idType = Json.requireText(identifier, "type");
            if (!idType.equals("m.id.user")) {
                throw new MatrixError(400, "M_UNKNOWN", "Unknown login identifier type " + idType);
            }
            return Json.requireText(identifier, "user");
        }
        String user = Json.optText(body, "user");
        if (user == null) {
            throw MatrixError.missingParam("identifier");
        }
        return user;
    }

    private Reply logout(Call c) {
        synchronized (hs.lock) {
            hs.accounts.logout(c.session().accessToken());
        }
        return Reply.ok(Map.of());
    }

    /** Password changes are not implemented, so they are advertised as disabled. */
    private static Map<String, Object> capabilities() {
        Map<String, Object> versions =
                Map.of("default", RoomCreator.ROOM_VERSION, "available", Map.of(RoomCreator.ROOM_VERSION, "stable"));
        return Map.of(
                "capabilities",
                Map.of(
                        "m.change_password",
                        Map.of("enabled", false),
                        "m.room_versions",
                        versions,
                        "m.set_displayname",
                        Map.of("enabled", true),
                        "m.set_avatar_url",
                        Map.of("enabled", false),
                        "m.3pid_changes",
                        Map.of("enabled", false)));
    }

    private Reply whoami(Call c) {
        return Reply.ok(Map.of("user_id", c.userId(), "device_id", c.session().deviceId(), "is_guest", false));
    }
}
