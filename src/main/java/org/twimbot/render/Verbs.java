package org.twimbot.render;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.zip.CRC32;

/**
 * Picks the verb of an item ("reports", "says", …). hebbot picked at random, so every render
 * reshuffled the post; a CRC32 of the event id is stable across runs, JVMs and platforms.
 */
public final class Verbs {
    private final List<String> verbs;

    public Verbs(List<String> verbs) {
        List<String> usable = verbs == null
                ? List.of()
                : verbs.stream()
                        .filter(v -> v != null && !v.isBlank())
                        .map(String::strip)
                        .toList();
        this.verbs = usable.isEmpty() ? List.of("reports") : usable;
    }

    public String forEvent(String eventId) {
        CRC32 crc = new CRC32();
        crc.update((eventId == null ? "" : eventId).getBytes(StandardCharsets.UTF_8));
        return verbs.get((int) (crc.getValue() % verbs.size()));
    }
}
