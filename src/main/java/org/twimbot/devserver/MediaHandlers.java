package org.twimbot.devserver;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Media: upload, the legacy unauthenticated /_matrix/media/v3/download (can be switched off
 * to mimic servers that froze unauthenticated media) and the authenticated
 * /_matrix/client/v1/media/download, plus the config endpoints.
 */
final class MediaHandlers {
    private static final List<String> INLINE_PREFIXES = List.of("image/", "video/", "audio/", "text/plain");

    private final Homeserver hs;
    private final boolean legacyEnabled;

    MediaHandlers(Homeserver hs, boolean legacyEnabled) {
        this.hs = hs;
        this.legacyEnabled = legacyEnabled;
    }

    List<Route> routes() {
        List<Route> routes = new ArrayList<>();
        routes.add(Route.of("POST", "media/upload", true, this::upload));
        routes.add(Route.of("GET", "media/config", true, this::config));
        routes.add(Route.of("GET", "v1/media/config", true, this::config));
        for (String method : List.of("GET", "HEAD")) {
            routes.add(Route.of(method, "media/download/{}/{}", false, this::legacyDownload));
            routes.add(Route.of(method, "media/download/{}/{}/{}", false, this::legacyDownload));
            routes.add(Route.of(method, "v1/media/download/{}/{}", true, this::download));
            routes.add(Route.of(method, "v1/media/download/{}/{}/{}", true, this::download));
        }
        return routes;
    }

    private Reply upload(Call c) {
        String contentType = c.contentType() == null ? "application/octet-stream" : c.contentType();
        MediaRepo.Media m = hs.media.store(c.body(), contentType, c.query("filename"), c.userId());
        return Reply.ok(Map.of("content_uri", "mxc://" + hs.serverName + "/" + m.mediaId()));
    }

    private Reply config(Call c) {
        return Reply.ok(Map.of("m.upload.size", hs.media.maxUploadBytes()));
    }

    private Reply legacyDownload(Call c) {
        if (!legacyEnabled) {
            // what Synapse answers once unauthenticated media is frozen
            throw MatrixError.notFound("Not found");
        }
        return download(c);
    }

    private Reply download(Call c) {
        if (!c.param(0).equals(hs.serverName)) {
            // a server without federation cannot fetch remote media: Synapse's answer when that fails
            throw new MatrixError(502, "M_UNKNOWN", "Failed to fetch remote media");
        }
        MediaRepo.Media m = hs.media.get(c.param(1));
        if (m == null) {
            throw MatrixError.notFound("Not found");
        }
        String fileName = c.params().size() > 2 ? c.param(2) : m.fileName();
        return Reply.bytes(
                m.bytes(),
                m.contentType(),
                Map.of(
                        "Content-Disposition",
                        disposition(m.contentType(), fileName),
                        "Cross-Origin-Resource-Policy",
                        "cross-origin"));
    }

    /** Like Synapse: inline for types a browser can show safely, attachment otherwise. */
    private static String disposition(String contentType, String fileName) {
        boolean inline = INLINE_PREFIXES.stream().anyMatch(contentType::startsWith);
        String kind = inline ? "inline" : "attachment";
        if (fileName == null || fileName.isEmpty()) {
            return kind;
        }
        String encoded = URLEncoder.encode(fileName, StandardCharsets.UTF_8).replace("+", "%20");
        return kind + "; filename*=utf-8''" + encoded;
    }
}
