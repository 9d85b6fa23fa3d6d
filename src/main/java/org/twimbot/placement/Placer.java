package org.twimbot.placement;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import org.twimbot.catalog.Catalog;
import org.twimbot.catalog.Project;
import org.twimbot.catalog.Section;

/**
 * Files news without an editor by weighing evidence for each project of the catalog: where its name
 * stands (the sender's own "Name:" lead, bold or heading, link text, the first sentence, anywhere), a
 * link to its website or repository, the catalog's usual reporters and what editors confirmed for this
 * sender before. An item is placed when one project is clearly ahead; otherwise up to three are suggested.
 * News naming no project clearly goes to a section when the section's words (its title's, the catalog's
 * keywords for it, those learned from past editions) and the sender tell it,
 * and news of a project the catalog lacks gets a proposal. A wrong placement costs an editor more than
 * none, so the model abstains when the evidence is thin.
 */
public final class Placer {
    static final int LEAD = 5;
    static final int EMPHASIS = 3;
    static final int LINK_TEXT = 2;
    static final int FIRST_SENTENCE = 2;
    static final int MENTION = 1;
    static final int MAX_MENTIONS = 3;
    static final int WEBSITE_LINK = 3;
    static final int USUAL_REPORTER = 4;
    static final int HISTORY_PER_ITEM = 2;
    static final int MAX_HISTORY = 4;
    /** Placed when the best score reaches this ... */
    static final int PLACE_AT = 3;
    /** ... and leads the next by this much. */
    static final int LEAD_BY = 3;

    static final int MAX_SUGGESTIONS = 3;

    static final int SECTION_TITLE_WORD = 1;
    static final int MAX_TITLE_WORDS = 3;
    static final int SECTION_FIRST_SENTENCE = 2;
    static final int SECTION_LEARNED_WORD = 2;
    static final int MAX_LEARNED_WORDS = 3;
    /** Each distinct keyword the catalog gives a section counts like a title word: both are the section's words. */
    static final int SECTION_KEYWORD = 1;

    static final int MAX_KEYWORDS = 3;
    /**
     * The first sentence says what the news is (a guide, a meetup, an article); keywords further on describe it
     * (a guide about encryption). One keyword there therefore reaches {@link #SECTION_AT} alone (1 + 3), which a
     * title word in the first sentence does not (1 + 2): keywords are chosen by whoever keeps the catalog, title
     * words are whatever the heading says ("Interesting", "Social"). Counted once per section, and not on top of
     * the title words' bonus: one sentence naming the section in both lists is one piece of evidence.
     */
    static final int SECTION_KEYWORD_FIRST_SENTENCE = 3;

    static final int SECTION_REPORTER = 2;
    static final int SECTION_HISTORY = 2;
    static final int SECTION_AT = 4;
    static final int SECTION_LEAD_BY = 2;

    private final Catalog catalog;
    private final History history;
    private final ProjectNames names;
    private final SectionWords sectionWords;
    /** Each project's website, parsed once per catalog: every news item is checked against all of them. */
    private final Map<Project, Site> websites = new LinkedHashMap<>();
    /** Projects by the name a repository of theirs would have ("ruma", "matrixsmsbridge"), per catalog. */
    private final Map<String, List<Project>> repositoryNames = new HashMap<>();
    /** The projects each usual reporter reports, per catalog. */
    private final Map<String, List<Project>> reported = new HashMap<>();

    public Placer(Catalog catalog) {
        this(catalog, History.none());
    }

    public Placer(Catalog catalog, History history) {
        this.catalog = catalog;
        this.history = history;
        this.names = new ProjectNames(catalog);
        this.sectionWords = new SectionWords(catalog, history);
        for (Project project : catalog.projects()) {
            Site.of(project.website()).ifPresent(s -> websites.put(project, s));
            for (String name : ProjectNames.names(project)) {
                List<Project> named = repositoryNames.computeIfAbsent(repositoryForm(name), k -> new ArrayList<>());
                if (!named.contains(project)) named.add(project);
            }
            for (String reporter : project.usualReporters())
                reported.computeIfAbsent(reporter, k -> new ArrayList<>()).add(project);
        }
    }

