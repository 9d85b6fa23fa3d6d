package org.twimbot.devserver;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The spec's redaction algorithm (room version 11): which content keys survive. */
final class Redactor {
    private static final Map<String, List<String>> KEEP = Map.of(
            "m.room.member", List.of("membership", "join_authorised_via_users_server", "third_party_invite"),
            "m.room.join_rules", List.of("join_rule", "allow"),
            "m.room.power_levels",
                    List.of(
                            "ban",
                            "events",
                            "events_default",
                            "invite",
                            "kick",
                            "redact",
                            "state_default",
                            "users",
                            "users_default"),
            "m.room.history_visibility", List.of("history_visibility"),
            "m.room.redaction", List.of("redacts"));

    private Redactor() {}

    static Map<String, Object> strip(String type, Map<String, Object> content) {
        if (type.equals("m.room.create")) {
            return content; // v11 keeps the whole create content
        }
        Map<String, Object> kept = new LinkedHashMap<>();
        for (String key : KEEP.getOrDefault(type, List.of())) {
            if (content.containsKey(key)) {
                kept.put(key, content.get(key));
            }
        }
        if (type.equals("m.room.member") && kept.get("third_party_invite") instanceof Map<?, ?> tpi) {
            // only the "signed" part of a third-party invite survives
            kept.put("third_party_invite", tpi.containsKey("signed") ? Map.of("signed", tpi.get("signed")) : Map.of());
        }
        return kept;
    }
}
