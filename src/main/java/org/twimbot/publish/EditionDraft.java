package org.twimbot.publish;

import java.sql.SQLException;
import java.time.Instant;
import org.twimbot.catalog.Catalog;
import org.twimbot.render.DraftModel;
import org.twimbot.render.DraftRenderer;
import org.twimbot.render.DraftRequest;
import org.twimbot.store.Edition;
import org.twimbot.store.StoreTx;

/**
 * An edition's post as {@code !draft}, {@code twimbot draft} and the bench make it: the edition read in one
 * snapshot, its structure modelled once (for the post and its media list), then rendered.
 */
public record EditionDraft(Edition edition, DraftRequest request, DraftModel model, String markdown) {

    /** @param pingRoom rooms.ping as configured, "" for none (see {@link DraftSource#load}) */
    public static EditionDraft render(
            StoreTx tx,
            Edition edition,
            String author,
            Instant now,
            String pingRoom,
            Catalog catalog,
            DraftRenderer renderer)
            throws SQLException {
        DraftRequest request = DraftSource.load(tx, edition, author, now, pingRoom);
        DraftModel model = renderer.model(request, catalog);
        return new EditionDraft(edition, request, model, renderer.render(model, request));
    }

    /** The catalog in force: the configured one with the projects editors added since ({@code !project add}, proposals). */
    public static Catalog catalogInForce(StoreTx tx, Catalog configured) throws SQLException {
        return configured.withProjects(tx.catalogProjects().all());
    }
}
