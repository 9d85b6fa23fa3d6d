package org.twimbot.devserver;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Profiles (display names only) and filter upload. */
final class ProfileHandlers {
    private final Homeserver hs;

    ProfileHandlers(Homeserver hs) {
        this.hs = hs;
    }

    List<Route> routes() {
        return List.of(
                Route.of("GET", "client/profile/{}", false, this::profile),
                Route.of("GET", "client/profile/{}/displayname", false, this::displayName),
                Route.of("PUT", "client/profile/{}/displayname", true, this::setDisplayName),
                Route.of("POST", "client/user/{}/filter", true, this::saveFilter),
                Route.of("GET", "client/user/{}/filter/{}", true, this::getFilter));
    }

    private Reply profile(Call c) {
        synchronized (hs.lock) {
            String userId = knownUser(c.param(0));
            Map<String, Object> out = new LinkedHashMap<>();
            String name = hs.accounts.displayName(userId);
            if (name != null) {
                out.put("displayname", name);
            }
            return Reply.ok(out);
        }
    }

    private Reply displayName(Call c) {
        synchronized (hs.lock) {
            String userId = knownUser(c.param(0));
            Map<String, Object> out = new LinkedHashMap<>();
            out.put("displayname", hs.accounts.displayName(userId));
            return Reply.ok(out);
        }
    }

    private String knownUser(String userId) {
        if (!hs.accounts.exists(userId)) {
            throw MatrixError.notFound("Profile was not found");
        }
        return userId;
    }

    /** Like Synapse, a new display name is propagated as a new m.room.member in every joined room. */
    private Reply setDisplayName(Call c) {
        JsonNode body = c.json();
        String name = Json.optText(body, "displayname");
        if (!c.param(0).equals(c.userId())) {
            throw MatrixError.forbidden("Cannot set another user's displayname");
        }
        synchronized (hs.lock) {
            hs.accounts.setDisplayName(c.userId(), name);
            for (Room room : hs.rooms()) {
                StoredEvent member = room.state("m.room.member", c.userId());
                if (member != null && "join".equals(member.membership())) {
                    Map<String, Object> content = Json.copy(member.content());
                    if (name == null) {
                        content.remove("displayname");
                    } else {
                        content.put("displayname", name);
                    }
                    hs.append(room, EventDraft.state(c.userId(), "m.room.member", c.userId(), content));
                }
            }
        }
        return Reply.ok(Map.of());
    }

    private Reply saveFilter(Call c) {
        JsonNode body = c.json();
        if (!c.param(0).equals(c.userId())) {
            throw MatrixError.forbidden("Cannot create filters for other users");
        }
        SyncRoomFilter.parse(body); // validate now rather than on first /sync
        synchronized (hs.lock) {
            return Reply.ok(Map.of("filter_id", hs.filters.save(c.userId(), body)));
        }
    }

    private Reply getFilter(Call c) {
        if (!c.param(0).equals(c.userId())) {
            throw MatrixError.forbidden("Cannot get filters for other users");
        }
        synchronized (hs.lock) {
            JsonNode filter = hs.filters.get(c.userId(), c.param(1));
            if (filter == null) {
                throw MatrixError.notFound("No such filter");
            }
            return Reply.ok(filter);
        }
    }
}
