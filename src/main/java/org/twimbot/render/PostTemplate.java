package org.twimbot.render;

import io.pebbletemplates.pebble.PebbleEngine;
import io.pebbletemplates.pebble.error.PebbleException;
import io.pebbletemplates.pebble.loader.ClasspathLoader;
import io.pebbletemplates.pebble.loader.FileLoader;
import io.pebbletemplates.pebble.loader.Loader;
import io.pebbletemplates.pebble.template.PebbleTemplate;
import java.io.IOException;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * The post's Pebble template: the default inside the jar ({@code org/twimbot/render/default.md.peb})
 * or a file. Autoescaping is off (the output is Markdown; the news is sanitised in Java), strict
 * variables are on so a typo in a template fails instead of silently printing nothing. The file is
 * compiled at construction so a broken custom template is reported at start, with file and line.
 */
public final class PostTemplate {
    static final String DEFAULT_NAME = "default.md.peb";
    private static final String CLASSPATH_PREFIX = "org/twimbot/render";

    private final PebbleTemplate template;
    private final String description;

    private PostTemplate(PebbleTemplate template, String description) {
        this.template = template;
        this.description = description;
    }

    /** The default template when {@code path} is null or blank, else the file at {@code path}. */
    public static PostTemplate load(String path) {
        if (path == null || path.isBlank()) {
            ClasspathLoader loader = new ClasspathLoader(PostTemplate.class.getClassLoader());
            loader.setPrefix(CLASSPATH_PREFIX);
            return compile(loader, DEFAULT_NAME, "the default template");
        }
        Path file = Path.of(path).toAbsolutePath().normalize();
        if (!Files.isRegularFile(file)) {
            throw new RenderException("render.template: no such file " + file, null);
        }
        // Confined to the template's own folder: an {% include %} cannot read files elsewhere (CVE-2025-1686).
        return compile(
                new FileLoader(file.getParent().toString()), file.getFileName().toString(), file.toString());
    }

    private static PostTemplate compile(Loader<?> loader, String name, String description) {
        PebbleEngine engine = new PebbleEngine.Builder()
                .loader(loader)
                .autoEscaping(false)
                .strictVariables(true)
                .newLineTrimming(false) // Jinja semantics: Pebble would also eat the newline after {{ x }}
                .cacheActive(false)
                .extension(new TemplateFilters())
                .build();
        try {
            return new PostTemplate(engine.getTemplate(name), description);
        } catch (PebbleException e) {
            throw new RenderException(
                    "template " + description + " does not compile" + where(e) + ": " + e.getPebbleMessage(), e);
        } catch (RuntimeException e) {
            throw new RenderException("template " + description + " cannot be loaded: " + e.getMessage(), e);
        }
    }

    public String render(Map<String, Object> context) {
        StringWriter out = new StringWriter();
        try {
            template.evaluate(out, context);
        } catch (PebbleException e) {
            throw new RenderException(
                    "template " + description + " failed" + where(e) + ": " + e.getPebbleMessage(), e);
        } catch (IOException e) {
            throw new RenderException("template " + description + " failed: " + e.getMessage(), e);
        }
        return out.toString();
    }

    private static String where(PebbleException e) {
        return e.getLineNumber() == null ? "" : " at line " + e.getLineNumber();
    }
}