    public Decision place(News news) {
        NewsText text = NewsText.of(news);
        Map<Project, Integer> textScores = textScores(text);
        List<Map.Entry<Project, Integer>> ranked = rank(projectScores(news.sender(), textScores));
        List<Project> suggestions =
                ranked.stream().limit(MAX_SUGGESTIONS).map(Map.Entry::getKey).toList();
        Optional<Proposals.Candidate> opening = Proposals.inOpening(text, names);
        // a name the catalog lacks, opening the news, is its subject unless a catalog project is named as early
        boolean newSubject = opening.isPresent()
                && (ranked.isEmpty()
                        || !names.names(text.firstSentence(), ranked.get(0).getKey()));
        if (!ranked.isEmpty() && !newSubject) {
            int best = ranked.get(0).getValue();
            int second = ranked.size() > 1 ? ranked.get(1).getValue() : 0;
            // the catalog's reporters and the sender's history say who usually writes, not what this news is about
            if (best >= PLACE_AT
                    && best - second >= LEAD_BY
                    && textScores.containsKey(ranked.get(0).getKey())) {
                return new Decision(
                        Optional.of(ranked.get(0).getKey()), Optional.empty(), suggestions, Optional.empty());
            }
        }
        Optional<Project> umbrella = umbrella(ranked, textScores);
        if (umbrella.isPresent() && !newSubject) {
            return new Decision(umbrella, Optional.empty(), suggestions, Optional.empty());
        }
        Stems stems = Stems.of(text, sectionWords);
        Optional<Section> section = section(news.sender(), stems);
        if (!newSubject) {
            Optional<Project> reported = reportedProject(news.sender(), text, stems, textScores);
            if (reported.isPresent()) return new Decision(reported, Optional.empty(), suggestions, Optional.empty());
        }
        Optional<NewProject> proposal = opening.or(() -> Proposals.find(text, names))
                .map(p -> new NewProject(
                        p.title(), p.website(), section.map(Section::key).orElse("")));
        return new Decision(Optional.empty(), section, suggestions, proposal);
    }

    /**
     * News about several projects of one family ("Element Android", "Element iOS", "Element Web") that the
     * catalog also has as one project ("Element"): the family's project, when every close candidate belongs to
     * it and the news names them.
     */
    private Optional<Project> umbrella(List<Map.Entry<Project, Integer>> ranked, Map<Project, Integer> textScores) {
        if (ranked.size() < 2 || ranked.get(0).getValue() < PLACE_AT) return Optional.empty();
        int best = ranked.get(0).getValue();
        List<Project> close = ranked.stream()
                .filter(e -> best - e.getValue() < LEAD_BY)
                .map(Map.Entry::getKey)
                .toList();
        if (close.size() < 2 || !close.stream().allMatch(textScores::containsKey)) return Optional.empty();
        for (Project family : catalog.projects()) {
            String prefix = family.title().toLowerCase(Locale.ROOT) + " ";
            if (close.stream()
                    .allMatch(p ->
                            p != family && p.title().toLowerCase(Locale.ROOT).startsWith(prefix)))
                return Optional.of(family);
        }
        return Optional.empty();
    }

    /** The evidence behind {@link #place}: the best project and section scores, for catalog maintainers. */
    public String explain(News news) {
        NewsText text = NewsText.of(news);
        StringBuilder sb = new StringBuilder("projects:");
        rank(projectScores(news.sender(), textScores(text))).stream()
                .limit(5)
                .forEach(e ->
                        sb.append(' ').append(e.getKey().title()).append('=').append(e.getValue()));
        sb.append("; sections:");
        rankSections(sectionScores(news.sender(), Stems.of(text, sectionWords))).stream()
                .limit(3)
                .forEach(
                        e -> sb.append(' ').append(e.getKey().key()).append('=').append(e.getValue()));
        return sb.toString();
    }

    /** The text's evidence ({@code textScores}, left as it is) with the sender's added. */
    private Map<Project, Integer> projectScores(String sender, Map<Project, Integer> textScores) {
        Map<Project, Integer> scores = new LinkedHashMap<>(textScores);
        for (Project p : reported.getOrDefault(sender, List.of())) scores.merge(p, USUAL_REPORTER, Integer::sum);
        history.projectsOf(sender)
                .forEach((key, n) -> catalog.projectByKey(key)
                        .ifPresent(p -> scores.merge(p, Math.min(MAX_HISTORY, HISTORY_PER_ITEM * n), Integer::sum)));
        return scores;
    }

