package org.twimbot.render;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.twimbot.catalog.Project;
import org.twimbot.catalog.Section;
import org.twimbot.config.BotConfig;
import org.twimbot.ping.PingRank;
import org.twimbot.ping.PingTable;

/**
 * The variables a post template sees, as plain Maps and Lists (what Pebble reads most reliably);
 * the list and the mapping to hebbot's names is documented at the top of default.md.peb.
 * Every key is always present (empty string / list rather than missing) because templates run
 * with strict variables.
 */
final class TemplateContext {
    private static final DateTimeFormatter ISO_SECONDS = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss'Z'");
    private static final Pattern HTTP_URL = Pattern.compile("https?://[^\\s<>\"'{}|\\\\^`\\[\\]]+");
    /** youtube.com/watch?v=ID, youtu.be/ID, youtube.com/embed/ID or /live/ID: IDs are 11 of [A-Za-z0-9_-]. */
    private static final Pattern YOUTUBE = Pattern.compile(
            "https?://(?:www\\.|m\\.)?(?:youtube\\.com/(?:watch\\?(?:[^#\\s]*&)?v=|embed/|live/)|youtu\\.be/)([A-Za-z0-9_-]{11})(?![A-Za-z0-9_-]).*");

    private static final Pattern ROOM_ID_OR_ALIAS = Pattern.compile("[#!][^\\s:]+:[A-Za-z0-9.\\-\\[\\]:]+");

    private TemplateContext() {}

    static Map<String, Object> build(DraftModel model, DraftRequest request, BotConfig.Render config) {
        LocalDate d = request.editionDate();
        Map<String, Object> ctx = new LinkedHashMap<>();
        ctx.put("title", expand(or(config.titlePattern(), "This Week in Matrix {date}"), d));
        ctx.put("path", expand(or(config.pathPattern(), "/blog/{year}/{month}/{day}/this-week-in-matrix-{date}"), d));
        ctx.put("date", d.toString());
        ctx.put("year", String.format("%04d", d.getYear()));
        ctx.put("month", String.format("%02d", d.getMonthValue()));
        ctx.put("day", String.format("%02d", d.getDayOfMonth()));
        ctx.put("timestamp", iso(request.generatedAt()));
        // not Markdown-escaped: it goes into the TOML front matter (the toml filter writes '{' as \u007B there)
        String author = MarkdownSanitizer.neutralizeMentions(oneLine(request.author()));
        ctx.put("author", author);
        ctx.put("editor", author);
        ctx.put("category", or(config.category(), "This Week in Matrix"));
        String live = request.liveUrl().strip();
        boolean liveIsUrl = HTTP_URL.matcher(live).matches();
        ctx.put("live_url", liveIsUrl ? live : "");
        Matcher youtube = YOUTUBE.matcher(live);
        ctx.put("live_youtube_id", liveIsUrl && youtube.matches() ? youtube.group(1) : "");
        ctx.put("live_line", live.isEmpty() ? "" : liveIsUrl ? "<" + live + ">" : MarkdownText.linkLabel(live));
        // "" is "no link" (the config defaults it to the submissions room's alias)
        String room = config.submissionsRoomLink() == null
                ? ""
                : config.submissionsRoomLink().strip();
        ctx.put("room", room);
        ctx.put("room_link", room.isEmpty() ? "" : roomLink(room));

        List<Map<String, Object>> sections = new ArrayList<>();
        TreeSet<String> projectTitles = new TreeSet<>();
        for (SectionBlock block : model.sections()) {
            List<Map<String, Object>> projects = new ArrayList<>();
            for (ProjectBlock p : block.projects()) {
                projects.add(project(p));
                projectTitles.add(MarkdownText.headingText(p.project().title()));
            }
            sections.add(section(block.section(), news(block.news()), projects));
        }
        ctx.put("sections", sections);
        ctx.put("projects", new ArrayList<>(projectTitles));
        ctx.put("unassigned", news(model.unassigned()));
        ctx.put("ping", ping(model.ping()));
        List<Map<String, Object>> media = new ArrayList<>();
        for (MediaFile m : model.media()) media.add(media(m, config));
        ctx.put("media", media);
        Map<String, Object> cfg = new LinkedHashMap<>();
        cfg.put("verbs", config.verbs() == null ? List.of() : List.copyOf(config.verbs()));
        cfg.put("image_prefix", or(config.imagePrefix(), NewsFormatter.DEFAULT_IMAGE_PREFIX));
        cfg.put("video_markdown", or(config.videoMarkdown(), NewsFormatter.DEFAULT_VIDEO_MARKDOWN));
        cfg.put("category", ctx.get("category"));
        cfg.put("submissions_room", room);
        ctx.put("config", cfg);
        return ctx;
    }

