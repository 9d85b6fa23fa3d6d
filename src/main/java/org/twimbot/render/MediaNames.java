package org.twimbot.render;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/** File names for media in the post and the bundle: {@code YYYY-MM-DD-<5 chars of event id>-<sanitised name>}. */
public final class MediaNames {
    private MediaNames() {}

    static final int MAX_NAME_LENGTH = 100;
    private static final int MAX_EXTENSION_LENGTH = 10;
    private static final String FALLBACK = "image";
    private static final Pattern UNSAFE_RUN = Pattern.compile("[^A-Za-z0-9._-]+");
    /** What a name that is safe to write into a directory and a URL looks like. */
    private static final Pattern SAFE_NAME = Pattern.compile("[A-Za-z0-9_-][A-Za-z0-9._-]{0,199}");

    public static String fileName(LocalDate editionDate, String eventId, String senderFileName) {
        return fileName(editionDate, eventId, senderFileName, FALLBACK);
    }

    /** As above, with {@code fallback} ("video", "file") when nothing usable is left of the sender's name. */
    static String fileName(LocalDate editionDate, String eventId, String senderFileName, String fallback) {
        String name = sanitize(senderFileName);
        if (name.equals(FALLBACK) && !FALLBACK.equals(senderFileName)) name = fallback;
        return editionDate + "-" + eventPart(eventId) + "-" + name;
    }

    /** True when {@code name} is a single harmless path segment (no separators, no leading dot, no ".."). */
    public static boolean isSafe(String name) {
        return name != null && SAFE_NAME.matcher(name).matches() && !name.contains("..");
    }

    /**
     * Names for every media of the edition, keyed by the media's event id, distinct from each other.
     * Media are named in (timestamp, event id) order; a clash (same event-id prefix and name) gets
     * "-2", "-3", … before the extension, so the result does not depend on the input order.
     */
    public static Map<String, String> assign(LocalDate editionDate, List<DraftItem> items) {
        List<DraftMedia> all = new ArrayList<>();
        for (DraftItem item : items) all.addAll(item.media());
        all.sort(Comparator.comparingLong(DraftMedia::originServerTs).thenComparing(DraftMedia::eventId));
        Map<String, String> names = new LinkedHashMap<>();
        Set<String> used = new HashSet<>();
        for (DraftMedia m : all) {
            if (names.containsKey(m.eventId())) continue; // the same event attached twice keeps one name
            String fallback = "video".equals(m.kind()) ? "video" : "file".equals(m.kind()) ? "file" : FALLBACK;
            String base = fileName(editionDate, m.eventId(), m.fileName(), fallback);
            String name = base;
            for (int n = 2; !used.add(name); n++) name = withSuffix(base, "-" + n);
            names.put(m.eventId(), name);
        }
        return names;
    }

    /** First 5 characters of the event id after '$', reduced to letters and digits ("media" if none). */
    static String eventPart(String eventId) {
        String id = eventId == null ? "" : eventId;
        if (id.startsWith("$")) id = id.substring(1);
        String clean = id.replaceAll("[^A-Za-z0-9]", "");
        if (clean.isEmpty()) return "media";
        return clean.substring(0, Math.min(5, clean.length()));
    }

    /**
     * Only [A-Za-z0-9._-]: path segments are joined with '_' after dropping empty and dot-only ones
     * ("../../etc/passwd.png" → "etc_passwd.png"), other runs become '_', no leading dots, no "..",
     * at most {@link #MAX_NAME_LENGTH} characters with the extension kept.
     */
    static String sanitize(String senderFileName) {
        String raw = senderFileName == null ? "" : senderFileName;
        List<String> segments = new ArrayList<>();
        for (String segment : raw.split("[/\\\\]+")) {
            if (!segment.isBlank() && !segment.strip().matches("\\.+")) segments.add(segment.strip());
        }
        String name = String.join("_", segments);
        name = UNSAFE_RUN.matcher(name).replaceAll("_");
        name = name.replaceAll("\\.{2,}", ".").replaceAll("_{2,}", "_").replaceAll("_+\\.", ".");
        name = name.replaceAll("^[._-]+", "").replaceAll("[._-]+$", "");
        if (name.isEmpty()) return FALLBACK;
        return cap(name);
    }

    private static String cap(String name) {
        if (name.length() <= MAX_NAME_LENGTH) return name;
        String ext = extension(name);
        String base = name.substring(0, name.length() - ext.length());
        return base.substring(0, MAX_NAME_LENGTH - ext.length()).replaceAll("[._-]+$", "") + ext;
    }

    /** ".png" for "a.png"; "" when there is none or it is implausibly long. */
    static String extension(String name) {
        int dot = name.lastIndexOf('.');
        if (dot <= 0 || name.length() - dot > MAX_EXTENSION_LENGTH + 1) return "";
        return name.substring(dot);
    }

    private static String withSuffix(String name, String suffix) {
        String ext = extension(name);
        return name.substring(0, name.length() - ext.length()) + suffix + ext;
    }
}
