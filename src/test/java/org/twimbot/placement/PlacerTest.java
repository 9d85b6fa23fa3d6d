package org.twimbot.placement;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.twimbot.catalog.Catalog;
import org.twimbot.catalog.Project;
import org.twimbot.catalog.Section;

/** One test per rule of the placement model; each fails without its rule. */
class PlacerTest {
    private static final Section SPEC = new Section("spec", "📜", "Dept of Spec 📜", 10, List.of());
    private static final Section SERVERS = new Section("servers", "🏢", "Dept of Servers 🏢", 20, List.of());
    private static final Section BRIDGES = new Section("bridges", "🌉", "Dept of Bridges 🌉", 30, List.of());
    private static final Section CLIENTS = new Section("clients", "📱", "Dept of Clients 📱", 40, List.of());
    private static final Section ROOMS = new Section("rotw", "📆", "Room of the Week 📆", 50, List.of());

    private static Project project(
            String key, String title, String website, String section, List<String> aliases, String... reporters) {
        return new Project(key, title, "", website, section, aliases, List.of(reporters));
    }

    private static final Project SYNAPSE =
            project("Synapse", "Synapse", "https://github.com/element-hq/synapse", "servers", List.of());
    private static final Project CONDUIT = project("Conduit", "Conduit", "https://conduit.rs", "servers", List.of());
    private static final Project MOMENT = project("moment", "Moment", "https://mx-moment.xyz", "clients", List.of());
    private static final Project ELEMENT = project("Emt", "Element", "https://element.io", "clients", List.of());
    private static final Project ELEMENT_WEB =
            project("Emt Web", "Element Web", "https://github.com/vector-im/element-web", "clients", List.of());
    private static final Project ELEMENT_IOS = project(
            "Emt iOS",
            "Element iOS",
            "https://github.com/vector-im/element-ios",
            "clients",
            List.of(),
            "@ios:example.org");
    private static final Project FLUFFY =
            project("FluffyChat", "FluffyChat", "https://fluffychat.im", "clients", List.of());
    private static final Project COMMIT = project("commit", "matrix-commit", "", "servers", List.of());
    private static final Project NHEKO =
            project("Nheko", "Nheko", "https://nheko-reborn.github.io", "clients", List.of(), "@nico:example.org");
    /** Room words in project descriptions of other sections: "room" does not tell the Room of the Week section. */
    private static final List<Project> ROOM_WORDS = List.of(
            new Project("rooms-a", "Alpha", "lists your rooms", "", "clients", List.of(), List.of()),
            new Project("rooms-b", "Beta", "a bot for rooms", "", "servers", List.of(), List.of()),
            new Project("rooms-c", "Gamma", "room directory", "", "bridges", List.of(), List.of()));

    private static final Catalog CATALOG = new Catalog(
            List.of(SPEC, SERVERS, BRIDGES, CLIENTS, ROOMS),
            concat(
                    List.of(SYNAPSE, CONDUIT, MOMENT, ELEMENT, ELEMENT_WEB, ELEMENT_IOS, FLUFFY, COMMIT, NHEKO),
                    ROOM_WORDS));

    private static List<Project> concat(List<Project> a, List<Project> b) {
        return Stream.concat(a.stream(), b.stream()).toList();
    }

    private static Decision place(String sender, String body, String html) {
        return new Placer(CATALOG).place(new News(sender, body, html));
    }

    private static Decision place(String body) {
        return place("@someone:example.org", body, null);
    }

    private static Optional<String> projectKey(Decision d) {
        return d.project().map(Project::key);
    }

    @Test
    void theSubjectNamedFirstIsPlaced() {
        Decision d = place("Synapse 1.70 is out with many fixes. It now works better behind proxies.");
        assertEquals(Optional.of("Synapse"), projectKey(d));
        assertEquals(Optional.of("servers"), d.sectionKey());
    }

    @Test
    void anOrdinaryWordOnlyNamesAProjectAsWritten() {
        assertEquals(
                Optional.empty(),
                projectKey(place("From the moment you start a call, the commit shows a moment of joy.")));
        assertEquals(
                Optional.of("moment"),
                projectKey(place("Moment 0.9 is here: a new release of the client with spaces.")));
    }