    /**
     * Catalog text is the catalog's editors' (config, hebbot import, {@code !project add}, stored for good), but goes into
     * every post: it is sanitised here, at every render, like news, so rows stored before are covered too. Titles,
     * keys and emoji as one line of a heading, the description as a paragraph, the website as an http(s) URL or "".
     */
    private static Map<String, Object> section(
            Section s, List<Map<String, Object>> news, List<Map<String, Object>> projects) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("key", MarkdownText.headingText(s.key()));
        m.put("title", MarkdownText.headingText(s.title()));
        m.put("emoji", s.emoji() == null ? "" : MarkdownText.headingText(s.emoji()));
        m.put("order", s.order());
        Map<String, Object> about = new LinkedHashMap<>(m); // hebbot style: entry.section.title
        m.put("news", news);
        m.put("projects", projects);
        m.put("section", about);
        return m;
    }

    private static Map<String, Object> project(ProjectBlock block) {
        Project p = block.project();
        Map<String, Object> about = new LinkedHashMap<>();
        about.put("key", MarkdownText.headingText(p.key()));
        about.put("title", MarkdownText.headingText(p.title()));
        about.put("description", MarkdownText.paragraphText(p.description()));
        about.put("website", MarkdownText.website(p.website()));
        about.put("default_section", MarkdownText.headingText(p.section()));
        Map<String, Object> m = new LinkedHashMap<>(about);
        m.put("news", news(block.news()));
        m.put("project", about);
        return m;
    }

    /** Server names were checked when read (no Markdown in them); the room is configured, shown as a link. */
    private static List<Map<String, Object>> ping(List<PingTable> tables) {
        List<Map<String, Object>> out = new ArrayList<>();
        for (PingTable t : tables) {
            List<Map<String, Object>> rows = new ArrayList<>();
            for (PingRank r : t.ranks()) {
                Map<String, Object> row = new LinkedHashMap<>();
                row.put("rank", r.rank());
                row.put("server", r.server());
                row.put("median", r.medianText());
                row.put("pings", r.pings());
                rows.add(row);
            }
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("room", MarkdownText.linkLabel(t.room().strip()));
            m.put("room_link", roomLink(t.room().strip()));
            m.put("rows", rows);
            out.add(m);
        }
        return out;
    }

    private static List<Map<String, Object>> news(List<RenderedNews> list) {
        List<Map<String, Object>> out = new ArrayList<>();
        for (RenderedNews n : list) {
            DraftItem item = n.item();
            String name = item.senderName() == null || item.senderName().isBlank()
                    ? String.valueOf(item.senderId())
                    : item.senderName();
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("number", item.number());
            m.put("event_id", item.eventId());
            m.put("reporter_id", item.senderId() == null ? "" : item.senderId());
            m.put("reporter_display_name", MarkdownText.linkLabel(name));
            m.put("reporter_url", MarkdownText.matrixTo(item.senderId()));
            m.put("verb", n.verb());
            m.put("message", n.message());
            m.put("text", n.text());
            m.put("timestamp", iso(Instant.ofEpochMilli(item.originServerTs())));
            List<Map<String, Object>> images = new ArrayList<>(), videos = new ArrayList<>(), files = new ArrayList<>();
            for (MediaFile f : n.media()) {
                String kind = f.media().kind();
                ("image".equals(kind) ? images : "video".equals(kind) ? videos : files).add(mediaEntry(f));
            }
            m.put("images", images);
            m.put("videos", videos);
            m.put("files", files);
            out.add(m);
        }
        return out;
    }

    private static Map<String, Object> mediaEntry(MediaFile f) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("name", f.name());
        m.put("kind", f.media().kind());
        m.put("mxc", f.media().mxcUri() == null ? "" : f.media().mxcUri());
        return m;
    }

    private static Map<String, Object> media(MediaFile f, BotConfig.Render config) {
        Map<String, Object> m = mediaEntry(f);
        m.put("url", or(config.imagePrefix(), NewsFormatter.DEFAULT_IMAGE_PREFIX) + f.name());
        return m;
    }

    /** "#twim:matrix.org" → a matrix.to link; anything else is shown as given (neutralised). */
    static String roomLink(String room) {
        if (ROOM_ID_OR_ALIAS.matcher(room).matches()) {
            return "[" + MarkdownText.linkLabel(room) + "](" + MarkdownText.matrixTo(room) + ")";
        }
        if (HTTP_URL.matcher(room).matches()) return "<" + room + ">";
        return MarkdownText.linkLabel(room);
    }

    static String iso(Instant instant) {
        return ISO_SECONDS.format(instant.truncatedTo(ChronoUnit.SECONDS).atOffset(ZoneOffset.UTC));
    }

    static String expand(String pattern, LocalDate d) {
        return pattern.replace("{date}", d.toString())
                .replace("{year}", String.format("%04d", d.getYear()))
                .replace("{month}", String.format("%02d", d.getMonthValue()))
                .replace("{day}", String.format("%02d", d.getDayOfMonth()));
    }

    private static String or(String value, String fallback) {
        return value == null || value.isBlank() ? fallback : value;
    }

    private static String oneLine(String s) {
        return s.replaceAll("[\\r\\n\\u2028\\u2029\\u0085]+", " ").strip();
    }
}
