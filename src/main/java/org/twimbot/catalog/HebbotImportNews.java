package org.twimbot.catalog;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Reads hebbot's {@code store.json}: a JSON object mapping the news event id to hebbot's
 * {@code News} (serde): {@code event_id}, {@code reporter_id}, {@code reporter_display_name},
 * {@code timestamp} (RFC 3339, chrono), {@code message}, {@code section_names} and
 * {@code project_names} (reaction event id → hebbot section/project <em>name</em>),
 * {@code images} and {@code videos} (reaction/media event id → [file name, mxc uri] until early 2025,
 * reaction event id → [file event id, file name, mxc uri] since).
 *
 * <p>Tolerant where hebbot versions differ (missing maps, unknown fields are ignored; a missing
 * {@code event_id} falls back to the map key) and strict where the data would be wrong
 * (no reporter, no message, unreadable timestamp): those are reported with their JSON path.
 */
public final class HebbotImportNews {
    private HebbotImportNews() {}

    /** An image or video hebbot linked to a news item. eventId: the event that linked it (reaction or media event). */
    public record Media(String eventId, String fileName, String mxcUri) {}

    /**
     * One stored hebbot news item. sectionKeys are hebbot section names, which are twimbot section
     * keys after import; projectNames are hebbot project names: map them with
     * {@link #projectKeys(HebbotImport.Result)}. Lists are sorted and free of duplicates.
     */
    public record News(
            String eventId,
            String reporterId,
            String reporterDisplayName,
            String message,
            Instant timestamp,
            List<String> sectionKeys,
            List<String> projectNames,
            List<Media> images,
            List<Media> videos) {
        public News {
            sectionKeys = List.copyOf(sectionKeys);
            projectNames = List.copyOf(projectNames);
            images = List.copyOf(images);
            videos = List.copyOf(videos);
        }

        /** The twimbot project keys; a name the config does not know is kept as is (the catalog will not find it). */
        public List<String> projectKeys(HebbotImport.Result config) {
            List<String> keys = new ArrayList<>();
            for (String name : projectNames) {
                String key = config.projectKeysByHebbotName().getOrDefault(name, name);
                if (!keys.contains(key)) keys.add(key);
            }
            return keys;
        }
    }

    public static List<News> read(Path storeJson) throws IOException, HebbotImportException {
        try {
            return parse(
                    Files.readString(storeJson, StandardCharsets.UTF_8),
                    storeJson.getFileName().toString());
        } catch (NoSuchFileException e) {
            throw new HebbotImportException(List.of(storeJson + ": file not found"));
        }
    }

    /** @return the news ordered by timestamp, then event id (hebbot's map has no order) */
    public static List<News> parse(String json, String sourceName) throws HebbotImportException {
        JsonNode root;
        try {
            root = new ObjectMapper().readTree(json);
        } catch (JsonProcessingException e) {
            JsonLocation loc = e.getLocation();
            String where = loc == null ? "" : " at line " + loc.getLineNr() + ", column " + loc.getColumnNr();
            throw new HebbotImportException(List.of(
                    sourceName + ": invalid JSON" + where + ": " + HebbotImport.firstLine(e.getOriginalMessage())));
        }
        if (root == null || root.isMissingNode() || root.isNull()) return List.of();
        if (!root.isObject()) {
            throw new HebbotImportException(List.of(sourceName + ": expected a JSON object of news keyed by event id"));
        }
        HebbotImportFields f = new HebbotImportFields(new ArrayList<>());
        List<News> out = new ArrayList<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = root.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            String p = "[\"" + e.getKey() + "\"]";
            JsonNode n = e.getValue();
            if (!n.isObject()) {
                f.problem(p, "expected an object");
                continue;
            }
            News news = parseOne(n, p, e.getKey(), f);
            if (news != null) out.add(news);
        }
        if (!f.problems().isEmpty()) throw new HebbotImportException(f.problems());
        out.sort(Comparator.comparing(News::timestamp).thenComparing(News::eventId));
        return out;
    }

    private static News parseOne(JsonNode n, String p, String mapKey, HebbotImportFields f) {
        int before = f.problems().size();
        String eventId = f.optionalString(n, p, "event_id", mapKey);
        if (!eventId.equals(mapKey)) f.problem(p + ".event_id", "differs from its key '" + mapKey + "'");
        String reporter = f.requiredString(n, p, "reporter_id");
        String displayName = f.optionalString(n, p, "reporter_display_name", reporter == null ? "" : reporter);
        String message = f.requiredString(n, p, "message");
        Instant timestamp = timestamp(n, p, f);
        List<String> sections = names(n, p, "section_names", f);
        List<String> projects = names(n, p, "project_names", f);
        List<Media> images = media(n, p, "images", f);
        List<Media> videos = media(n, p, "videos", f);
        if (f.problems().size() > before) return null;
        return new News(eventId, reporter, displayName, message, timestamp, sections, projects, images, videos);
    }

    private static Instant timestamp(JsonNode n, String p, HebbotImportFields f) {
        String s = f.requiredString(n, p, "timestamp");
        if (s == null) return null;
        try {
            return OffsetDateTime.parse(s).toInstant();
        } catch (DateTimeParseException e) {
            f.problem(p + ".timestamp", "not an RFC 3339 time: '" + s + "'");
            return null;
        }
    }

    /** {reaction event id: name} → the distinct names, sorted (as hebbot's section_names()/project_names() do). */
    private static List<String> names(JsonNode n, String p, String field, HebbotImportFields f) {
        JsonNode map = n.get(field);
        if (map == null || map.isNull()) return List.of();
        if (!map.isObject()) {
            f.problem(p + "." + field, "expected an object of reaction event id to name");
            return List.of();
        }
        TreeSet<String> names = new TreeSet<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = map.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            if (e.getValue().isTextual()) names.add(e.getValue().asText());
            else f.problem(p + "." + field + "[\"" + e.getKey() + "\"]", "expected a string");
        }
        return new ArrayList<>(names);
    }

    /**
     * {reaction or media event id: [file name, mxc uri]} (hebbot until early 2025) or {reaction event id:
     * [file event id, file name, mxc uri]} (since): a triple names the media by its file event, so
     * several editors' reactions on one picture give it once. Sorted by event id for a stable order.
     */
    private static List<Media> media(JsonNode n, String p, String field, HebbotImportFields f) {
        JsonNode map = n.get(field);
        if (map == null || map.isNull()) return List.of();
        if (!map.isObject()) {
            f.problem(p + "." + field, "expected an object of event id to [file event id, file name, mxc uri]");
            return List.of();
        }
        Map<String, Media> byEvent = new TreeMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = map.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            Media m = media(e.getKey(), e.getValue());
            if (m == null) {
                f.problem(
                        p + "." + field + "[\"" + e.getKey() + "\"]",
                        "expected [file event id, file name, mxc uri] or [file name, mxc uri]");
            } else {
                byEvent.putIfAbsent(m.eventId(), m);
            }
        }
        return new ArrayList<>(byEvent.values());
    }

    private static Media media(String key, JsonNode v) {
        if (!v.isArray() || v.size() < 2 || v.size() > 3) return null;
        for (JsonNode part : v) {
            if (!part.isTextual()) return null;
        }
        String mxc = v.get(v.size() - 1).asText();
        if (!mxc.startsWith("mxc://")) return null;
        String eventId = v.size() == 3 ? v.get(0).asText() : key;
        return new Media(eventId, v.get(v.size() - 2).asText(), mxc);
    }
}
