package org.twimbot.bot;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Checks, before anything is opened, that the bot may write where its database and media go. A bind-mounted
 * folder owned by root is the classic container mistake; SQLite's own error would be a stack trace about a
 * journal file, so the advice (which uid must own it, and the chown to run) is given here instead.
 */
final class DataFolders {
    private DataFolders() {}

    /** @throws StartupFailure when the folder of {@code path} (for a file) or {@code path} itself (a folder) cannot be written */
    static void requireWritable(String key, Path path, boolean isFolder) {
        Path folder = isFolder ? path : path.toAbsolutePath().getParent();
        if (folder == null) return;
        Path existing = folder;
        while (existing != null && !Files.exists(existing)) existing = existing.getParent();
        if (existing == null) return;
        if (Files.isWritable(existing) && (isFolder || !Files.exists(path) || Files.isWritable(path))) return;
        Path culprit = Files.isWritable(existing) ? path : existing;
        String owner = ProcessUser.uidGid();
        String who =
                owner == null ? "this user" : "uid " + owner.substring(0, owner.indexOf(':')) + " (the bot's user)";
        String fix = owner == null
                ? "make it writable for the user running the bot"
                : "make it writable, e.g. on the host: sudo chown -R " + owner + " <the folder mounted there>";
        throw StartupFailure.unavailable(key + " " + path + ": " + culprit + " is not writable by " + who + "; " + fix);
    }

    /** The process's uid and gid as {@code uid:gid}, from Linux's /proc; null elsewhere. */
    static final class ProcessUser {
        private ProcessUser() {}

        static String uidGid() {
            try {
                List<String> status = Files.readAllLines(Path.of("/proc/self/status"));
                String uid = field(status, "Uid:");
                String gid = field(status, "Gid:");
                return uid == null || gid == null ? null : uid + ":" + gid;
            } catch (IOException | RuntimeException e) {
                return null;
            }
        }

        /** The first (real) id of a {@code Uid:} / {@code Gid:} line. */
        private static String field(List<String> lines, String name) {
            for (String line : lines) {
                if (line.startsWith(name))
                    return line.substring(name.length()).strip().split("\\s+")[0];
            }
            return null;
        }
    }
}
