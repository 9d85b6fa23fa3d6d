package org.twimbot.publish;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.twimbot.catalog.Catalog;
import org.twimbot.catalog.Project;
import org.twimbot.catalog.Section;
import org.twimbot.render.DraftItem;
import org.twimbot.render.DraftRequest;
import org.twimbot.store.Placement;
import org.twimbot.store.StoreTx;
import org.twimbot.store.Submission;

/** The plain-text body of the {@code !draft} notice: items per section and what an editor should look at. */
public final class DraftSummary {
    private DraftSummary() {}

    public static String of(DraftRequest request, Catalog catalog, List<Submission> submissions) {
        return of(request, catalog, submissions, Map.of());
    }

    /**
     * The bot's own placements that no editor has confirmed yet, item number → placement key, for the summary
     * to list apart from the editors' decisions: a guess must not read like a decision.
     */
    public static Map<Integer, String> botPlacements(StoreTx tx, List<Submission> submissions) throws SQLException {
        Map<Integer, String> placed = new TreeMap<>();
        for (Submission s : submissions) {
            if (!s.live()) continue;
            List<Placement> active = tx.placements().active(s.id());
            if (!active.isEmpty() && active.stream().allMatch(Placement::provisional))
                placed.put(s.number(), active.get(0).key());
        }
        return placed;
    }

    public static String of(
            DraftRequest request, Catalog catalog, List<Submission> submissions, Map<Integer, String> botPlaced) {
        Map<String, Integer> perSection = new LinkedHashMap<>();
        for (Section s : catalog.sections()) perSection.put(s.title(), 0);
        List<String> unassigned = new ArrayList<>();
        List<String> several = new ArrayList<>();
        for (DraftItem item : request.items()) {
            List<String> titles = sectionTitles(item, catalog);
            if (titles.isEmpty()) unassigned.add("#" + item.number());
            if (item.sectionKeys().size() + item.projectKeys().size() > 1) several.add("#" + item.number());
            for (String t : titles) perSection.merge(t, 1, Integer::sum);
        }
        List<String> edited = new ArrayList<>();
        for (Submission s : submissions) {
            if (s.live() && s.editedTs() != null && s.draftedTs() != null && s.editedTs() > s.draftedTs()) {
                edited.add("#" + s.number());
            }
        }
        StringBuilder sb = new StringBuilder("Draft for " + request.editionDate() + ": "
                + request.items().size() + (request.items().size() == 1 ? " item" : " items"));
        perSection.forEach((title, n) -> {
            if (n > 0) sb.append("\n- ").append(title).append(": ").append(n);
        });
        List<String> warnings = new ArrayList<>();
        if (!botPlaced.isEmpty()) {
            List<String> guesses = new ArrayList<>();
            botPlaced.forEach((number, key) -> guesses.add("#" + number + " → " + describe(catalog, key)));
            warnings.add(botPlaced.size() + " placed by the bot, not yet confirmed: " + String.join(", ", guesses));
        }
        if (!unassigned.isEmpty())
            warnings.add("unassigned (under TODO UNKNOWN SECTION): " + String.join(", ", unassigned));
        if (!several.isEmpty()) warnings.add("placed more than once: " + String.join(", ", several));
        if (!edited.isEmpty()) warnings.add("edited since the last draft: " + String.join(", ", edited));
        if (!warnings.isEmpty()) {
            sb.append("\nWarnings:");
            warnings.forEach(w -> sb.append("\n⚠ ").append(w));
        }
        return sb.toString();
    }

    private static String describe(Catalog catalog, String key) {
        return catalog.projectByKey(key)
                .map(Project::title)
                .or(() -> catalog.sectionByKey(key).map(Section::title))
                .orElse(key);
    }

    /** Where an item renders: its section keys, else its projects' default sections. */
    static List<String> sectionTitles(DraftItem item, Catalog catalog) {
        List<String> titles = new ArrayList<>();
        for (String key : item.sectionKeys()) catalog.sectionByKey(key).ifPresent(s -> titles.add(s.title()));
        if (titles.isEmpty()) {
            for (String key : item.projectKeys()) {
                Optional<Section> s =
                        catalog.projectByKey(key).map(Project::section).flatMap(catalog::sectionByKey);
                s.ifPresent(sec -> {
                    if (!titles.contains(sec.title())) titles.add(sec.title());
                });
            }
        }
        return titles;
    }
}
