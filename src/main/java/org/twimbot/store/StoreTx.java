package org.twimbot.store;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/** The tables, as seen inside one {@link Store#transaction}. Only valid during the transaction's work. */
public final class StoreTx {
    private final SettingsTable settings;
    private final ProcessedEventsTable processed;
    private final EditionsTable editions;
    private final SubmissionsTable submissions;
    private final PlacementsTable placements;
    private final MediaTable media;
    private final MembersTable members;
    private final OutboxTable outbox;
    private final MessagesTable messages;
    private final RejectionsTable rejections;
    private final CatalogProjectsTable catalogProjects;
    private final EditsTable edits;
    private final MediaEventsTable mediaEvents;
    private final FailedEventsTable failedEvents;
    private final PongsTable pongs;

    private final Statements st;

    /** Characters of text held by writes queued in this transaction (for the test of their bound). */
    long queuedChars() {
        return st.queuedChars();
    }

    StoreTx(Connection connection) {
        this.st = new Statements(connection);
        this.settings = new SettingsTable(st);
        this.processed = new ProcessedEventsTable(st);
        this.editions = new EditionsTable(st);
        this.submissions = new SubmissionsTable(st);
        this.placements = new PlacementsTable(st);
        this.media = new MediaTable(st);
        this.members = new MembersTable(st);
        this.outbox = new OutboxTable(st);
        this.messages = new MessagesTable(st);
        this.rejections = new RejectionsTable(st);
        this.catalogProjects = new CatalogProjectsTable(st);
        this.edits = new EditsTable(st);
        this.mediaEvents = new MediaEventsTable(st);
        this.failedEvents = new FailedEventsTable(st);
        this.pongs = new PongsTable(st);
    }

    /** What must happen in memory when the transaction ends: {@code onCommit}, or {@code onRollback} to undo. */
    private record Effect(Runnable onCommit, Runnable onRollback) {}

    private final List<Effect> effects = new ArrayList<>();

    /** Work on the store that may fail (see {@link #isolated}). */
    @FunctionalInterface
    public interface Step {
        void run() throws SQLException;
    }

    /**
     * Runs {@code step} so that if it fails only its own writes are undone: a savepoint, released when it succeeds
     * and rolled back when it throws. Memory changed through {@link #onEnd} inside it is undone with it, and what
     * the tables had looked up ahead is forgotten (it may have come from the undone writes).
     *
     * @return null when {@code step} succeeded, else what made it fail
     */
    public Exception isolated(Step step) throws SQLException {
        st.savepoint();
        int effectsBefore = effects.size();
        try {
            step.run();
        } catch (RuntimeException | SQLException e) {
            st.rollbackToSavepoint();
            undoEffects(effectsBefore);
            messages.forgetUsage();
            forgetLookups();
            return e;
        }
        st.releaseSavepoint();
        return null;
    }

    /**
     * Registers how memory follows this transaction: {@code onCommit} runs after it commits (in registration order),
     * {@code onRollback} when it, or the {@link #isolated} step that registered it, rolls back (latest first). State
     * other threads read changes only once its cause is committed, and never for a cause that was undone.
     */
    public void onEnd(Runnable onCommit, Runnable onRollback) {
        effects.add(new Effect(onCommit, onRollback));
    }

    private void undoEffects(int keep) {
        for (int i = effects.size() - 1; i >= keep; i--)
            effects.remove(i).onRollback().run();
    }

    /** Runs the writes still queued; the transaction is about to commit. */
    void beforeCommit() throws SQLException {
        st.flush();
    }

    /** The transaction ended (committed or rolled back): nothing of it may carry over to the next. */
    void afterEnd(boolean committed) {
        if (committed) {
            for (Effect e : effects) e.onCommit().run();
            effects.clear();
        } else {
            st.discard();
            messages.forgetUsage();
            undoEffects(0);
        }
        forgetLookups();
    }

    private void forgetLookups() {
        editions.forget();
    }

    public SettingsTable settings() {
        return settings;
    }

    public ProcessedEventsTable processed() {
        return processed;
    }

    public EditionsTable editions() {
        return editions;
    }

    public SubmissionsTable submissions() {
        return submissions;
    }

    public PlacementsTable placements() {
        return placements;
    }

    public MediaTable media() {
        return media;
    }

    public MembersTable members() {
        return members;
    }

    public OutboxTable outbox() {
        return outbox;
    }

    public MessagesTable messages() {
        return messages;
    }

    public RejectionsTable rejections() {
        return rejections;
    }

    public CatalogProjectsTable catalogProjects() {
        return catalogProjects;
    }

    public EditsTable edits() {
        return edits;
    }

    public MediaEventsTable mediaEvents() {
        return mediaEvents;
    }

    public FailedEventsTable failedEvents() {
        return failedEvents;
    }

    public PongsTable pongs() {
        return pongs;
    }
}
