package org.twimbot.render;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.twimbot.catalog.Catalog;
import org.twimbot.catalog.Project;
import org.twimbot.catalog.Section;
import org.twimbot.config.BotConfig;

/**
 * Blocks of the published post shared/reference/posts/2022-10-28-this-week-in-matrix.md, rebuilt
 * from submissions as Element sends them (formatted_body HTML, or the plain body when the message
 * has no formatting). Expected text is copied verbatim from the post; lines are compared without
 * trailing whitespace, because the post's blank quote lines are "> " where twimbot writes ">".
 * The verb is random in the post (hebbot), so each block is rendered with the post's verb as the
 * only configured verb.
 */
class GoldenReferenceTest {

    private static final Catalog CATALOG = new Catalog(
            List.of(
                    new Section("servers", "🏢", "Dept of Servers 🏢", 20, List.of()),
                    new Section("deployment", "📥️", "Homeserver Deployment 📥️", 21, List.of()),
                    new Section("clients", "📱", "Dept of Clients 📱", 30, List.of()),
                    new Section("nonchat", "🎛️", "Dept of Non Chat Clients 🎛️", 31, List.of()),
                    new Section("sdks", "🧰", "Dept of SDKs and Frameworks 🧰", 40, List.of())),
            List.of(
                    new Project(
                            "conduit",
                            "Conduit",
                            "Conduit is a simple, fast and reliable chat server powered by Matrix",
                            "https://conduit.rs",
                            "servers",
                            List.of(),
                            List.of()),
                    new Project(
                            "synapse",
                            "Synapse",
                            "Synapse is a Matrix homeserver implementation developed by the matrix.org core team",
                            "https://github.com/matrix-org/synapse/",
                            "servers",
                            List.of(),
                            List.of()),
                    new Project(
                            "helm",
                            "Helm Chart",
                            "",
                            "https://gitlab.com/ananace/charts",
                            "deployment",
                            List.of(),
                            List.of()),
                    new Project(
                            "nheko",
                            "Nheko",
                            "Desktop client for Matrix using Qt and C++17.",
                            "https://nheko-reborn.github.io",
                            "clients",
                            List.of(),
                            List.of()),
                    new Project(
                            "element-ios",
                            "Element iOS",
                            "Secure and independent communication for iOS, connected via Matrix. Come talk with us in [#element-ios:matrix.org](https://matrix.to/#/#element-ios:matrix.org)!",
                            "https://github.com/vector-im/element-ios",
                            "clients",
                            List.of(),
                            List.of()),
                    new Project(
                            "circles",
                            "Circles",
                            "E2E encrypted social networking built on Matrix. Safe, private sharing for your friends, family, and community.",
                            "https://www.kombuchaprivacy.com/circles/",
                            "nonchat",
                            List.of(),
                            List.of()),
                    new Project(
                            "libquotient",
                            "libQuotient",
                            "A Qt5 library to write cross-platform clients for Matrix",
                            "https://github.com/quotient-im/libQuotient",
                            "sdks",
                            List.of(),
                            List.of())));

    private static String block(String verb, List<DraftItem> items) {
        return block(List.of(verb), items);
    }

    private static String block(List<String> verbs, List<DraftItem> items) {
        BotConfig.Render base = Fixtures.config();
        BotConfig.Render config = new BotConfig.Render(
                "",
                verbs,
                base.imagePrefix(),
                base.videoMarkdown(),
                base.titlePattern(),
                base.pathPattern(),
                base.category(),
                base.submissionsRoomLink(),
                base.author());
        String draft = new DraftRenderer(config).render(Fixtures.request(items), CATALOG);
        // the project block: from its "### " heading to the next heading
        int start = draft.indexOf("\n### ") + 1;
        int end = draft.indexOf("\n## ", start);
        int nextProject = draft.indexOf("\n### ", start);
        if (nextProject >= 0 && nextProject < end) end = nextProject;
        return normalize(draft.substring(start, end));
    }

    private static String normalize(String text) {
        return text.strip().lines().map(String::stripTrailing).collect(Collectors.joining("\n"));
    }

    private static DraftItem element(
            String eventId, String senderId, String name, long ts, String body, String html, String project) {
        return new DraftItem(1, eventId, senderId, name, ts, body, html, List.of(), List.of(project), List.of());
    }

    @Test
    void conduitFromAPlainBody() {
        String expected = """
                ### Conduit ([website](https://conduit.rs))

                Conduit is a simple, fast and reliable chat server powered by Matrix

                [Timo on Conduit ⚡️](https://matrix.to/#/@timo:conduit.rs) announces

                > Great news! The FUTO organization selected me for a grant to sponsor me working on Conduit. I want to finally work on the big remaining issues like threads, backfilling, spaces and so on. Also keep an eye on the Conduit v0.5 release. It is almost done and contains many bug fixes. You can already try it out by compiling conduit-next.
                """;
        String body =
                "Great news! The FUTO organization selected me for a grant to sponsor me working on Conduit. I want to finally work on the big remaining issues like threads, backfilling, spaces and so on. Also keep an eye on the Conduit v0.5 release. It is almost done and contains many bug fixes. You can already try it out by compiling conduit-next.";
        assertEquals(
                normalize(expected),
                block(
                        "announces",
                        List.of(element(
                                "$conduit", "@timo:conduit.rs", "Timo on Conduit ⚡️", 1, body, null, "conduit"))));
    }

