package org.twimbot.placement;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.twimbot.config.ConfigLoader;

/**
 * The product measured on fixed published data: the two reference posts replayed with the embedded TWIM
 * catalog and no editor action (issue #18). The floors are what the model reaches today; the targets
 * that it does not reach yet are named beside them, so that a change that gets there raises the floor.
 */
class BacktestTest {

    private static String post(String name) throws IOException {
        try (InputStream in = BacktestTest.class.getResourceAsStream("/org/twimbot/render/reference/" + name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    private static Backtest.Totals replay() throws IOException {
        Backtest backtest = new Backtest(ConfigLoader.defaultCatalog(), Placer::new);
        List<Backtest.Row> rows = new ArrayList<>();
        for (String name : List.of("2020-11-27-this-week-in-matrix.md", "2022-10-28-this-week-in-matrix.md")) {
            rows.addAll(backtest.run(name, PublishedPost.parse(post(name))));
        }
        return Backtest.Totals.of(rows);
    }

    @Test
    void theReferenceWeeksAreFiledWithFewEditorActions() throws IOException {
        Backtest.Totals t = replay();
        System.out.print(t.text());
        assertEquals(31, t.items());
        assertEquals(18, t.knownItems());
        // issue #18 asks for 85% (16 of 18): met; the first name-matching filed 6
        assertTrue(t.rightProject() >= 16, "known projects under the right project: " + t.rightProject());
        // issue #18 asks for at most 5% of all items (1 of 31): none; the first name-matching placed 4 wrongly
        assertTrue(t.wrong() == 0, "wrong: " + t.wrong());
        // issue #18 asks for 60% (8 of 13); not reached: the other seven name no section in words the catalog or
        // the one earlier edition teaches (a meetup, a guide, press, a client and two projects nobody reported before)
        assertTrue(t.rightSection() >= 6, "right section: " + t.rightSection());
        // issue #18: at least 60% of the proposals carry the published name
        assertTrue(
                t.proposals() >= 3 && t.proposalsRight() * 10 >= t.proposals() * 6,
                "proposals " + t.proposals() + ", right " + t.proposalsRight());
        // issue #18 asks for at most 0.3 per item (9 of 31); not reached (the unplaced section items above, two
        // proposals to confirm); the first name-matching needed 25
        assertTrue(t.editorActions() <= 11, "editor actions: " + t.editorActions());
    }
}
