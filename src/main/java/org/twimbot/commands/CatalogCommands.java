package org.twimbot.commands;

import java.sql.SQLException;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.twimbot.catalog.Catalog;
import org.twimbot.catalog.Project;
import org.twimbot.catalog.Section;
import org.twimbot.curation.BotContext;
import org.twimbot.intake.Action;
import org.twimbot.store.StoreTx;

/** The catalog in the room: {@code !projects [text]}, {@code !sections}, {@code !project add …}. */
final class CatalogCommands {
    private static final Logger log = LoggerFactory.getLogger(CatalogCommands.class);
    /** A room notice listing all 132 TWIM projects would drown the room; ask for a filter instead. */
    private static final int MAX_LISTED = 40;

    private final BotContext ctx;

    CatalogCommands(BotContext ctx) {
        this.ctx = ctx;
    }

    void register(Map<String, Command> commands) {
        commands.put(
                "projects",
                new Command("projects [text]", "the projects (whose key or title contains text)", this::projects));
        commands.put("sections", new Command("sections", "the sections with their emoji", this::sections));
        commands.put(
                "project-add",
                new Command(
                        "project add KEY | Title | section | website | description",
                        "add or change a project",
                        this::add));
    }

    private void projects(StoreTx tx, Action.Command c, Command.Answer a) throws SQLException {
        if (c.args().size() > 0 && "add".equalsIgnoreCase(c.args().get(0))) {
            add(tx, c, a);
            return;
        }
        String filter = c.rawArgs().toLowerCase(Locale.ROOT);
        List<Project> matching = ctx.catalog(tx).projects().stream()
                .filter(p -> filter.isEmpty()
                        || p.key().toLowerCase(Locale.ROOT).contains(filter)
                        || p.title().toLowerCase(Locale.ROOT).contains(filter))
                .toList();
        if (matching.isEmpty()) {
            a.hint("No project matches \"" + c.rawArgs() + "\".");
            return;
        }
        StringBuilder sb = new StringBuilder(matching.size() + (matching.size() == 1 ? " project" : " projects"));
        if (matching.size() > MAX_LISTED)
            sb.append(" (the first ").append(MAX_LISTED).append("; add a filter text to narrow)");
        sb.append(':');
        matching.stream()
                .limit(MAX_LISTED)
                .forEach(p -> sb.append("\n")
                        .append(p.key())
                        .append(" — ")
                        .append(p.title())
                        .append(" (")
                        .append(p.section().isEmpty() ? "no section" : p.section())
                        .append(')'));
        a.say(sb.toString());
    }

    private void sections(StoreTx tx, Action.Command c, Command.Answer a) throws SQLException {
        StringBuilder sb = new StringBuilder("Sections (react with the emoji to sort an item):");
        for (Section s : ctx.catalog(tx).sections()) {
            sb.append('\n')
                    .append(s.emoji())
                    .append(' ')
                    .append(s.title())
                    .append(" [")
                    .append(s.key())
                    .append(']');
        }
        a.say(sb.toString());
    }

    /** {@code !project add KEY | Title | section | website | description}; the same key again changes it. */
    private void add(StoreTx tx, Action.Command c, Command.Answer a) throws SQLException {
        String raw = c.rawArgs();
        if (raw.toLowerCase(Locale.ROOT).startsWith("add")) raw = raw.substring(3);
        List<String> parts =
                Arrays.stream(raw.split("\\|", -1)).map(String::strip).toList();
        String prefix = ctx.config().commands().prefix();
        if (parts.size() < 3 || parts.get(0).isEmpty() || parts.get(1).isEmpty()) {
            a.hint("Usage: " + prefix + "project add KEY | Title | section | website | description");
            return;
        }
        Catalog catalog = ctx.catalog(tx);
        String sectionKey = parts.get(2);
        Section section = catalog.sectionByKey(sectionKey)
                .or(() -> catalog.sectionByReaction(sectionKey))
                .orElse(null);
        if (section == null) {
            a.hint("I know no section \"" + sectionKey + "\". " + prefix + "sections lists them.");
            return;
        }
        String website = parts.size() > 3 ? parts.get(3) : "";
        if (!website.isEmpty() && !EditionCommands.isWebUrl(website)) {
            a.hint("\"" + website + "\" is not an http(s) link.");
            return;
        }
        String description = parts.size() > 4 ? String.join(" | ", parts.subList(4, parts.size())) : "";
        Project existing = catalog.projectByKey(parts.get(0)).orElse(null);
        Project p = new Project(
                existing != null ? existing.key() : parts.get(0),
                parts.get(1),
                description,
                website,
                section.key(),
                existing != null ? existing.aliases() : List.of(),
                existing != null ? existing.usualReporters() : List.of());
        tx.catalogProjects().put(p, c.origin().sender(), ctx.clock().millis());
        ctx.catalog().set(tx, catalog.withProjects(List.of(p)));
        log.info(
                "project {} {} by {}",
                p.key(),
                existing == null ? "added" : "changed",
                c.origin().sender());
        ctx.audit(
                tx,
                c.origin().eventId(),
                "Project " + p.key() + " ("
                        + p.title() + ", " + section.title() + ") " + (existing == null ? "added" : "changed") + " by "
                        + c.origin().sender());
    }
}
