package org.twimbot.render;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import org.twimbot.catalog.Catalog;
import org.twimbot.catalog.Project;
import org.twimbot.catalog.Section;

/**
 * Places items into sections and projects (see DESIGN "The draft"). Total orders everywhere, so
 * the input order of the items never shows in the output:
 * <ul>
 *   <li>sections by {@code order}, then catalog position;</li>
 *   <li>in a section: section-only items, then project blocks by their first item's (time, event id);</li>
 *   <li>items by (origin_server_ts, event id).</li>
 * </ul>
 * An item goes into every section of its section keys and under every project of its project keys;
 * a project block goes into the project's default section unless the item names sections, which
 * then override it. Items with no known key (or whose project has no known section) are unassigned. News
 * filed in the catalog's own section titled "TODO UNKNOWN SECTION" (TWIM's, from hebbot) joins them, so
 * the post has one such heading, the final one.
 */
public final class DraftAssembler {
    static final Comparator<DraftItem> ITEM_ORDER = Comparator.comparingLong(DraftItem::originServerTs)
            .thenComparing(DraftItem::eventId)
            .thenComparingInt(DraftItem::number);

    private final NewsFormatter formatter;

    public DraftAssembler(NewsFormatter formatter) {
        this.formatter = formatter;
    }

    /** Accumulates one section's content while items are placed. */
    private static final class SectionAcc {
        final List<RenderedNews> news = new ArrayList<>();
        final Map<String, List<RenderedNews>> projects = new LinkedHashMap<>();
        final Map<String, Project> projectByKey = new LinkedHashMap<>();
    }

    public DraftModel assemble(DraftRequest request, Catalog catalog) {
        List<DraftItem> items = new ArrayList<>(request.items());
        items.sort(ITEM_ORDER);
        Map<String, String> mediaNames = MediaNames.assign(request.editionDate(), items);

        Map<String, SectionAcc> bySection = new LinkedHashMap<>();
        List<RenderedNews> unassigned = new ArrayList<>();
        List<MediaFile> media = new ArrayList<>();
        for (DraftItem item : items) {
            RenderedNews news = formatter.format(item, mediaNames);
            media.addAll(news.media());
            List<Section> sections = known(item.sectionKeys(), catalog::sectionByKey);
            List<Project> projects = known(item.projectKeys(), catalog::projectByKey);
            boolean placed = false;
            if (projects.isEmpty()) {
                for (Section s : sections) {
                    acc(bySection, s).news.add(news);
                    placed = true;
                }
            }
            for (Project p : projects) {
                List<Section> targets = sections.isEmpty()
                        ? catalog.sectionByKey(p.section()).map(List::of).orElse(List.of())
                        : sections;
                for (Section s : targets) {
                    SectionAcc acc = acc(bySection, s);
                    acc.projectByKey.putIfAbsent(p.key(), p);
                    acc.projects
                            .computeIfAbsent(p.key(), k -> new ArrayList<>())
                            .add(news);
                    placed = true;
                }
            }
            if (!placed) unassigned.add(news);
        }
        Optional<Section> todo = unassignedSection(catalog);
        SectionAcc filedAsTodo =
                todo.isEmpty() ? null : bySection.remove(todo.get().key());
        if (filedAsTodo != null) {
            // one "TODO UNKNOWN SECTION" heading, the final one: news filed in the catalog's todo section joins it
            Set<RenderedNews> merged = new LinkedHashSet<>(unassigned);
            merged.addAll(filedAsTodo.news);
            filedAsTodo.projects.values().forEach(merged::addAll);
            unassigned.clear();
            unassigned.addAll(merged);
            unassigned.sort(Comparator.comparing(RenderedNews::item, ITEM_ORDER));
        }
        return new DraftModel(sectionBlocks(bySection, catalog), unassigned, distinct(media), request.ping());
    }

    /** A catalog section titled like the unassigned heading: TWIM's (hebbot's) "todo" section. */
    private static Optional<Section> unassignedSection(Catalog catalog) {
        return catalog.sections().stream()
                .filter(s -> s.title().strip().equalsIgnoreCase(DraftModel.UNASSIGNED_HEADING))
                .findFirst();
    }

    private static SectionAcc acc(Map<String, SectionAcc> bySection, Section s) {
        return bySection.computeIfAbsent(s.key(), k -> new SectionAcc());
    }

    private static List<SectionBlock> sectionBlocks(Map<String, SectionAcc> bySection, Catalog catalog) {
        List<Section> ordered = new ArrayList<>(catalog.sections());
        // stable sort: equal orders keep catalog position
        ordered.sort(Comparator.comparingInt(Section::order));
        List<SectionBlock> blocks = new ArrayList<>();
        Set<String> done = new LinkedHashSet<>();
        for (Section s : ordered) {
            SectionAcc acc = bySection.get(s.key());
            if (acc == null || !done.add(s.key())) continue;
            List<ProjectBlock> projects = new ArrayList<>();
            for (Map.Entry<String, List<RenderedNews>> e : acc.projects.entrySet()) {
                projects.add(new ProjectBlock(acc.projectByKey.get(e.getKey()), e.getValue()));
            }
            projects.sort(Comparator.<ProjectBlock, DraftItem>comparing(
                            b -> b.news().get(0).item(), ITEM_ORDER)
                    .thenComparing(b -> b.project().key()));
            blocks.add(new SectionBlock(s, acc.news, projects));
        }
        return blocks;
    }

    /** The catalog entries for the keys that exist, each once, in key order of the item. */
    private static <T> List<T> known(List<String> keys, Function<String, Optional<T>> lookup) {
        Set<T> found = new LinkedHashSet<>();
        for (String k : keys) lookup.apply(k).ifPresent(found::add);
        return new ArrayList<>(found);
    }

    /** An item rendered under two sections lists its media once. */
    private static List<MediaFile> distinct(List<MediaFile> media) {
        Map<String, MediaFile> byName = new LinkedHashMap<>();
        for (MediaFile m : media) byName.putIfAbsent(m.name(), m);
        return new ArrayList<>(byName.values());
    }
}
