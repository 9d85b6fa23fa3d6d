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
 * catalog and no editor action (issue #18). The floors are what the model reaches today, with the targets
 * named beside them, so that a change that does better raises the floor.
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
        // issue #18 asks for 85% (16 of 18): met; the first name-matching filed 6. The 17th, Element iOS news from
        // its usual reporter naming no project, is placed since the clients section's keywords tell its section
        assertTrue(t.rightProject() >= 17, "known projects under the right project: " + t.rightProject());
        // issue #18 asks for at most 5% of all items (1 of 31): none; the first name-matching placed 4 wrongly
        assertTrue(t.wrong() == 0, "wrong: " + t.wrong());
        // issue #18 asks for 60% (8 of 13): met with the catalog's section keywords (a meetup, an article, a
        // plugin); left unplaced are a client and a project nobody reported before, a guide whose topic words are
        // another section's, and the IETF working group news filed under Spec
        assertTrue(t.rightSection() >= 9, "right section: " + t.rightSection());
        // issue #18: at least 60% of the proposals carry the published name
        assertTrue(
                t.proposals() >= 3 && t.proposalsRight() * 10 >= t.proposals() * 6,
                "proposals " + t.proposals() + ", right " + t.proposalsRight());
        // issue #18 asks for at most 0.3 per item (9 of 31): met (the unplaced items above, Nheko's news naming
        // neither the project nor its section, three proposals to confirm); the first name-matching needed 25
        assertTrue(t.editorActions() <= 8, "editor actions: " + t.editorActions());
    }
}
