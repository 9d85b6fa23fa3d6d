package org.twimbot.render;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import org.twimbot.config.BotConfig;

/** Turns one {@link DraftItem} into its post form: converted, sanitised, quoted, with media lines and a verb. */
public final class NewsFormatter {
    static final String DEFAULT_IMAGE_PREFIX = "/blog/img/";
    static final String DEFAULT_VIDEO_MARKDOWN = "> {{< video src=\"{file}\" >}}";

    private final TextConverter converter = new TextConverter();
    private final MarkdownSanitizer sanitizer = new MarkdownSanitizer();
    private final Verbs verbs;
    private final String imagePrefix;
    private final String videoMarkdown;

    public NewsFormatter(BotConfig.Render config) {
        this.verbs = new Verbs(config.verbs());
        this.imagePrefix = config.imagePrefix() == null ? DEFAULT_IMAGE_PREFIX : config.imagePrefix();
        this.videoMarkdown =
                config.videoMarkdown() == null || config.videoMarkdown().isBlank()
                        ? DEFAULT_VIDEO_MARKDOWN
                        : config.videoMarkdown();
    }

    /** {@code mediaNames}: media event id → file name, from {@link MediaNames#assign}. */
    public RenderedNews format(DraftItem item, Map<String, String> mediaNames) {
        // Not trimmed again after sanitising (toMarkdown already trimmed): Quoting.quote(text), what the post holds,
        // must stay exactly the text the sanitiser checked.
        String text = sanitizer.sanitize(converter.toMarkdown(item.body(), item.html()));
        List<DraftMedia> media = new ArrayList<>(item.media());
        media.sort(Comparator.comparingLong(DraftMedia::originServerTs).thenComparing(DraftMedia::eventId));
        List<MediaFile> files = new ArrayList<>();
        List<String> snippets = new ArrayList<>();
        for (DraftMedia m : media) {
            String name = mediaNames.get(m.eventId());
            if (name == null) continue; // not assigned by the caller: nothing to reference
            files.add(new MediaFile(name, m));
            snippets.add(snippet(m.kind(), name));
        }
        return new RenderedNews(item, verbs.forEvent(item.eventId()), text, Quoting.quoteWith(text, snippets), files);
    }

    /** The Markdown that shows one media file; names are already URL- and Markdown-safe. */
    String snippet(String kind, String name) {
        String url = imagePrefix + name;
        if ("image".equals(kind)) return "![](" + url + ")";
        if ("video".equals(kind)) return videoMarkdown.replace("{{file}}", url).replace("{file}", url);
        return "[" + name + "](" + url + ")";
    }
}
