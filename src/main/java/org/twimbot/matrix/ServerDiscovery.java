package org.twimbot.matrix;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;

/**
 * Finds the client-server API's base URL from a server name the way clients do (spec v1.12, client-server API,
 * "Well-known URIs"): GET {@code https://SERVER/.well-known/matrix/client}; a 404 means the server name itself is
 * the base URL; any other error, a body that is not JSON or lacks {@code m.homeserver.base_url}, or a base URL that
 * is not http(s) is a failure with the reason. The base URL is then checked like any configured one (GET /versions at
 * start).
 */
public final class ServerDiscovery {
    /** A well-known document is a few lines; a server answering with a page must not be read whole. */
    static final int MAX_BYTES = 64 * 1024;

    private static final ObjectMapper JSON = new ObjectMapper();

    private ServerDiscovery() {}

    /** The base URL for {@code serverName} (host, or host:port), over HTTPS as the spec requires. */
    public static String baseUrl(String serverName) throws IOException {
        OkHttpClient http =
                new OkHttpClient.Builder().callTimeout(Duration.ofSeconds(30)).build();
        try {
            return baseUrl(serverName, HttpUrl.get("https://" + serverName + "/"), http);
        } finally {
            http.dispatcher().executorService().shutdown();
            http.connectionPool().evictAll();
        }
    }

    /** @param wellKnownHost where the well-known document is asked for (https://SERVER/; a test server in tests) */
    static String baseUrl(String serverName, HttpUrl wellKnownHost, OkHttpClient http) throws IOException {
        HttpUrl url = wellKnownHost
                .newBuilder()
                .encodedPath("/.well-known/matrix/client")
                .build();
        try (Response response = http.newCall(new Request.Builder()
                        .url(url)
                        .header("User-Agent", "twimbot")
                        .build())
                .execute()) {
            if (response.code() == 404) return "https://" + serverName;
            if (response.code() != 200) throw new IOException(url + " answered HTTP " + response.code());
            JsonNode doc;
            try (InputStream in = response.body().byteStream()) {
                byte[] bytes = in.readNBytes(MAX_BYTES + 1);
                if (bytes.length > MAX_BYTES) throw new IOException(url + " is larger than " + MAX_BYTES + " bytes");
                doc = JSON.readTree(bytes);
            } catch (JsonProcessingException e) {
                throw new IOException(url + " is not JSON");
            }
            JsonNode base = doc == null ? null : doc.path("m.homeserver").path("base_url");
            if (base == null || !base.isTextual()) throw new IOException(url + " has no m.homeserver.base_url");
            HttpUrl parsed = HttpUrl.parse(base.asText());
            if (parsed == null)
                throw new IOException(url + ": m.homeserver.base_url '" + base.asText() + "' is not an http(s) URL");
            String text = parsed.toString();
            while (text.endsWith("/")) text = text.substring(0, text.length() - 1);
            return text;
        }
    }
}
