package org.twimbot.devserver;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.twimbot.devserver.TestClient.Resp;

class MediaTest {
    private static final byte[] PNG = {(byte) 0x89, 'P', 'N', 'G', 13, 10, 26, 10, 0, 1, 2, 3};
    private DevServer server;
    private TestClient alice;

    @BeforeEach
    void start() {
        server = DevServer.start(0, "test.local");
        alice = TestClient.registered(server, "alice");
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private String upload(TestClient client) {
        Resp r = client.postRaw("/_matrix/media/v3/upload?filename=screen%20shot.png", PNG, "image/png");
        assertEquals(200, r.code(), String.valueOf(r.json()));
        String uri = r.text("content_uri");
        assertTrue(uri.matches("mxc://test\\.local/[A-Za-z]+"), uri);
        return uri.substring("mxc://test.local/".length());
    }

    @Test
    void uploadThenDownloadOnBothPaths() {
        String mediaId = upload(alice);

        Resp legacy = new TestClient(server).get("/_matrix/media/v3/download/test.local/" + mediaId);
        assertEquals(200, legacy.code());
        assertArrayEquals(PNG, legacy.bytes());
        assertEquals("image/png", legacy.headers().get("Content-Type"));
        assertEquals(
                "inline; filename*=utf-8''screen%20shot.png", legacy.headers().get("Content-Disposition"));

        Resp authenticated = alice.get("/_matrix/client/v1/media/download/test.local/" + mediaId + "/other.png");
        assertEquals(200, authenticated.code());
        assertArrayEquals(PNG, authenticated.bytes());
        assertEquals("image/png", authenticated.headers().get("Content-Type"));
        assertTrue(authenticated.headers().get("Content-Disposition").contains("other.png"));
    }

    @Test
    void authenticatedDownloadNeedsAToken() {
        String mediaId = upload(alice);
        Resp r = new TestClient(server).get("/_matrix/client/v1/media/download/test.local/" + mediaId);
        assertEquals(401, r.code());
        assertEquals("M_MISSING_TOKEN", r.errcode());
    }

    @Test
    void uploadNeedsAToken() {
        Resp r = new TestClient(server).postRaw("/_matrix/media/v3/upload", PNG, "image/png");
        assertEquals(401, r.code());
    }

    @Test
    void unknownMediaIsNotFound() {
        Resp r = alice.get("/_matrix/client/v1/media/download/test.local/doesnotexist");
        assertEquals(404, r.code());
        assertEquals("M_NOT_FOUND", r.errcode());
    }

    /** As Synapse 1.67 (media_repository.py): a remote server it cannot fetch from is 502 M_UNKNOWN, on both paths. */
    @Test
    void remoteMediaItCannotFetchIsBadGateway() {
        String mediaId = upload(alice);
        for (String path : new String[] {
            "/_matrix/client/v1/media/download/evil.example/" + mediaId,
            "/_matrix/media/v3/download/evil.example/x",
            "/_matrix/client/v1/media/download/evil.example/x/name.png"
        }) {
            Resp r = alice.get(path);
            assertEquals(502, r.code(), path);
            assertEquals("M_UNKNOWN", r.errcode(), path);
            assertEquals("Failed to fetch remote media", r.text("error"), path);
        }
    }

    @Test
    void frozenLegacyMediaAnswers404ButV1Works() {
        try (DevServer frozen = DevServer.start(
                DevServer.Options.defaults().withServerName("test.local").withLegacyMediaEnabled(false))) {
            TestClient bob = TestClient.registered(frozen, "bob");
            String mediaId = upload(bob);
            Resp legacy = bob.get("/_matrix/media/v3/download/test.local/" + mediaId);
            assertEquals(404, legacy.code());
            assertEquals("M_NOT_FOUND", legacy.errcode());
            Resp v1 = bob.get("/_matrix/client/v1/media/download/test.local/" + mediaId);
            assertArrayEquals(PNG, v1.bytes());
        }
    }

    @Test
    void configAdvertisesTheUploadLimit() {
        assertEquals(
                100L * 1024 * 1024,
                alice.get("/_matrix/client/v1/media/config")
                        .json()
                        .path("m.upload.size")
                        .asLong());
        assertEquals(
                100L * 1024 * 1024,
                alice.get("/_matrix/media/v3/config")
                        .json()
                        .path("m.upload.size")
                        .asLong());
    }

    @Test
    void oversizedUploadsAreRefused() {
        try (DevServer small = DevServer.start(DevServer.Options.defaults().withServerName("test.local"), 1024)) {
            TestClient bob = TestClient.registered(small, "bob");
            Resp r = bob.postRaw(
                    "/_matrix/media/v3/upload?filename=big.bin", new byte[2048], "application/octet-stream");
            assertEquals(413, r.code());
            assertEquals("M_TOO_LARGE", r.errcode());
            assertEquals(
                    1024,
                    bob.get("/_matrix/client/v1/media/config")
                            .json()
                            .path("m.upload.size")
                            .asLong());
            assertEquals(
                    200,
                    bob.postRaw("/_matrix/media/v3/upload", new byte[1024], "application/octet-stream")
                            .code());
        }
    }

    @Test
    void nonImageDownloadsAreAttachments() {
        Resp r = alice.postRaw(
                "/_matrix/media/v3/upload?filename=draft.md", "# hi".getBytes(StandardCharsets.UTF_8), "text/markdown");
        String mediaId = r.text("content_uri").substring("mxc://test.local/".length());
        Resp d = alice.get("/_matrix/client/v1/media/download/test.local/" + mediaId);
        assertEquals("# hi", new String(d.bytes(), StandardCharsets.UTF_8));
        assertTrue(d.headers().get("Content-Disposition").startsWith("attachment"));
    }
}
