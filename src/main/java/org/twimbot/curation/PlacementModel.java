package org.twimbot.curation;

import java.sql.SQLException;
import java.util.Objects;
import java.util.Optional;
import org.twimbot.catalog.Catalog;
import org.twimbot.catalog.Project;
import org.twimbot.placement.Decision;
import org.twimbot.placement.History;
import org.twimbot.placement.News;
import org.twimbot.placement.Placer;
import org.twimbot.store.Edition;
import org.twimbot.store.Placement;
import org.twimbot.store.PlacementsTable;
import org.twimbot.store.StoreTx;

/**
 * The placement model with what the editors confirmed in published editions as its history. Building it
 * reads the history and compiles the catalog's names, so it is kept until the catalog changes or another
 * edition is published.
 */
final class PlacementModel {
    /** The newest confirmed placements learned from: enough for a year of weekly editions. */
    static final int MAX_HISTORY = 5_000;

    private final BotContext ctx;
    private Catalog builtFor;
    private Long publishedFor;
    private Placer placer;

    PlacementModel(BotContext ctx) {
        this.ctx = ctx;
    }

    Decision decide(StoreTx tx, String sender, String body, String html) throws SQLException {
        return placer(tx).place(new News(sender, body, html));
    }

    private Placer placer(StoreTx tx) throws SQLException {
        Catalog catalog = ctx.catalog(tx);
        Long published = tx.editions().lastPublished().map(Edition::id).orElse(null);
        if (placer == null || builtFor != catalog || !Objects.equals(publishedFor, published)) {
            placer = new Placer(catalog, history(tx, catalog));
            builtFor = catalog;
            publishedFor = published;
        }
        return placer;
    }

    private static History history(StoreTx tx, Catalog catalog) throws SQLException {
        History.Learning learning = new History.Learning();
        for (PlacementsTable.Confirmed c : tx.placements().confirmed(MAX_HISTORY)) {
            if (c.kind() == Placement.Kind.PROJECT) {
                Optional<Project> p = catalog.projectByKey(c.key());
                learning.confirmed(
                        c.sender(),
                        c.key(),
                        p.map(Project::section).filter(s -> !s.isBlank()).orElse(null),
                        c.body());
            } else {
                learning.confirmed(c.sender(), null, c.key(), c.body());
            }
        }
        return learning.snapshot();
    }
}
