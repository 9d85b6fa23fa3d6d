package org.twimbot.store;

import java.sql.SQLException;
import java.util.List;
import org.twimbot.catalog.Project;

/** Projects editors added or changed with {@code !project add}; they override the config file's. */
public final class CatalogProjectsTable {
    private final Statements st;

    CatalogProjectsTable(Statements st) {
        this.st = st;
    }

    public void put(Project p, String addedBy, long ts) throws SQLException {
        st.update(
                "INSERT INTO catalog_projects(key, title, section, website, description, added_by, added_ts) "
                        + "VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT(key) DO UPDATE SET title = excluded.title, "
                        + "section = excluded.section, website = excluded.website, description = excluded.description, "
                        + "added_by = excluded.added_by, added_ts = excluded.added_ts",
                p.key(),
                p.title(),
                p.section(),
                p.website(),
                p.description(),
                addedBy,
                ts);
    }

    public List<Project> all() throws SQLException {
        return st.list(
                "SELECT key, title, description, website, section FROM catalog_projects ORDER BY added_ts, key",
                rs -> new Project(
                        rs.getString(1),
                        rs.getString(2),
                        rs.getString(3),
                        rs.getString(4),
                        rs.getString(5),
                        List.of(),
                        List.of()));
    }
}
