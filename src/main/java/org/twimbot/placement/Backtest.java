package org.twimbot.placement;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.BiFunction;
import org.twimbot.catalog.Catalog;
import org.twimbot.catalog.Project;
import org.twimbot.catalog.Section;
import org.twimbot.intake.Action;
import org.twimbot.intake.Intake;
import org.twimbot.intake.SubmissionText;
import org.twimbot.matrix.RoomEvent;
import org.twimbot.placement.PublishedPost.Item;
import org.twimbot.placement.PublishedPost.Post;
import org.twimbot.placement.PublishedPost.ProjectPart;
import org.twimbot.placement.PublishedPost.SectionPart;

/**
 * Replays published posts: every item is rebuilt as the message its author sent from Element, read by
 * intake as the bot reads it, and placed with no editor action. Each item is then compared with where the
 * published post has it.
 */
public final class Backtest {
    private static final String ROOM = "!twim:backtest";
    private static final String BOT = "@twimbot:backtest";

    /** How an item came out, against the published post. */
    public enum Outcome {
        RIGHT_PROJECT,
        RIGHT_SECTION,
        WRONG,
        UNASSIGNED
    }

    /**
     * One item: where the post has it ({@code expectedSection} title, {@code expectedProject} title or empty,
     * {@code known} when that project is in the catalog), where it was placed, the proposal, the outcome.
     */
    public record Row(
            String post,
            int number,
            String reporter,
            String expectedSection,
            String expectedProject,
            boolean known,
            String placed,
            String proposal,
            Outcome outcome,
            boolean proposalRight,
            boolean editorAction,
            String evidence) {}

    private final Catalog catalog;
    private final BiFunction<Catalog, History, Placer> placers;
    private final History.Learning history = new History.Learning();
    private final Intake intake = new Intake(BOT, ROOM, ROOM, "!", new SubmissionText(BOT, "TWIM Bot"));

    /**
     * {@code placers} makes the placer for the catalog and what editors confirmed before: the same catalog for
     * every item (no editor adds projects), and the posts replayed so far as history, as if their editors had
     * confirmed each item where it was published. Posts are replayed in the order given, oldest first.
     */
    public Backtest(Catalog catalog, BiFunction<Catalog, History, Placer> placers) {
        this.catalog = catalog;
        this.placers = placers;
    }

    public List<Row> run(String postName, Post post) {
        Placer placer = placers.apply(catalog, history.snapshot());
        List<Row> rows = new ArrayList<>();
        int number = 0;
        for (SectionPart s : post.sections()) {
            for (Item item : s.items()) rows.add(row(placer, postName, ++number, s, null, item));
            for (ProjectPart p : s.projects()) {
                for (Item item : p.items()) rows.add(row(placer, postName, ++number, s, p, item));
            }
        }
        learn(post);
        return rows;
    }

    /** The published post as the editors' confirmation of where each item belongs. */
    private void learn(Post post) {
        for (SectionPart s : post.sections()) {
            String section = sectionByTitle(s.title()).map(Section::key).orElse(null);
            for (Item item : s.items()) history.confirmed(item.userId(), null, section, PublishedPost.typed(item));
            for (ProjectPart p : s.projects()) {
                String project = projectByName(p.title()).map(Project::key).orElse(null);
                for (Item item : p.items())
                    history.confirmed(item.userId(), project, section, PublishedPost.typed(item));
            }
        }
    }