    @Test
    void nhekoWithParagraphsAndARoomPill() {
        String expected = """
                ### Nheko ([website](https://nheko-reborn.github.io))

                Desktop client for Matrix using Qt and C++17.

                [Nico](https://matrix.to/#/@deepbluev7:neko.dev) announces

                > I guess the most exciting news is that the macOS M1 builds are now merged to master and will be available for the next release. Seems like those are even faster on macOS that the intel builds! (Time from launch to be able to send a message is about 1 or 2 seconds.) The builds are using the generous cirrus CI open-source offering, so thank you!
                >\s
                > Another good news is that a fox fixed the upload widget sometimes breaking Nheko when trying to upload specific files on some platforms. Apart from that there were also minor fixes to room sorting in communities, performance fixes to the parent community links as well as work on enabling more warnings when developing Nheko (to ensure our code is better quality, more secure and less error prone).
                >\s
                > If you want to find out more about Nheko, our official community is currently being set up at [#community:nheko.im](https://matrix.to/#/#community:nheko.im)!
                """;
        String html =
                "<p>I guess the most exciting news is that the macOS M1 builds are now merged to master and will be available for the next release. Seems like those are even faster on macOS that the intel builds! (Time from launch to be able to send a message is about 1 or 2 seconds.) The builds are using the generous cirrus CI open-source offering, so thank you!</p>\n"
                        + "<p>Another good news is that a fox fixed the upload widget sometimes breaking Nheko when trying to upload specific files on some platforms. Apart from that there were also minor fixes to room sorting in communities, performance fixes to the parent community links as well as work on enabling more warnings when developing Nheko (to ensure our code is better quality, more secure and less error prone).</p>\n"
                        + "<p>If you want to find out more about Nheko, our official community is currently being set up at <a href=\"https://matrix.to/#/#community:nheko.im\">#community:nheko.im</a>!</p>\n";
        assertEquals(
                normalize(expected),
                block(
                        "announces",
                        List.of(element("$nheko", "@deepbluev7:neko.dev", "Nico", 1, "plain", html, "nheko"))));
    }

    @Test
    void elementIosWithANestedList() {
        String expected = """
                ### Element iOS ([website](https://github.com/vector-im/element-ios))

                Secure and independent communication for iOS, connected via Matrix. Come talk with us in [#element-ios:matrix.org](https://matrix.to/#/#element-ios:matrix.org)!

                [Ștefan](https://matrix.to/#/@stefan.ceriu:matrix.org) announces

                > * In order to enhance our ability to test before launch we’ve now got Nightly builds on ElementX iOS. Our internal testers are able to use the app for longer before we prep for release to the App Store and that will increase the quality of our product.
                >   * We’ve also made other improvements to our performance testing.
                > * The composer has had a few upgrades recently - keep your eyes open for that and let us know what you think!
                > * Work on voice broadcasting is moving ahead quickly
                > * We’re working on signing in via QR code and other enhancements in this area.
                > * And last but not least, ElementX is very close to getting e2e encryption support!
                """;
        String html =
                "<ul>\n<li>In order to enhance our ability to test before launch we’ve now got Nightly builds on ElementX iOS. Our internal testers are able to use the app for longer before we prep for release to the App Store and that will increase the quality of our product.\n"
                        + "<ul>\n<li>We’ve also made other improvements to our performance testing.</li>\n</ul>\n</li>\n"
                        + "<li>The composer has had a few upgrades recently - keep your eyes open for that and let us know what you think!</li>\n"
                        + "<li>Work on voice broadcasting is moving ahead quickly</li>\n"
                        + "<li>We’re working on signing in via QR code and other enhancements in this area.</li>\n"
                        + "<li>And last but not least, ElementX is very close to getting e2e encryption support!</li>\n</ul>\n";
        assertEquals(
                normalize(expected),
                block(
                        "announces",
                        List.of(element(
                                "$ios", "@stefan.ceriu:matrix.org", "Ștefan", 1, "plain", html, "element-ios"))));
    }

