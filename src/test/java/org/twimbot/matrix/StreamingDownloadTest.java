package org.twimbot.matrix;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import okhttp3.mockwebserver.MockResponse;
import okhttp3.mockwebserver.MockWebServer;
import okio.Buffer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StreamingDownloadTest {
    @TempDir
    Path dir;

    @Test
    void streamsTheBodyToAFileAndStillEnforcesTheLimit() throws Exception {
        byte[] picture = new byte[3 * 1024 * 1024 + 17];
        new Random(7).nextBytes(picture);
        try (MockWebServer server = new MockWebServer()) {
            server.enqueue(new MockResponse().setBody("{\"versions\":[\"v1.2\"]}"));
            server.enqueue(new MockResponse().setBody(new Buffer().write(picture)));
            server.enqueue(new MockResponse()
                    .setBody(new Buffer().write(picture))
                    .removeHeader("Content-Length")
                    .setChunkedBody(new Buffer().write(picture), 64 * 1024));
            MatrixClient client = new MatrixClient(server.url("/").toString(), RetryPolicy.fast());
            Path target = dir.resolve("picture.png");
            assertEquals(picture.length, client.downloadTo("mxc://example.org/abc", picture.length, target));
            assertArrayEquals(picture, Files.readAllBytes(target));
            assertEquals(
                    "/_matrix/media/v3/download/example.org/abc",
                    server.takeRequest().getPath().equals("/_matrix/client/versions")
                            ? server.takeRequest().getPath()
                            : "first request was not /versions");
            MatrixException e = assertThrows(
                    MatrixException.class,
                    () -> client.downloadTo("mxc://example.org/abc", picture.length - 1, dir.resolve("big.png")));
            assertEquals("M_TOO_LARGE", e.errcode(), "a chunked body without Content-Length is cut at the limit too");
            client.close();
        }
    }
}