    /** The evidence of the news itself: where the project's name stands, links to its website. */
    private Map<Project, Integer> textScores(NewsText text) {
        Map<Project, Integer> scores = new LinkedHashMap<>();
        Map<Project, Integer> mentions = new HashMap<>();
        for (ProjectNames.Hit h : names.find(text.text())) mentions.merge(h.project(), 1, Integer::sum);
        mentions.forEach((p, n) -> scores.merge(p, MENTION * Math.min(n, MAX_MENTIONS), Integer::sum));
        List<List<Project>> linkedBy = new ArrayList<>(); // per link of the text, the projects it points at
        for (NewsText.Link l : text.links())
            linkedBy.add(Site.of(l.href()).map(this::linkedProjects).orElse(List.of()));
        firstSubject(text, linkedBy).ifPresent(p -> scores.merge(p, FIRST_SENTENCE, Integer::sum));
        if (!text.lead().isEmpty()) once(scores, names.find(text.lead()), LEAD);
        List<ProjectNames.Hit> emphasised = new ArrayList<>();
        for (String e : text.emphasised()) emphasised.addAll(names.find(e));
        once(scores, emphasised, EMPHASIS);
        List<ProjectNames.Hit> linkTexts = new ArrayList<>();
        for (NewsText.Link l : text.links()) linkTexts.addAll(names.find(l.text()));
        once(scores, linkTexts, LINK_TEXT);
        Set<Project> linked = new LinkedHashSet<>();
        linkedBy.forEach(linked::addAll);
        linked.forEach(p -> scores.merge(p, WEBSITE_LINK, Integer::sum));
        return scores;
    }

    /**
     * The projects a link points at: their website, or a repository on a code host named like the project
     * ("github.com/ruma/ruma/pull/353" for Ruma, whose website is ruma.dev). A name that is an ordinary word
     * only counts as a repository's name when the owner has it too.
     */
    private List<Project> linkedProjects(Site link) {
        List<Project> projects = new ArrayList<>();
        websites.forEach((p, site) -> {
            if (site.isLinkedBy(link)) projects.add(p);
        });
        String[] path = link.path().split("/");
        if (CODE_HOSTS.contains(link.host()) && path.length >= 3) {
            for (Project p : repositoryNames.getOrDefault(repositoryForm(path[2]), List.of())) {
                boolean ordinary = ProjectNames.isOrdinaryWord(p.title());
                if (!projects.contains(p)
                        && (!ordinary || repositoryForm(path[1]).equals(repositoryForm(path[2])))) projects.add(p);
            }
        }
        return projects;
    }

    /** Hosts whose paths are "/owner/repository". */
    private static final Set<String> CODE_HOSTS =
            Set.of("github.com", "gitlab.com", "codeberg.org", "gitlab.gnome.org", "git.sr.ht");

    private static final Pattern NOT_ALPHANUMERIC = Pattern.compile("[^\\p{L}\\p{N}]");

    /** A name as a repository would spell it: lower case, letters and digits only. */
    private static String repositoryForm(String name) {
        return NOT_ALPHANUMERIC.matcher(name.toLowerCase(Locale.ROOT)).replaceAll("");
    }

    /**
     * The stems of the text's words and of its first sentence, and the number of each section's keywords in
     * both, counted once per item for every section.
     */
    private record Stems(
            Map<String, Integer> all,
            Map<String, Integer> first,
            Map<String, Integer> keywords,
            Map<String, Integer> firstKeywords) {
        static Stems of(NewsText text, SectionWords sectionWords) {
            return new Stems(
                    SectionWords.stemCounts(text.text()),
                    SectionWords.stemCounts(text.firstSentence()),
                    sectionWords.keywords(text.text()),
                    sectionWords.keywords(text.firstSentence()));
        }
    }

    /**
     * The project the first sentence is about: the first one it names or links to. Later names in that sentence
     * are what the subject is compared with or works with ("… paving the way to Conduit supporting push").
     */
    private Optional<Project> firstSubject(NewsText text, List<List<Project>> linkedBy) {
        String first = text.firstSentence();
        if (first.isEmpty()) return Optional.empty();
        Project subject = null;
        int at = Integer.MAX_VALUE;
        List<ProjectNames.Hit> hits = names.find(first);
        if (!hits.isEmpty()) {
            subject = hits.get(0).project();
            at = hits.get(0).start();
        }
        for (int k = 0; k < text.links().size(); k++) {
            NewsText.Link l = text.links().get(k);
            List<Project> projects = linkedBy.get(k);
            if (projects.size() != 1) continue;
            int i = l.text().isBlank() ? first.indexOf(l.href()) : first.indexOf(l.text());
            if (i >= 0 && i < at) {
                subject = projects.get(0);
                at = i;
            }
        }
        return Optional.ofNullable(subject);
    }