    private Row row(Placer placer, String postName, int number, SectionPart s, ProjectPart p, Item item) {
        News news = sent(postName, number, item);
        Decision d = placer.place(news);
        Optional<Section> section = sectionByTitle(s.title());
        Optional<Project> project = p == null ? Optional.empty() : projectByName(p.title());
        Outcome outcome = outcome(d, section, project);
        String proposal = d.proposal().map(NewProject::title).orElse("");
        boolean proposalRight = p != null && project.isEmpty() && !proposal.isEmpty() && sameName(proposal, p.title());
        boolean settled = outcome == Outcome.RIGHT_PROJECT || (outcome == Outcome.RIGHT_SECTION && project.isEmpty());
        String placed = d.project()
                .map(x -> "project " + x.title())
                .orElse(d.section()
                        .map(x -> "section " + PublishedPost.withoutEmoji(x.title()))
                        .orElse("-"));
        return new Row(
                postName,
                number,
                item.userId(),
                PublishedPost.withoutEmoji(s.title()),
                p == null ? "" : p.title(),
                project.isPresent(),
                placed,
                proposal,
                outcome,
                proposalRight,
                !settled || d.proposal().isPresent(),
                placer.explain(news));
    }

    private static Outcome outcome(Decision d, Optional<Section> expectedSection, Optional<Project> expectedProject) {
        if (d.project().isPresent()) {
            if (expectedProject.isPresent()
                    && expectedProject.get().key().equals(d.project().get().key())) return Outcome.RIGHT_PROJECT;
            return Outcome.WRONG; // a project the post did not use, or a project for section-only news
        }
        if (d.section().isEmpty()) return Outcome.UNASSIGNED;
        boolean right = expectedSection.isPresent()
                && expectedSection.get().key().equals(d.section().get().key());
        return right ? Outcome.RIGHT_SECTION : Outcome.WRONG;
    }

    /** The message as sent and read by intake: body without the prefix, and Element's HTML of it. */
    private News sent(String postName, int number, Item item) {
        String md = AuthorMessage.composerText(PublishedPost.typed(item));
        ObjectNode content =
                JsonNodeFactory.instance.objectNode().put("msgtype", "m.text").put("body", md);
        String html = AuthorMessage.elementHtml(md);
        if (html != null) content.put("format", "org.matrix.custom.html").put("formatted_body", html);
        RoomEvent e = new RoomEvent(
                "$" + number + "-" + PublishedPost.slug(postName),
                ROOM,
                item.userId(),
                "m.room.message",
                number,
                null,
                null,
                content,
                null);
        Optional<Action> action = intake.interpret(e);
        if (action.isPresent() && action.get() instanceof Action.Submit submit)
            return new News(item.userId(), submit.body(), submit.html());
        return new News(item.userId(), PublishedPost.typed(item), null);
    }

    private Optional<Section> sectionByTitle(String title) {
        String wanted = nameForm(PublishedPost.withoutEmoji(title));
        return catalog.sections().stream()
                .filter(s -> nameForm(PublishedPost.withoutEmoji(s.title())).equals(wanted))
                .findFirst();
    }

    private Optional<Project> projectByName(String title) {
        for (Project p : catalog.projects()) {
            if (sameName(p.title(), title)
                    || sameName(p.key(), title)
                    || p.aliases().stream().anyMatch(a -> sameName(a, title))) {
                return Optional.of(p);
            }
        }
        return Optional.empty();
    }

    /** Names compared without case, punctuation, spacing or a trailing "(…)" remark. */
    static boolean sameName(String a, String b) {
        return nameForm(a).equals(nameForm(b));
    }

    private static String nameForm(String name) {
        return name.replaceAll("\\s*\\([^)]*\\)\\s*$", "")
                .toLowerCase(Locale.ROOT)
                .replaceAll("[^\\p{L}\\p{N}]", "");
    }

