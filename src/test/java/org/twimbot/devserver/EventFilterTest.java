package org.twimbot.devserver;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.api.Test;

class EventFilterTest {
    private static StoredEvent event(String type, String sender, Map<String, Object> content) {
        return new StoredEvent(1, "$e", "!r:x", type, null, sender, 0, content, null, null, null, null, null);
    }

    private static EventFilter filter(String json) {
        return EventFilter.parse(Json.parseObject(json));
    }

    @Test
    void wildcardsAndNotTypes() {
        EventFilter f = filter("{\"types\":[\"m.room.*\"],\"not_types\":[\"m.room.member\"]}");
        assertTrue(f.matches(event("m.room.message", "@a:x", Map.of())));
        assertFalse(f.matches(event("m.room.member", "@a:x", Map.of())));
        assertFalse(f.matches(event("m.reaction", "@a:x", Map.of())));
        assertFalse(filter("{\"not_types\":[\"*\"]}").matches(event("m.reaction", "@a:x", Map.of())));
        assertTrue(EventFilter.glob("m.*.message", "m.room.message"));
        assertFalse(EventFilter.glob("m.room", "m.room.message"));
    }

    @Test
    void sendersRoomsAndUrls() {
        assertFalse(filter("{\"not_senders\":[\"@a:x\"]}").matches(event("m.room.message", "@a:x", Map.of())));
        assertTrue(filter("{\"senders\":[\"@a:x\"]}").matches(event("m.room.message", "@a:x", Map.of())));
        assertFalse(filter("{\"rooms\":[\"!other:x\"]}").matches(event("m.room.message", "@a:x", Map.of())));
        assertTrue(
                filter("{\"contains_url\":true}").matches(event("m.room.message", "@a:x", Map.of("url", "mxc://x/y"))));
        assertFalse(filter("{\"contains_url\":true}").matches(event("m.room.message", "@a:x", Map.of())));
    }
}
