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

    StoreTx(Connection connection) {
        Statements st = new Statements(connection);
        this.settings = new SettingsTable(st);
        this.processed = new ProcessedEventsTable(st);
        this.editions = new EditionsTable(st);
        this.submissions = new SubmissionsTable(st);
        this.placements = new PlacementsTable(st);
        this.media = new MediaTable(st);
        this.members = new MembersTable(st);
        this.outbox = new OutboxTable(st);
    }

    public SettingsTable settings() { return settings; }

    public ProcessedEventsTable processed() { return processed; }

    public EditionsTable editions() { return editions; }

    public SubmissionsTable submissions() { return submissions; }

    public PlacementsTable placements() { return placements; }

    public MediaTable media() { return media; }

    public MembersTable members() { return members; }

    public OutboxTable outbox() { return outbox; }
}
