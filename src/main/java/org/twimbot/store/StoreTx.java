package org.twimbot.store;

import java.sql.Connection;

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
        this.pongs = new PongsTable(st);
    }

    /** Runs the writes still queued; the transaction is about to commit. */
    void beforeCommit() throws java.sql.SQLException {
        st.flush();
    }

    /** The transaction ended (committed or rolled back): nothing of it may carry over to the next. */
    void afterEnd(boolean committed) {
        if (!committed) {
            st.discard();
            messages.forgetUsage();
        }
        processed.forgetPrefetched();
        editions.forget();
        edits.forget();
        submissions.forget();
    }

    public SettingsTable settings() { return settings; }

    public ProcessedEventsTable processed() { return processed; }

    public EditionsTable editions() { return editions; }

    public SubmissionsTable submissions() { return submissions; }

    public PlacementsTable placements() { return placements; }

    public MediaTable media() { return media; }

    public MembersTable members() { return members; }

    public OutboxTable outbox() { return outbox; }

    public MessagesTable messages() { return messages; }

    public RejectionsTable rejections() { return rejections; }

    public CatalogProjectsTable catalogProjects() { return catalogProjects; }

    public EditsTable edits() { return edits; }

    public MediaEventsTable mediaEvents() { return mediaEvents; }

    public PongsTable pongs() { return pongs; }
}
