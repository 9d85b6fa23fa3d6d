package org.twimbot.render;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.twimbot.render.Fixtures.*;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** render.template pointing to a file; every documented variable readable by Pebble. */
class CustomTemplateTest {
    @TempDir
    Path dir;

    private DraftRenderer renderer(String template) throws IOException {
        Path file = dir.resolve("post.md.peb");
        Files.writeString(file, template);
        return new DraftRenderer(config(file.toString()));
    }

    @Test
    void customTemplateSeesEveryVariable() throws IOException {
        String template = """
                {{ title }}|{{ date }}|{{ year }}/{{ month }}/{{ day }}|{{ path }}|{{ timestamp }}|{{ author }}|{{ editor }}|{{ category }}|{{ live_url }}|{{ live_line }}|{{ room }}|{{ room_link }}
                projects={{ projects | join(",") }} media={% for m in media %}{{ m.name }}({{ m.kind }},{{ m.mxc }},{{ m.url }}){% endfor %}
                verbs={{ config.verbs | join(",") }} prefix={{ config.image_prefix }}
                {% for s in sections %}S {{ s.key }} {{ s.title }} {{ s.emoji }} {{ s.order }} {{ s.section.title }} news={{ s.news | length }}
                {% for p in s.projects %}P {{ p.key }} {{ p.title }} [{{ p.description }}] <{{ p.website }}> {{ p.project.title }} {{ p.default_section }}
                {% for n in p.news %}N #{{ n.number }} {{ n.event_id }} {{ n.reporter_id }} {{ n.reporter_display_name }} {{ n.reporter_url }} {{ n.verb }} {{ n.timestamp }} images={% for i in n.images %}{{ i.name }}{% endfor %} videos={{ n.videos | length }} files={{ n.files | length }}
                {{ n.text | quote }}
                {% endfor %}{% endfor %}{% endfor %}U={{ unassigned | length }}
                """;
        DraftItem conduit = new DraftItem(
                7,
                "$aBcDeFg",
                "@timo:conduit.rs",
                "Timo",
                1_666_900_000_000L,
                "hello\nworld",
                null,
                List.of(),
                List.of("Conduit"),
                List.of(new DraftMedia("$iMgXyz", "image", "s.png", "mxc://c/1", "image/png", 5)));
        DraftItem unplaced = item(8, "$u", "@u:example.org", "U", 2, "?", List.of(), List.of());
        DraftRequest req =
                new DraftRequest(EDITION, GENERATED, "Thib", "https://youtu.be/x", List.of(conduit, unplaced));
        String out = renderer(template).render(req, catalog());
        List<String> lines = out.lines().toList();
        assertEquals(
                "This Week in Matrix 2022-10-28|2022-10-28|2022/10/28|/blog/2022/10/28/this-week-in-matrix-2022-10-28|2022-10-28T19:07:25Z"
                        + "|Thib|Thib|This Week in Matrix|https://youtu.be/x|<https://youtu.be/x>|#twim:matrix.org|[#twim:matrix.org](https://matrix.to/#/#twim:matrix.org)",
                lines.get(0));
        assertEquals(
                "projects=Conduit media=2022-10-28-iMgXy-s.png(image,mxc://c/1,/blog/img/2022-10-28-iMgXy-s.png)",
                lines.get(1));
        assertEquals("verbs=reports,says,announces prefix=/blog/img/", lines.get(2));
        assertEquals("S servers Dept of Servers 🏢 🏢 20 Dept of Servers 🏢 news=0", lines.get(3));
        assertEquals(
                "P Conduit Conduit [Conduit is a simple, fast and reliable chat server powered by Matrix] <https://conduit.rs> Conduit servers",
                lines.get(4));
        assertEquals(
                "N #7 $aBcDeFg @timo:conduit.rs Timo https://matrix.to/#/@timo:conduit.rs " + expectedVerb("$aBcDeFg")
                        + " 2022-10-27T19:46:40Z images=2022-10-28-iMgXy-s.png videos=0 files=0",
                lines.get(5));
        assertEquals(List.of("> hello", "> world", "U=1"), lines.subList(6, 9));
    }

    @Test
    void aTypoInAVariableFailsLoudlyNamingTheFileAndLine() throws IOException {
        DraftRenderer r = renderer("line one\n{{ titel }}\n");
        RenderException e = assertThrows(RenderException.class, () -> r.render(request(List.of()), catalog()));
        assertTrue(e.getMessage().contains("post.md.peb") && e.getMessage().contains("line 2"), e.getMessage());
    }

    @Test
    void aTemplateThatDoesNotCompileIsReportedAtConstructionWithFileAndLine() throws IOException {
        RenderException e = assertThrows(RenderException.class, () -> renderer("ok\nok\n{% for x in %}\n"));
        assertTrue(e.getMessage().contains("post.md.peb") && e.getMessage().contains("line 3"), e.getMessage());
    }

    @Test
    void anIncludeFindsATemplateBesideTheConfiguredOne() throws IOException {
        Files.writeString(dir.resolve("footer.peb"), "footer from beside the template");
        String out = renderer("{% include \"footer.peb\" %}").render(request(List.of()), catalog());
        assertEquals("footer from beside the template", out.strip());
    }

    @Test
    void anIncludeCannotReadFilesOutsideTheTemplatesFolder() throws IOException {
        Path outside = Files.createTempDirectory("twimbot-secret");
        Path secret = Files.writeString(outside.resolve("secret.txt"), "SECRET-CONTENT");
        try {
            for (String target : List.of(secret.toString(), "../" + outside.getFileName() + "/secret.txt")) {
                DraftRenderer r = renderer("{% include \"" + target + "\" %}");
                RenderException e =
                        assertThrows(RenderException.class, () -> r.render(request(List.of()), catalog()), target);
                assertTrue(!e.getMessage().contains("SECRET-CONTENT"), e.getMessage());
            }
        } finally {
            Files.delete(secret);
            Files.delete(outside);
        }
    }

    @Test
    void aMissingTemplateFileIsNamed() {
        RenderException e = assertThrows(
                RenderException.class,
                () -> new DraftRenderer(config(dir.resolve("nope.peb").toString())));
        assertTrue(e.getMessage().contains("nope.peb"), e.getMessage());
    }

    @Test
    void defaultTemplateIsUsedWhenNoneIsConfigured() {
        String draft = new DraftRenderer(config("")).render(request(List.of()), catalog());
        assertTrue(draft.startsWith("+++\ntitle = \"This Week in Matrix 2022-10-28\"\n"), draft);
    }
}