    @Test
    void aKeyThatIsAnOrdinaryWordIsNotAName() {
        // matrix-commit's key "commit" differs from its title: "this commit" does not name it
        assertTrue(
                place("We landed this commit in our bridge, adding user tokens. Commit early!").suggestions().stream()
                        .noneMatch(p -> p.key().equals("commit")));
    }

    @Test
    void theLongestNameWinsOverItsPrefix() {
        Decision d = place("Element Web got threads this week. Element Web now also has a new composer.");
        assertEquals(Optional.of("Emt Web"), projectKey(d));
        assertTrue(
                d.suggestions().stream().noneMatch(p -> p == ELEMENT),
                d.suggestions().toString());
    }

    @Test
    void spellingVariantsMatch() {
        assertEquals(
                Optional.of("Emt iOS"),
                projectKey(place("Element-iOS has a new timeline. We reworked the Element-iOS room list.")));
        assertEquals(
                Optional.of("FluffyChat"), projectKey(place("Fluffy Chat 1.2 is out. Fluffy Chat has stories now.")));
    }

    @Test
    void boldOrLeadOutweighsAPassingMention() {
        Decision d = place(
                "@a:example.org",
                "plain",
                "<p>Today we can report on <strong>Conduit</strong> progress. We tested"
                        + " against Synapse and the Synapse team helped.</p>");
        assertEquals(Optional.of("Conduit"), projectKey(d));
        assertEquals(
                Optional.of("Nheko"),
                projectKey(place("Nheko: we fixed scrolling. Testing against Synapse and Conduit went well.")));
    }

    @Test
    void aLinkToTheWebsiteCounts() {
        String html =
                "<p>We fixed a lot. See <a href=\"https://github.com/matrix-org/synapse/pull/1\">the release</a>. "
                        + "Synapse and Conduit both work.</p>";
        // the repository moved (element-hq/synapse): the same repository name still counts
        assertEquals(Optional.of("Synapse"), projectKey(place("@a:example.org", "plain", html)));
    }

    @Test
    void twoEqualCandidatesAreSuggestedNotPlaced() {
        Decision d = place("We compared many servers. Synapse and Conduit both did well in our tests.");
        assertEquals(Optional.empty(), d.project());
        assertEquals(Set2.of(SYNAPSE, CONDUIT), Set2.of(d.suggestions()));
    }

    @Test
    void theUsualReporterAloneDoesNotPlaceButTipsTheScale() {
        assertEquals(
                Optional.empty(),
                place("@nico:example.org", "The new completer is on master, please try it.", null)
                        .project());
        assertEquals(
                Optional.of("Nheko"),
                projectKey(place(
                        "@nico:example.org",
                        "The new completer is on master. Nheko now inserts user links; Conduit users benefit too.",
                        null)));
    }

    @Test
    void whatEditorsConfirmedForTheSenderBreaksATie() {
        String news = "We compared many servers. Synapse and Conduit both did well in our tests.";
        History.Learning learning = new History.Learning();
        learning.confirmed("@t:example.org", "Conduit", "servers", "earlier news");
        learning.confirmed("@t:example.org", "Conduit", "servers", "more news");
        Decision d = new Placer(CATALOG, learning.snapshot()).place(new News("@t:example.org", news, null));
        assertEquals(Optional.of("Conduit"), projectKey(d));
    }

    @Test
    void severalProjectsOfOneFamilyGoToTheFamily() {
        Decision d = place(
                "Element Web and Element iOS both got the new composer. Element Web and Element iOS also got threads.");
        assertEquals(Optional.of("Emt"), projectKey(d));
    }

    @Test
    void sectionOnlyNewsGoesToTheSectionItsWordsTell() {
        Decision d = place("Here's your weekly spec update! Spec changes this week: three new proposals for the spec.");
        assertEquals(Optional.empty(), d.project());
        assertEquals(Optional.of("spec"), d.section().map(Section::key));
    }

