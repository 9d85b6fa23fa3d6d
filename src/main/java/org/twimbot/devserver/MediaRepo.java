package org.twimbot.devserver;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** Uploaded media kept in memory, keyed by media id. */
final class MediaRepo {
    /** Default limit; bigger requests are refused with 413 M_TOO_LARGE (advertised as m.upload.size). */
    static final long DEFAULT_MAX_UPLOAD_BYTES = 100L * 1024 * 1024;

    record Media(String mediaId, byte[] bytes, String contentType, String fileName, String uploader) {}

    private final Map<String, Media> media = new ConcurrentHashMap<>();
    private final long maxUploadBytes;

    MediaRepo(long maxUploadBytes) {
        this.maxUploadBytes = maxUploadBytes;
    }

    long maxUploadBytes() {
        return maxUploadBytes;
    }

    Media store(byte[] bytes, String contentType, String fileName, String uploader) {
        Media m = new Media(Ids.mediaId(), bytes, contentType, fileName, uploader);
        media.put(m.mediaId(), m);
        return m;
    }

    Media get(String mediaId) {
        return media.get(mediaId);
    }

    int count() {
        return media.size();
    }
}
