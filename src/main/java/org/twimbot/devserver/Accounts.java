package org.twimbot.devserver;

import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/** Users, their passwords, display names and access tokens. Guarded by the server lock. */
final class Accounts {
    private static final Pattern LOCALPART = Pattern.compile("[a-z0-9._=\\-/+]+");

    /** A registered user. The password is kept in clear: this is a throwaway dev server. */
    record Account(String userId, String password) {}

    private final String serverName;
    private final Map<String, Account> users = new HashMap<>();
    private final Map<String, String> displayNames = new HashMap<>();
    private final Map<String, LoggedInDevice> sessions = new HashMap<>();
    private int generated;

    Accounts(String serverName) {
        this.serverName = serverName;
    }

    String userId(String localpart) {
        return "@" + localpart + ":" + serverName;
    }

    /** Accepts a localpart or a full user id on this server. */
    String toUserId(String userOrLocalpart) {
        if (userOrLocalpart.startsWith("@")) {
            return userOrLocalpart;
        }
        return userId(userOrLocalpart.toLowerCase(Locale.ROOT));
    }

    static void validateLocalpart(String localpart) {
        if (localpart.isEmpty() || !LOCALPART.matcher(localpart).matches()) {
            throw new MatrixError(
                    400, "M_INVALID_USERNAME", "User ID can only contain characters a-z, 0-9, or '=_-./+'");
        }
    }

    boolean exists(String userId) {
        return users.containsKey(userId);
    }

    String generateLocalpart() {
        String candidate;
        do {
            candidate = "user" + (++generated);
        } while (exists(userId(candidate)));
        return candidate;
    }

    Account create(String localpart, String password) {
        validateLocalpart(localpart);
        String userId = userId(localpart);
        if (exists(userId)) {
            throw new MatrixError(400, "M_USER_IN_USE", "User ID already taken.");
        }
        Account account = new Account(userId, password);
        users.put(userId, account);
        displayNames.put(userId, localpart); // Synapse sets the localpart as initial display name
        return account;
    }

    Account get(String userId) {
        return users.get(userId);
    }

    LoggedInDevice login(String userId, String deviceId) {
        // re-using a device id keeps that device (and, like Synapse, its older tokens stay valid)
        String device = deviceId == null || deviceId.isEmpty() ? Ids.deviceId() : deviceId;
        LoggedInDevice session = new LoggedInDevice(Ids.accessToken(), userId, device);
        sessions.put(session.accessToken(), session);
        return session;
    }

    LoggedInDevice session(String token) {
        return sessions.get(token);
    }

    void logout(String token) {
        sessions.remove(token);
    }

    String displayName(String userId) {
        return displayNames.get(userId);
    }

    void setDisplayName(String userId, String name) {
        if (name == null) {
            displayNames.remove(userId);
        } else {
            displayNames.put(userId, name);
        }
    }

    int count() {
        return users.size();
    }
}