    @Test
    void aTitleWordTheCatalogUsesElsewhereTellsNothing() {
        // "room" is used by projects of three other sections: the Room of the Week section is not told by it
        Decision d = place("Our room list is faster. The room header and room settings and room avatars changed.");
        assertEquals(Optional.empty(), d.section());
    }

    @Test
    void wordsLearnedFromEarlierEditionsTellASection() {
        String news = "Three proposals entered their final comment period, and one proposal merged.";
        assertEquals(Optional.empty(), place(news).section());
        History.Learning learning = new History.Learning();
        for (int i = 0; i < 3; i++)
            learning.confirmed(
                    "@x" + i + ":example.org",
                    null,
                    "spec",
                    "New proposals this week, a proposal merged, two in final comment period.");
        Decision d = new Placer(CATALOG, learning.snapshot()).place(new News("@a:example.org", news, null));
        assertEquals(
                Optional.of("spec"),
                d.section().map(Section::key),
                new Placer(CATALOG, learning.snapshot()).explain(new News("@a:example.org", news, null)));
    }

    @Test
    void aNewProjectIsProposedWithItsLinkAndSection() {
        String html =
                "<p>The <a href=\"https://github.com/x/mx-puppet-foo\">MX-Puppet-Foo</a> bridge gained puppeting, and the bridge"
                        + " now relays edits. It also mentions Synapse once.</p>";
        Decision d = place("@a:example.org", "plain", html);
        assertEquals(Optional.empty(), d.project());
        assertEquals(
                Optional.of(new NewProject("MX-Puppet-Foo", "https://github.com/x/mx-puppet-foo", "bridges")),
                d.proposal());
    }

    @Test
    void aNameTheSentenceCallsANameIsProposed() {
        assertEquals(
                Optional.of("Chatrix"),
                place("Someone is working on a plugin called Chatrix, see https://example.org/chatrix")
                        .proposal()
                        .map(NewProject::title));
        assertEquals(
                Optional.of("Telodendria"),
                place("Telodendria 0.1.0 is out, a small homeserver written in C.")
                        .proposal()
                        .map(NewProject::title));
        assertEquals(
                Optional.empty(), place("A new version is out. Update soon.").proposal());
    }

    @Test
    void atMostThreeSuggestions() {
        assertEquals(
                3,
                place("Synapse, Conduit, Nheko, FluffyChat and Element Web were all tested.")
                        .suggestions()
                        .size());
    }

    @Test
    void aTitleAndAnAliasSpelledAlikeFindOneMention() {
        Project x = project("Emt X iOS", "Element X iOS", "", "clients", List.of("element-x-ios"));
        ProjectNames names = new ProjectNames(new Catalog(List.of(CLIENTS), List.of(x)));
        assertEquals(1, names.find("Nightly builds of ElementX iOS are ready.").size());
    }

    @Test
    void newsOpeningWithAListHasNoFirstSentence() {
        // as prose, the first sentence makes Synapse the subject; as the first of several points it is one topic of
        // many
        assertEquals(
                Optional.of("Synapse"),
                projectKey(place("Synapse got nightly builds. Our bridge got faster. More soon.")));
        assertEquals(
                Optional.empty(),
                place("* Synapse got nightly builds.\n* Our bridge got faster.\n* More soon.")
                        .project());
        assertEquals(
                Optional.empty(),
                place(
                                "@a:example.org",
                                "plain",
                                "<ul><li>Synapse got nightly builds.</li><li>Our bridge got faster.</li><li>More soon.</li></ul>")
                        .project());
    }

    @Test
    void theFirstSentenceCreditsOnlyTheFirstProjectItNamesOrLinks() {
        String html =
                "<p>A new contributor <a href=\"https://github.com/element-hq/synapse/pull/1\">added</a> push rules, paving"
                        + " the way to Conduit supporting push. More next week.</p>";
        assertEquals(Optional.of("Synapse"), projectKey(place("@a:example.org", "plain", html)));
    }

