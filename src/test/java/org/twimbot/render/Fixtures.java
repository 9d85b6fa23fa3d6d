package org.twimbot.render;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.zip.CRC32;
import org.twimbot.catalog.Catalog;
import org.twimbot.catalog.Project;
import org.twimbot.catalog.Section;
import org.twimbot.config.BotConfig;

/** Shared test data: a small catalog in the shape of TWIM's, the typical render config, item builders. */
final class Fixtures {
    private Fixtures() {}

    static final LocalDate EDITION = LocalDate.of(2022, 10, 28);
    static final Instant GENERATED = Instant.parse("2022-10-28T19:07:25.123Z");

    static BotConfig.Render config() {
        return config("");
    }

    static BotConfig.Render config(String template) {
        return new BotConfig.Render(
                template,
                List.of("reports", "says", "announces"),
                "/blog/img/",
                "> {{< video src=\"{file}\" >}}",
                "This Week in Matrix {date}",
                "/blog/{year}/{month}/{day}/this-week-in-matrix-{date}",
                "This Week in Matrix",
                "#twim:matrix.org",
                "");
    }

    static Catalog catalog() {
        return new Catalog(
                List.of(
                        new Section("clients", "📱", "Dept of Clients 📱", 30, List.of()),
                        new Section("spec", "📜", "Dept of Spec 📜", 10, List.of()),
                        new Section("servers", "🏢", "Dept of Servers 🏢", 20, List.of()),
                        new Section("bots", "🤖", "Dept of Bots 🤖", 40, List.of())),
                List.of(
                        new Project(
                                "Conduit",
                                "Conduit",
                                "Conduit is a simple, fast and reliable chat server powered by Matrix",
                                "https://conduit.rs",
                                "servers",
                                List.of(),
                                List.of()),
                        new Project(
                                "Synapse",
                                "Synapse",
                                "Synapse is a Matrix homeserver implementation developed by the matrix.org core team",
                                "https://github.com/matrix-org/synapse/",
                                "servers",
                                List.of(),
                                List.of()),
                        new Project(
                                "Telodendria",
                                "Telodendria",
                                "",
                                "https://telodendria.io",
                                "servers",
                                List.of(),
                                List.of()),
                        new Project(
                                "Nheko",
                                "Nheko",
                                "Desktop client for Matrix using Qt and C++17.",
                                "",
                                "clients",
                                List.of(),
                                List.of()),
                        new Project("Lost", "Lost", "", "", "nowhere", List.of(), List.of())));
    }

    static DraftItem item(
            int number,
            String eventId,
            String senderId,
            String senderName,
            long ts,
            String body,
            List<String> sections,
            List<String> projects) {
        return new DraftItem(number, eventId, senderId, senderName, ts, body, null, sections, projects, List.of());
    }

    static DraftItem html(int number, String eventId, String html, List<String> sections, List<String> projects) {
        return new DraftItem(
                number,
                eventId,
                "@someone:example.org",
                "Someone",
                1_000L * number,
                "plain fallback",
                html,
                sections,
                projects,
                List.of());
    }

    static DraftRequest request(List<DraftItem> items) {
        return new DraftRequest(EDITION, GENERATED, "Thib", "", items);
    }

    /** The verb computed independently of {@link Verbs}: CRC32 of the UTF-8 event id modulo the list size. */
    static String expectedVerb(String eventId) {
        CRC32 crc = new CRC32();
        crc.update(eventId.getBytes(StandardCharsets.UTF_8));
        return List.of("reports", "says", "announces").get((int) (crc.getValue() % 3));
    }

    static String render(List<DraftItem> items) {
        return new DraftRenderer(config()).render(request(items), catalog());
    }
}