    @Test
    void helmChartWithTwoItemsInTimeOrderAndARoomLinkInParentheses() {
        String expected = """
                ### Helm Chart ([website](https://gitlab.com/ananace/charts))

                [Ananace](https://matrix.to/#/@ace:kittenface.studio) announces

                > Since I happen to have a few free minutes this friday;\s
                >\s
                > [My Helm Charts](https://gitlab.com/ananace/charts) continue to stay up-to-date, with element-web at 1.11.12 and matrix-synapse on 1.70.0 (though refer to [#homeowners:matrix.org](https://matrix.to/#/#homeowners:matrix.org) before updating)

                [Ananace](https://matrix.to/#/@ace:kittenface.studio) reports

                > And another little update on my Helm Charts; matrix-synapse 1.70.1 is now available as well
                """;
        String html = "<p>Since I happen to have a few free minutes this friday;</p>\n"
                + "<p><a href=\"https://gitlab.com/ananace/charts\">My Helm Charts</a> continue to stay up-to-date, with element-web at 1.11.12 and matrix-synapse on 1.70.0 (though refer to <a href=\"https://matrix.to/#/#homeowners:matrix.org\">#homeowners:matrix.org</a> before updating)</p>\n";
        // verbs [announces, reports]: CRC32("$helm-1") is even and CRC32("$helm-4") odd (checked with Python's
        // zlib.crc32)
        DraftItem later = element(
                "$helm-4",
                "@ace:kittenface.studio",
                "Ananace",
                2_000,
                "And another little update on my Helm Charts; matrix-synapse 1.70.1 is now available as well",
                null,
                "helm");
        DraftItem first = element("$helm-1", "@ace:kittenface.studio", "Ananace", 1_000, "plain", html, "helm");
        assertEquals(normalize(expected), block(List.of("announces", "reports"), List.of(later, first)));
    }

    @Test
    void libQuotientWithABareUrlLeftAlone() {
        String expected = """
                ### libQuotient ([website](https://github.com/quotient-im/libQuotient))

                A Qt5 library to write cross-platform clients for Matrix

                [kitsune](https://matrix.to/#/@kitsune:matrix.org) reports

                > A new beta for libQuotient 0.7 is out, with a few fixes and improvements across the board but especially in E2EE-related code. This one is still a bit too early for Linux packagers but we're steadily approaching the release. The release notes are available at a usual place: https://github.com/quotient-im/libQuotient/releases/tag/0.7-beta2
                """;
        String body =
                "A new beta for libQuotient 0.7 is out, with a few fixes and improvements across the board but especially in E2EE-related code. This one is still a bit too early for Linux packagers but we're steadily approaching the release. The release notes are available at a usual place: https://github.com/quotient-im/libQuotient/releases/tag/0.7-beta2";
        assertEquals(
                normalize(expected),
                block(
                        "reports",
                        List.of(element("$quotient", "@kitsune:matrix.org", "kitsune", 1, body, null, "libquotient"))));
    }

    /**
     * Abridged: two of the post's four bullet points under "Updates", the second cut after its first
     * sentence. The post has "Happy Friday all!  Once" with two spaces (hebbot used the plain
     * body); from HTML the converter collapses them to one, as a browser would: a known difference.
     */
    @Test
    void circlesWithHeadingsAndLinkLists() {
        String expected = """
                ### Circles ([website](https://www.kombuchaprivacy.com/circles/))

                E2E encrypted social networking built on Matrix. Safe, private sharing for your friends, family, and community.

                [cvwright](https://matrix.to/#/@cvwright:matrix.org) reports

                > Happy Friday all! Once again we have a new build of the Circles Android app for your beta testing enjoyment.
                >\s
                > ## Updates in this release (v1.0.5)
                >\s
                > * Added QR-code-based device verification.
                > * Made registration tokens optional, i.e. it's up to the server whether to require them or not.
                >\s
                > ## Links
                >\s
                > * [F-Droid repo](https://circu.li/fdroid/repo)
                > * [APK](https://circu.li/fdroid/repo/app-fdroid-release-1_0_5.apk)
                > * [Source code](https://gitlab.futo.org/circles/circles-android/-/releases/v1.0.5)
                """;
        String html =
                "<p>Happy Friday all!  Once again we have a new build of the Circles Android app for your beta testing enjoyment.</p>\n"
                        + "<h2>Updates in this release (v1.0.5)</h2>\n<ul>\n<li>Added QR-code-based device verification.</li>\n"
                        + "<li>Made registration tokens optional, i.e. it's up to the server whether to require them or not.</li>\n</ul>\n"
                        + "<h2>Links</h2>\n<ul>\n<li><a href=\"https://circu.li/fdroid/repo\">F-Droid repo</a></li>\n"
                        + "<li><a href=\"https://circu.li/fdroid/repo/app-fdroid-release-1_0_5.apk\">APK</a></li>\n"
                        + "<li><a href=\"https://gitlab.futo.org/circles/circles-android/-/releases/v1.0.5\">Source code</a></li>\n</ul>\n";
        assertEquals(
                normalize(expected),
                block(
                        "reports",
                        List.of(element("$circles", "@cvwright:matrix.org", "cvwright", 1, "plain", html, "circles"))));
    }
}