    @Test
    void aRepositoryNamedLikeTheProjectLinksToIt() {
        // FluffyChat's website is fluffychat.im; its repository is elsewhere, under the project's name
        String fluffy =
                "<p>We merged <a href=\"https://github.com/krille-chan/fluffychat/pull/1\">a fix</a> for the login.</p>";
        assertEquals(Optional.of("FluffyChat"), projectKey(place("@a:example.org", "plain", fluffy)));
        // an ordinary word ("Conduit") names a repository only when its owner has the name too
        String other =
                "<p>We merged <a href=\"https://github.com/someone/conduit/pull/1\">a fix</a> for the login.</p>";
        assertEquals(Optional.empty(), place("@a:example.org", "plain", other).project());
        String own = "<p>We merged <a href=\"https://github.com/conduit/conduit/pull/1\">a fix</a> for the login.</p>";
        assertEquals(Optional.of("Conduit"), projectKey(place("@a:example.org", "plain", own)));
    }

    @Test
    void theUsualReporterPlacesWhenTheTextTellsTheProjectsSection() {
        // "client" tells the Clients section, and @nico reports a client: the two agree
        assertEquals(
                Optional.of("Nheko"),
                projectKey(place(
                        "@nico:example.org",
                        "The new completer is on master. The client also sorts favourites first now.",
                        null)));
        // the text tells another section than the reporter's project's: no placement
        assertEquals(
                Optional.empty(),
                place(
                                "@nico:example.org",
                                "The new completer is on master. Our bridges relay it to other networks; the bridges got faster.",
                                null)
                        .project());
    }

    @Test
    void aFamilyMemberIsPickedByTheWordThatSetsItApart() {
        Project android = project("Emt Android", "Element Android", "", "clients", List.of());
        Project xAndroid = project("Emt X Android", "Element X Android", "", "clients", List.of());
        List<Project> family = List.of(ELEMENT, ELEMENT_WEB, android, xAndroid);
        assertEquals(
                Optional.of(ELEMENT_WEB),
                Placer.familyMember(family, List.of("the", "web", "version", "shares", "screens")));
        // no word sets one apart: the member whose name adds nothing to the family's
        assertEquals(Optional.of(ELEMENT), Placer.familyMember(family, List.of("the", "app", "layout")));
        assertEquals(
                Optional.of(android), Placer.familyMember(List.of(android, xAndroid), List.of("the", "app", "layout")));
        assertEquals(
                Optional.empty(),
                Placer.familyMember(List.of(android, xAndroid, ELEMENT_WEB), List.of("web", "android", "x")));
        // not one family: no pick
        assertEquals(Optional.empty(), Placer.familyMember(List.of(NHEKO, SYNAPSE), List.of("the", "app")));
    }

    @Test
    void aTitleWordPastEditionsUsedEverywhereTellsNothing() {
        String news = "Busy week: we shipped a lot this week, and next week brings more.";
        assertEquals(Optional.of("rotw"), place(news).section().map(Section::key));
        History.Learning learning = new History.Learning();
        for (String section : List.of("spec", "servers", "bridges")) {
            learning.confirmed("@x:example.org", null, section, "What a week: this week we did things.");
        }
        Decision d = new Placer(CATALOG, learning.snapshot()).place(new News("@a:example.org", news, null));
        assertEquals(
                Optional.empty(),
                d.section(),
                new Placer(CATALOG, learning.snapshot()).explain(new News("@a:example.org", news, null)));
    }

    /** Order-free comparison. */
    private static final class Set2 {
        static Set<Project> of(Project... p) {
            return Set.of(p);
        }

        static Set<Project> of(List<Project> p) {
            return Set.copyOf(p);
        }
    }

    @Test
    void websiteLinks() {
        assertTrue(Placer.linksTo(
                "https://github.com/element-hq/synapse/releases", "https://github.com/element-hq/synapse/"));
        assertTrue(Placer.linksTo("https://www.conduit.rs/docs", "https://conduit.rs"));
        assertTrue(!Placer.linksTo("https://github.com/other/thing", "https://github.com/element-hq/synapse"));
        assertTrue(!Placer.linksTo("https://github.com/x", "https://github.com"));
        assertTrue(!Placer.linksTo("not a url", "https://conduit.rs"));
        assertEquals(Map.of(), History.none().projectsOf("@a:b"));
    }
}