    /**
     * News that names no project clearly, from a usual reporter of projects (or a sender the editors filed under
     * them before): placed when the text's words tell the section of exactly one of them, or of one family of
     * them ("Element Web/Desktop", "Element Android", …) in which the text picks one. Who sends and what the
     * words are about must agree; neither alone places news (a reporter may write about anything).
     */
    private Optional<Project> reportedProject(
            String sender, NewsText text, Stems stems, Map<Project, Integer> textScores) {
        Set<Project> candidates = new LinkedHashSet<>(reported.getOrDefault(sender, List.of()));
        history.projectsOf(sender).keySet().forEach(k -> catalog.projectByKey(k).ifPresent(candidates::add));
        if (candidates.isEmpty() || textScores.values().stream().anyMatch(v -> v >= PLACE_AT)) return Optional.empty();
        Optional<Section> told = textSection(stems);
        if (told.isEmpty()) return Optional.empty();
        List<Project> inSection = candidates.stream()
                .filter(p -> p.section().equals(told.get().key()))
                .toList();
        if (inSection.size() == 1) return Optional.of(inSection.get(0));
        return familyMember(inSection, SectionWords.words(text.text()));
    }

    /**
     * Of several projects of one family (their titles share the first word), the one the text picks by the word
     * that sets it apart ("desktop" for Element Web/Desktop); when the text uses none of those words, the member
     * whose name adds nothing to what they share (Element Android, not Element X Android).
     */
    static Optional<Project> familyMember(List<Project> family, List<String> textWords) {
        if (family.size() < 2) return Optional.empty();
        List<List<String>> words =
                family.stream().map(p -> SectionWords.words(p.title())).toList();
        String first = words.get(0).isEmpty() ? "" : words.get(0).get(0);
        if (first.isEmpty()
                || words.stream().anyMatch(w -> w.isEmpty() || !w.get(0).equals(first))) return Optional.empty();
        Set<String> shared = new HashSet<>(words.get(0));
        words.forEach(shared::retainAll);
        Set<String> used = new HashSet<>(textWords);
        List<Project> picked = new ArrayList<>();
        List<Project> plain = new ArrayList<>();
        for (int i = 0; i < family.size(); i++) {
            List<String> own =
                    words.get(i).stream().filter(w -> !shared.contains(w)).toList();
            if (own.isEmpty()) plain.add(family.get(i));
            if (own.stream().anyMatch(used::contains)) picked.add(family.get(i));
        }
        if (picked.size() == 1) return Optional.of(picked.get(0));
        return picked.isEmpty() && plain.size() == 1 ? Optional.of(plain.get(0)) : Optional.empty();
    }

    /** Adds {@code weight} once per project among {@code hits}. */
    private static void once(Map<Project, Integer> scores, List<ProjectNames.Hit> hits, int weight) {
        hits.stream().map(ProjectNames.Hit::project).distinct().forEach(p -> scores.merge(p, weight, Integer::sum));
    }

    private static List<Map.Entry<Project, Integer>> rank(Map<Project, Integer> scores) {
        List<Map.Entry<Project, Integer>> ranked = new ArrayList<>(scores.entrySet());
        ranked.sort(Map.Entry.<Project, Integer>comparingByValue().reversed());
        return ranked;
    }

    /**
     * Whether {@code href} points at the project's website: the same host, and the website's path as a
     * prefix when it has one (github.com/org/repo), or the same repository name on a code host.
     */
    static boolean linksTo(String href, String website) {
        Optional<Site> link = Site.of(href);
        return link.isPresent()
                && Site.of(website).map(s -> s.isLinkedBy(link.get())).orElse(false);
    }

    /** A URL's host (without "www.") and path (lower case, no trailing slash). */
    private record Site(String host, String path) {
        static Optional<Site> of(String s) {
            if (s == null || s.isBlank()) return Optional.empty();
            try {
                URI u = new URI(s.strip());
                if (u.getHost() == null) return Optional.empty();
                String h = u.getHost().toLowerCase(Locale.ROOT);
                String p = u.getPath() == null ? "" : u.getPath().toLowerCase(Locale.ROOT);
                while (p.endsWith("/")) p = p.substring(0, p.length() - 1);
                return Optional.of(new Site(h.startsWith("www.") ? h.substring(4) : h, p));
            } catch (URISyntaxException e) {
                return Optional.empty();
            }
        }

