package org.twimbot.curation;

import java.sql.SQLException;
import java.util.List;
import org.twimbot.catalog.HebbotImport;
import org.twimbot.catalog.HebbotImportNews;
import org.twimbot.store.Edition;
import org.twimbot.store.MediaEventsTable;
import org.twimbot.store.Placement;
import org.twimbot.store.Posted;
import org.twimbot.store.StoreTx;
import org.twimbot.store.Submission;

/**
 * Puts hebbot's stored news into the open edition, with its sections, projects, images and
 * videos, as if it had arrived through the room. Idempotent: news already stored is skipped.
 */
public final class HebbotNewsImporter {
    public static final String IMPORTER = "hebbot-import";

    private HebbotNewsImporter() {}

    /** @return how many news items were newly stored */
    public static int importInto(
            StoreTx tx,
            Edition openEdition,
            HebbotImport.Result config,
            List<HebbotImportNews.News> news,
            String roomId)
            throws SQLException {
        int stored = 0;
        for (HebbotImportNews.News n : news) {
            long ts = n.timestamp().toEpochMilli();
            var inserted = tx.submissions()
                    .insert(openEdition.id(), new Posted(n.eventId(), roomId, n.reporterId(), ts, n.message(), null));
            if (inserted.isEmpty()) continue;
            Submission s = inserted.get();
            stored++;
            if (n.reporterDisplayName() != null && !n.reporterDisplayName().isBlank()) {
                tx.members().upsert(roomId, n.reporterId(), n.reporterDisplayName(), "join");
            }
            for (String section : n.sectionKeys()) {
                tx.placements().add(s.id(), Placement.Kind.SECTION, section, null, IMPORTER, false, ts);
            }
            for (String project : n.projectKeys(config)) {
                tx.placements().add(s.id(), Placement.Kind.PROJECT, project, null, IMPORTER, false, ts);
            }
            for (HebbotImportNews.Media m : n.images()) tx.media().attach(s.id(), media(m, "image", n, roomId, ts));
            for (HebbotImportNews.Media m : n.videos()) tx.media().attach(s.id(), media(m, "video", n, roomId, ts));
        }
        return stored;
    }

    /** A hebbot media entry as a media event (an attachment keeps its id, kind, file name and address). */
    private static MediaEventsTable.MediaEvent media(
            HebbotImportNews.Media m, String kind, HebbotImportNews.News n, String roomId, long ts) {
        return new MediaEventsTable.MediaEvent(
                m.eventId(), roomId, n.reporterId(), ts, kind, m.fileName(), m.mxcUri(), null, null);
    }
}
