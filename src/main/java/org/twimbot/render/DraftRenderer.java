package org.twimbot.render;

import java.util.Map;
import org.twimbot.catalog.Catalog;
import org.twimbot.config.BotConfig;

/**
 * Renders an edition as the Markdown blog post (Zola front matter by default) through a Pebble
 * template: the default one inside the jar, or {@code render.template}. Deterministic: the same
 * request renders byte-identically. Thread-safe once constructed.
 */
public final class DraftRenderer {
    private final BotConfig.Render config;
    private final PostTemplate template;
    private final DraftAssembler assembler;

    /** Compiles the template now, so a broken custom template fails at start ({@link RenderException}). */
    public DraftRenderer(BotConfig.Render config) {
        this.config = config;
        this.template = PostTemplate.load(config.template());
        this.assembler = new DraftAssembler(new NewsFormatter(config));
    }

    /** render.author: the post's author whoever asks for the draft; "" when the editor's name is used. */
    public String author() {
        return config.author() == null ? "" : config.author();
    }

    public String render(DraftRequest request, Catalog catalog) {
        return render(model(request, catalog), request);
    }

    /** The structure of the post (sections, projects, unassigned items, media) without templating. */
    public DraftModel model(DraftRequest request, Catalog catalog) {
        return assembler.assemble(request, catalog);
    }

    /** Renders an already assembled model (saves assembling twice when the caller also wants the media list). */
    public String render(DraftModel model, DraftRequest request) {
        Map<String, Object> context = TemplateContext.build(model, request, config);
        return normalizeBlankLines(template.render(context));
    }

    /**
     * Whitespace-only lines become empty, runs of blank lines one blank line, no blank lines at the
     * start, exactly one newline at the end. Safe for the news: its lines all start with ">".
     */
    static String normalizeBlankLines(String text) {
        String s = text.replace("\r\n", "\n");
        StringBuilder out = new StringBuilder(s.length());
        boolean previousBlank = true; // drops leading blank lines
        for (int start = 0; start <= s.length(); ) {
            int end = s.indexOf('\n', start);
            if (end < 0) end = s.length();
            boolean blank = isBlank(s, start, end);
            if (!(blank && previousBlank)) {
                if (!blank) out.append(s, start, end);
                out.append('\n');
            }
            previousBlank = blank;
            start = end + 1;
        }
        while (out.length() > 1 && out.charAt(out.length() - 1) == '\n' && out.charAt(out.length() - 2) == '\n') {
            out.setLength(out.length() - 1);
        }
        return out.toString();
    }

    /** {@code s.substring(start, end).isBlank()} without the substring (whitespace is all in the BMP). */
    private static boolean isBlank(String s, int start, int end) {
        for (int i = start; i < end; i++) if (!Character.isWhitespace(s.charAt(i))) return false;
        return true;
    }
}
