package org.twimbot.render;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.util.Map;
import java.util.TreeMap;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * The {@code !bundle} zip: the post at the root and every media file next to it under the name
 * the post references. Names are checked again here (a zip entry "../x" would escape the
 * directory it is unpacked into); entries are sorted with a fixed timestamp so equal input
 * gives equal bytes.
 */
public final class DraftBundle {
    private static final LocalDateTime FIXED_TIME = LocalDateTime.of(2000, 1, 1, 0, 0);

    private DraftBundle() {}

    public static byte[] zip(String markdownFileName, String markdown, Map<String, byte[]> mediaByName) {
        requireSafe(markdownFileName);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(bytes, StandardCharsets.UTF_8)) {
            put(zip, markdownFileName, markdown.getBytes(StandardCharsets.UTF_8));
            for (Map.Entry<String, byte[]> e : new TreeMap<>(mediaByName).entrySet()) {
                requireSafe(e.getKey());
                if (e.getKey().equals(markdownFileName))
                    throw new IllegalArgumentException("media name clashes with the post: " + e.getKey());
                put(zip, e.getKey(), e.getValue());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    /**
     * The same zip written to {@code out}, reading each media file as it goes: a week of large
     * videos never has to fit in the heap.
     */
    public static void write(OutputStream out, String markdownFileName, String markdown, Map<String, Path> mediaFiles)
            throws IOException {
        requireSafe(markdownFileName);
        try (ZipOutputStream zip = new ZipOutputStream(out, StandardCharsets.UTF_8)) {
            put(zip, markdownFileName, markdown.getBytes(StandardCharsets.UTF_8));
            for (Map.Entry<String, Path> e : new TreeMap<>(mediaFiles).entrySet()) {
                requireSafe(e.getKey());
                if (e.getKey().equals(markdownFileName))
                    throw new IllegalArgumentException("media name clashes with the post: " + e.getKey());
                ZipEntry entry = new ZipEntry(e.getKey());
                entry.setTimeLocal(FIXED_TIME);
                zip.putNextEntry(entry);
                Files.copy(e.getValue(), zip);
                zip.closeEntry();
            }
        }
    }

    private static void put(ZipOutputStream zip, String name, byte[] content) throws IOException {
        ZipEntry entry = new ZipEntry(name);
        entry.setTimeLocal(FIXED_TIME);
        zip.putNextEntry(entry);
        zip.write(content);
        zip.closeEntry();
    }

    private static void requireSafe(String name) {
        if (!MediaNames.isSafe(name)) throw new IllegalArgumentException("unsafe file name for the bundle: " + name);
    }
}
