package org.twimbot.placement;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * A published post in TWIM's format (hebbot's and twim-o-matic's layout): front matter between
 * {@code +++} lines, "## " sections, "### " project blocks with an optional {@code ([website](…))},
 * and items, each a reporter line linking to {@code https://matrix.to/#/@user} followed by the quoted news.
 * A small line-based parser, used to replay published weeks (backtest, golden tests).
 */
public final class PublishedPost {
    private PublishedPost() {}

    /** A reporter line, its quote and whatever follows it up to the next item or heading. */
    public record Item(String name, String userId, List<String> quote, List<String> trailing) {}

    public record ProjectPart(
            String heading, String title, String website, List<String> description, List<Item> items) {}

    public record SectionPart(
            String heading, String title, List<String> intro, List<Item> items, List<ProjectPart> projects) {}

    public record Post(List<String> frontMatter, List<SectionPart> sections) {}

    private static final Pattern ITEM_LINE =
            Pattern.compile("^\\[(.+)]\\(https://matrix\\.to/#/(@[^)\\s]+)\\)(?:\\s.*)?$");
    private static final Pattern PROJECT_HEADING =
            Pattern.compile("^### (.+?)(?: \\(\\[website]\\(([^)]*)\\)\\))?\\s*$");
    private static final Pattern IMAGE_LINE = Pattern.compile("^!\\[[^]]*]\\(/blog/img/([^)\\s]+)\\)\\s*$");
    private static final Pattern LAST_EMOJI = Pattern.compile("\\s(\\S*\\p{So}\\S*)$");

    /** The post's blocks; throws IllegalArgumentException naming the line that does not fit the format. */
    public static Post parse(String text) {
        List<String> lines = List.of(text.replace("\r\n", "\n").split("\n", -1));
        List<String> front = new ArrayList<>();
        int i = 0;
        if (!lines.isEmpty() && lines.get(0).equals("+++")) {
            front.add(lines.get(0));
            for (i = 1; i < lines.size(); i++) {
                front.add(lines.get(i));
                if (lines.get(i).equals("+++")) {
                    i++;
                    break;
                }
            }
        }
        List<SectionPart> sections = new ArrayList<>();
        SectionPart section = null;
        ProjectPart project = null;
        Item item = null;
        boolean quoting = false; // inside the item's first run of quoted lines
        for (; i < lines.size(); i++) {
            String line = lines.get(i);
            if (line.startsWith("## ")) {
                section = new SectionPart(
                        line, line.substring(3).strip(), new ArrayList<>(), new ArrayList<>(), new ArrayList<>());
                sections.add(section);
                project = null;
                item = null;
                quoting = false;
            } else if (line.startsWith("### ") && section != null) {
                Matcher m = PROJECT_HEADING.matcher(line);
                if (!m.matches())
                    throw new IllegalArgumentException("line " + (i + 1) + ": unparsed project heading: " + line);
                project = new ProjectPart(
                        line, m.group(1), m.group(2) == null ? "" : m.group(2), new ArrayList<>(), new ArrayList<>());
                section.projects().add(project);
                item = null;
                quoting = false;
            } else if (ITEM_LINE.matcher(line).matches() && section != null) {
                Matcher m = ITEM_LINE.matcher(line);
                m.matches();
                item = new Item(m.group(1), m.group(2), new ArrayList<>(), new ArrayList<>());
                (project != null ? project.items() : section.items()).add(item);
                quoting = true;
            } else if (item != null && quoting && line.startsWith(">")) {
                item.quote().add(line);
            } else if (line.isBlank()) {
                if (item != null && !item.quote().isEmpty()) quoting = false; // blank lines before the quote are layout
            } else if (item != null) {
                quoting = false;
                item.trailing().add(line);
            } else if (project != null) {
                project.description().add(line);
            } else if (section != null) {
                section.intro().add(line);
            } else {
                throw new IllegalArgumentException("line " + (i + 1) + ": text before the first section: " + line);
            }
        }
        return new Post(front, sections);
    }

    /** A section or project title without its trailing emoji ("Dept of Servers 🏢" → "Dept of Servers"). */
    public static String withoutEmoji(String title) {
        return LAST_EMOJI.matcher(title).replaceFirst("").strip();
    }

    public static String emoji(String title) {
        Matcher m = LAST_EMOJI.matcher(title);
        return m.find() ? m.group(1) : "";
    }

    public static String slug(String title) {
        String s = title.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-").replaceAll("^-|-$", "");
        return s.isEmpty() ? "x" + Integer.toHexString(title.hashCode()) : s;
    }

    /** The news as the submitter typed it: the quote without its "> ", without the image lines (those were attachments). */
    public static String typed(Item item) {
        List<String> lines = new ArrayList<>();
        for (String q : item.quote()) {
            String line = q.startsWith("> ") ? q.substring(2) : q.substring(1);
            if (IMAGE_LINE.matcher(line).matches()) continue;
            lines.add(line);
        }
        while (!lines.isEmpty() && lines.get(lines.size() - 1).isBlank()) lines.remove(lines.size() - 1);
        while (!lines.isEmpty() && lines.get(0).isBlank()) lines.remove(0);
        return String.join("\n", lines);
    }

    /** Image file names in the quote and in the lines after it (2020: outside the quote). */
    public static List<String> images(Item item) {
        List<String> names = new ArrayList<>();
        for (String line :
                Stream.concat(item.quote().stream(), item.trailing().stream()).toList()) {
            String l = line.startsWith(">") ? line.replaceFirst("^> ?", "") : line;
            Matcher m = IMAGE_LINE.matcher(l);
            if (m.matches()) names.add(m.group(1));
        }
        return names;
    }
}