        /**
         * Whether {@code link} points at this website: the same host, and this path as a prefix when it has one
         * (github.com/org/repo), or the same repository name on a code host.
         */
        boolean isLinkedBy(Site link) {
            if (!link.host.equals(host)) return false;
            if (path.isEmpty())
                return !host.equals("matrix.to") && !host.equals("github.com") && !host.equals("gitlab.com");
            return (link.path + "/").startsWith(path + "/") || sameRepository(path, link.path);
        }
    }

    /** "/element-hq/synapse" and "/matrix-org/synapse/pull/1": a moved repository keeps its name. */
    private static boolean sameRepository(String sitePath, String linkPath) {
        String[] site = sitePath.split("/");
        String[] link = linkPath.split("/");
        return site.length == 3 && link.length >= 3 && site[2].equalsIgnoreCase(link[2]);
    }

    /** The section the text and the sender tell, when one is clearly ahead. */
    private Optional<Section> section(String sender, Stems stems) {
        List<Map.Entry<Section, Integer>> ranked = rankSections(sectionScores(sender, stems));
        if (ranked.isEmpty()) return Optional.empty();
        int best = ranked.get(0).getValue();
        int second = ranked.size() > 1 ? ranked.get(1).getValue() : 0;
        return best >= SECTION_AT && best - second >= SECTION_LEAD_BY
                ? Optional.of(ranked.get(0).getKey())
                : Optional.empty();
    }

    private static List<Map.Entry<Section, Integer>> rankSections(Map<Section, Integer> scores) {
        List<Map.Entry<Section, Integer>> ranked = new ArrayList<>(scores.entrySet());
        ranked.sort(Map.Entry.<Section, Integer>comparingByValue()
                .reversed()
                .thenComparing(e -> e.getKey().order(), Comparator.naturalOrder()));
        return ranked;
    }

    /** The section the text's own words tell (not the sender): one ahead of all others. */
    private Optional<Section> textSection(Stems stems) {
        List<Map.Entry<Section, Integer>> ranked = rankSections(sectionScores(null, stems));
        if (ranked.isEmpty()) return Optional.empty();
        int second = ranked.size() > 1 ? ranked.get(1).getValue() : 0;
        return ranked.get(0).getValue() > second ? Optional.of(ranked.get(0).getKey()) : Optional.empty();
    }

    /** Scores from the text and, unless {@code sender} is null, from who sends it. */
    private Map<Section, Integer> sectionScores(String sender, Stems text) {
        Map<String, Integer> stems = text.all();
        Map<Section, Integer> scores = new LinkedHashMap<>();
        Map<String, Integer> senderSections = sender == null ? Map.of() : history.sectionsOf(sender);
        String usual = senderSections.entrySet().stream()
                .max(Map.Entry.comparingByValue())
                .map(Map.Entry::getKey)
                .orElse(null);
        for (Section s : catalog.sections()) {
            int score = SECTION_TITLE_WORD * sectionWords.titleWords(s.key(), stems, MAX_TITLE_WORDS)
                    + SECTION_LEARNED_WORD * Math.min(MAX_LEARNED_WORDS, sectionWords.learnedWords(s.key(), stems))
                    + SECTION_KEYWORD * Math.min(MAX_KEYWORDS, text.keywords().getOrDefault(s.key(), 0))
                    + firstSentence(s, text);
            if (sender != null && s.usualReporters().contains(sender)) score += SECTION_REPORTER;
            if (s.key().equals(usual)) score += SECTION_HISTORY;
            if (score > 0) scores.put(s, score);
        }
        return scores;
    }

    /**
     * What the first sentence says for the section: its title words there or one of its keywords, whichever
     * weighs more.
     */
    private int firstSentence(Section s, Stems text) {
        int titleWords = SECTION_FIRST_SENTENCE * sectionWords.titleWords(s.key(), text.first(), 1);
        int keyword = text.firstKeywords().containsKey(s.key()) ? SECTION_KEYWORD_FIRST_SENTENCE : 0;
        return Math.max(titleWords, keyword);
    }
}