    /** The figures a catalog maintainer reads; the thresholds of issue #18 are about these. */
    public record Totals(
            int items,
            int knownItems,
            int rightProject,
            int wrong,
            int unassigned,
            int sectionItems,
            int rightSection,
            int proposals,
            int proposalsRight,
            int unknownProjectItems,
            int editorActions) {

        public static Totals of(List<Row> rows) {
            int known = 0, rightProject = 0, wrong = 0, unassigned = 0, sectionItems = 0, rightSection = 0;
            int proposals = 0, proposalsRight = 0, unknown = 0, actions = 0;
            for (Row r : rows) {
                if (r.known()) {
                    known++;
                    if (r.outcome() == Outcome.RIGHT_PROJECT) rightProject++;
                } else {
                    sectionItems++;
                    if (r.outcome() == Outcome.RIGHT_SECTION) rightSection++;
                    if (!r.expectedProject().isEmpty()) unknown++;
                }
                if (r.outcome() == Outcome.WRONG) wrong++;
                if (r.outcome() == Outcome.UNASSIGNED) unassigned++;
                if (!r.proposal().isEmpty()) proposals++;
                if (r.proposalRight()) proposalsRight++;
                if (r.editorAction()) actions++;
            }
            return new Totals(
                    rows.size(),
                    known,
                    rightProject,
                    wrong,
                    unassigned,
                    sectionItems,
                    rightSection,
                    proposals,
                    proposalsRight,
                    unknown,
                    actions);
        }

        public String text() {
            return String.format(
                    Locale.ROOT,
                    """
                    items: %d
                    project in the catalog: %d, under the right project: %d (%s)
                    placed under a wrong project or section: %d (%s of all items)
                    unassigned: %d
                    section-only or unknown project: %d, in the right section: %d (%s)
                    new-project proposals: %d, with the published name: %d (of %d items of unknown projects)
                    editor actions needed: %d (%.2f per item)
                    """,
                    items,
                    knownItems,
                    rightProject,
                    percent(rightProject, knownItems),
                    wrong,
                    percent(wrong, items),
                    unassigned,
                    sectionItems,
                    rightSection,
                    percent(rightSection, sectionItems),
                    proposals,
                    proposalsRight,
                    unknownProjectItems,
                    editorActions,
                    items == 0 ? 0.0 : (double) editorActions / items);
        }

        public ObjectNode json() {
            ObjectNode o = JsonNodeFactory.instance.objectNode();
            o.put("items", items)
                    .put("known_project_items", knownItems)
                    .put("right_project", rightProject)
                    .put("wrong", wrong)
                    .put("unassigned", unassigned)
                    .put("section_or_unknown_items", sectionItems)
                    .put("right_section", rightSection)
                    .put("proposals", proposals)
                    .put("proposals_right", proposalsRight)
                    .put("unknown_project_items", unknownProjectItems)
                    .put("editor_actions", editorActions);
            return o;
        }
    }

    static String percent(int part, int whole) {
        return whole == 0 ? "-" : Math.round(100.0 * part / whole) + "%";
    }

    public static String rowText(Row r) {
        String expected = r.expectedSection()
                + (r.expectedProject().isEmpty()
                        ? ""
                        : " / " + r.expectedProject() + (r.known() ? "" : " (not in the catalog)"));
        String proposal = r.proposal().isEmpty()
                ? ""
                : "  proposes \"" + r.proposal() + "\"" + (r.proposalRight() ? " (right)" : "");
        return String.format(
                Locale.ROOT,
                "%s #%d %s%n    expected: %s%n    placed:   %s%s  -> %s%s",
                r.post(),
                r.number(),
                r.reporter(),
                expected,
                r.placed(),
                proposal,
                r.outcome(),
                r.editorAction() ? ", editor action" : "");
    }

    public static ObjectNode rowJson(Row r) {
        ObjectNode o = JsonNodeFactory.instance.objectNode();
        o.put("post", r.post())
                .put("number", r.number())
                .put("reporter", r.reporter())
                .put("expected_section", r.expectedSection())
                .put("expected_project", r.expectedProject())
                .put("project_in_catalog", r.known())
                .put("placed", r.placed())
                .put("proposal", r.proposal())
                .put("outcome", r.outcome().name().toLowerCase(Locale.ROOT))
                .put("proposal_right", r.proposalRight())
                .put("editor_action", r.editorAction());
        return o;
    }
}
