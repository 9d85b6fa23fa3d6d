package org.twimbot.render;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.twimbot.render.Fixtures.EDITION;
import static org.twimbot.render.Fixtures.GENERATED;
import static org.twimbot.render.Fixtures.item;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.twimbot.ping.PingBoard;
import org.twimbot.ping.PingTable;
import org.twimbot.ping.Pong;

/** The Dept of Ping section of the default template, against the 2022-10-28 post it imitates. */
class DeptOfPingTest {
    private static final List<DraftItem> ITEMS = List.of(
            item(1, "$a", "@a:example.org", "Ann", 1_000, "synapse news", List.of(), List.of("Synapse")),
            item(2, "$b", "@b:example.org", "Bob", 2_000, "nobody placed me", List.of(), List.of()));

    /** Delays whose medians are the post's: one server per row, two more that the top-10 cut leaves out. */
    private static List<Pong> maunium() {
        List<Pong> pongs = new ArrayList<>();
        add(pongs, "matrix.cirk2.de", 2523);
        add(pongs, "neko.dev", 318, 290, 40_000);
        add(pongs, "slow.example", 9000);
        add(pongs, "keks.club", 474);
        add(pongs, "alemann.dev", 531);
        add(pongs, "trygve.me", 530, 535);
        add(pongs, "utzutzutz.net", 588, 500, 600);
        add(pongs, "justinruiter.nl", 680, 681);
        add(pongs, "mozilla.org", 1290);
        add(pongs, "slower.example", 12_000, 2);
        add(pongs, "kittenface.studio", 1702);
        add(pongs, "rom4nik.pl", 1894);
        return pongs;
    }

    private static List<Pong> noSynapse() {
        List<Pong> pongs = new ArrayList<>();
        String[] servers = {
            "dendrite.matrix.org",
            "kumma.juttu.asia",
            "willian.wang",
            "frai.se",
            "grin.hu",
            "conduit.hazmat.jacksonchen666.com",
            "forlorn.day",
            "rustybever.be",
            "dendrite.s3cr3t.me",
            "valha.la"
        };
        long[][] delays = {
            {196, 197}, {244, 245}, {479}, {502, 503}, {509, 510}, {522, 523}, {727}, {879}, {1303}, {1547}
        };
        for (int i = 0; i < servers.length; i++) add(pongs, servers[i], delays[i]);
        return pongs;
    }

    private static void add(List<Pong> pongs, String server, long... delays) {
        for (long ms : delays) pongs.add(new Pong(server, ms));
    }

    private static String render(List<PingTable> ping) {
        DraftRequest request = new DraftRequest(EDITION, GENERATED, "Thib", "", ITEMS, ping);
        return new DraftRenderer(Fixtures.config()).render(request, Fixtures.catalog());
    }

    private static String reference() throws IOException {
        try (InputStream in = DeptOfPingTest.class.getResourceAsStream("reference/2022-10-28-this-week-in-matrix.md")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    private static String between(String text, String from, String to) {
        int start = text.indexOf(from);
        assertTrue(start >= 0, "no " + from + " in\n" + text);
        return text.substring(start, text.indexOf(to, start));
    }

    @Test
    void oneRoomRendersAsThePostsFirstTableTopTenByMedian() throws Exception {
        String draft = render(List.of(new PingTable("#ping:maunium.net", PingBoard.rank(maunium(), PingBoard.TOP))));
        String expected = between(reference(), "## Dept of Ping", "\n### [#ping-no-synapse");
        assertEquals(expected, between(draft, "## Dept of Ping", "\n## That's all I know"));
        assertFalse(draft.contains("slow.example") || draft.contains("slower.example"), "only the top ten");
    }

    @Test
    void twoRoomsRenderAsTheWholeSectionOfThePost() throws Exception {
        String draft = render(List.of(
                new PingTable("#ping:maunium.net", PingBoard.rank(maunium(), PingBoard.TOP)),
                new PingTable("#ping-no-synapse:maunium.net", PingBoard.rank(noSynapse(), PingBoard.TOP))));
        String expected = between(reference(), "## Dept of Ping", "\n\n## That's all I know");
        assertEquals(expected, between(draft, "## Dept of Ping", "\n## That's all I know"));
    }

    @Test
    void theSectionComesAfterEverySectionAndTheUnplacedNewsRightBeforeTheClosingLine() {
        String draft = render(List.of(new PingTable("#ping:maunium.net", PingBoard.rank(maunium(), 10))));
        int servers = draft.indexOf("## Dept of Servers");
        int todo = draft.indexOf("## " + DraftModel.UNASSIGNED_HEADING);
        int ping = draft.indexOf("## Dept of Ping");
        int closing = draft.indexOf("## That's all I know");
        assertTrue(servers > 0 && servers < todo && todo < ping && ping < closing, draft);
    }

    @Test
    void withoutAnswersOrWithoutAPingRoomTheDraftIsTheSameAsBefore() {
        String without = new DraftRenderer(Fixtures.config())
                .render(new DraftRequest(EDITION, GENERATED, "Thib", "", ITEMS), Fixtures.catalog());
        assertFalse(without.contains("Ping"));
        assertEquals(without, render(List.of()));
        assertEquals(
                without,
                render(List.of(new PingTable("#ping:maunium.net", List.of()))),
                "a quiet week: no empty table");
    }
}
