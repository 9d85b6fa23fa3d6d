package org.twimbot.matrix;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import okhttp3.mockwebserver.MockResponse;
import okhttp3.mockwebserver.RecordedRequest;
import okio.Buffer;
import org.junit.jupiter.api.Test;

/** Download endpoint choice by advertised spec version, the size limit, and hostile mxc URIs. */
class MediaTest extends MockServerTest {
    private static final String OLD_SYNAPSE = "{\"versions\":[\"r0.5.0\",\"r0.6.0\",\"r0.6.1\",\"v1.1\",\"v1.2\"]}";
    private static final String CURRENT = "{\"versions\":[\"v1.2\",\"v1.10\",\"v1.11\"]}";

    private static MockResponse bytes(byte[] data) {
        return new MockResponse().setHeader("Content-Type", "image/png").setBody(new Buffer().write(data));
    }

    @Test
    void legacyMediaEndpointOnServerAdvertisingOnlyV12() throws Exception {
        server.enqueue(ok(OLD_SYNAPSE));
        server.enqueue(bytes(new byte[] {9, 8, 7}));
        assertArrayEquals(new byte[] {9, 8, 7}, client.download("mxc://matrix.org/AbCdEf_12-3", 1000));
        assertEquals("/_matrix/client/versions", take().getPath());
        RecordedRequest r = take();
        assertEquals("GET", r.getMethod());
        assertEquals("/_matrix/media/v3/download/matrix.org/AbCdEf_12-3", r.getPath());
        assertNull(r.getHeader("Authorization"), "the legacy endpoint is unauthenticated");
    }

    @Test
    void authenticatedMediaEndpointOnV111Server() throws Exception {
        server.enqueue(ok(CURRENT));
        server.enqueue(bytes(new byte[] {1}));
        server.enqueue(bytes(new byte[] {2}));
        assertArrayEquals(new byte[] {1}, client.download("mxc://example.org:8448/media1", 10));
        assertArrayEquals(new byte[] {2}, client.download("mxc://[::1]:8448/media2", 10));
        assertEquals("/_matrix/client/versions", take().getPath());
        RecordedRequest r = take();
        assertEquals("/_matrix/client/v1/media/download/example.org:8448/media1", r.getPath());
        assertEquals("Bearer " + TOKEN, r.getHeader("Authorization"));
        assertEquals("/_matrix/client/v1/media/download/[::1]:8448/media2", take().getPath());
        assertEquals(3, server.getRequestCount(), "versions fetched once");
    }

    @Test
    void bodyAtTheLimitIsAccepted() throws Exception {
        server.enqueue(ok(CURRENT));
        server.enqueue(bytes(new byte[100]));
        assertEquals(100, client.download("mxc://x/m", 100).length);
    }

    @Test
    void declaredContentLengthOverTheLimitIsRejected() throws Exception {
        server.enqueue(ok(CURRENT));
        server.enqueue(bytes(new byte[101]));
        MatrixException e = assertThrows(MatrixException.class, () -> client.download("mxc://x/m", 100));
        assertEquals(413, e.httpStatus());
        assertEquals("M_TOO_LARGE", e.errcode());
        assertEquals(2, server.getRequestCount(), "not retried");
    }

    @Test
    void chunkedBodyOverTheLimitIsRejectedWhileStreaming() throws Exception {
        server.enqueue(ok(CURRENT));
        // chunked: no Content-Length to trust, the limit must be enforced on the bytes read
        server.enqueue(new MockResponse().setChunkedBody(new Buffer().write(new byte[50_000]), 4096));
        MatrixException e = assertThrows(MatrixException.class, () -> client.download("mxc://x/m", 10_000));
        assertEquals(413, e.httpStatus());
        assertTrue(e.getMessage().contains("mxc://x/m"), e.getMessage());
    }

    @Test
    void missingMediaIsNotFound() throws Exception {
        server.enqueue(ok(CURRENT));
        server.enqueue(json(404, "{\"errcode\":\"M_NOT_FOUND\",\"error\":\"Not found\"}"));
        MatrixException e = assertThrows(MatrixException.class, () -> client.download("mxc://x/gone", 10));
        assertTrue(e.isNotFound());
    }

    @Test
    void hostileMxcUrisAreRejectedBeforeAnyRequest() {
        List<String> hostile = List.of(
                "https://evil.example/media",
                "mxc://",
                "mxc://server",
                "mxc://server/",
                "mxc:///media",
                "mxc://../media",
                "mxc://./media",
                "mxc://server/..",
                "mxc://server/.",
                "mxc://server/a/b",
                "mxc://server/a%2Fb",
                "mxc://server/a?access_token=x",
                "mxc://server/a#frag",
                "mxc://ser ver/a",
                "mxc://server..evil/a",
                "mxc://-server/a",
                "mxc://server:99999/a",
                "mxc://server:/a",
                "mxc://user@server/a",
                "mxc://[::1/a",
                "mxc://server/" + "a".repeat(256),
                "MXC://server/a",
                "mxc://sérver/a");
        for (String uri : hostile) {
            IllegalArgumentException e =
                    assertThrows(IllegalArgumentException.class, () -> client.download(uri, 10), uri);
            assertTrue(e.getMessage().startsWith("invalid mxc URI: "), e.getMessage());
        }
        assertEquals(0, server.getRequestCount());
    }

    @Test
    void mxcUriParsesValidForms() {
        assertEquals(new MxcUri("matrix.org", "AbC-_09"), MxcUri.parse("mxc://matrix.org/AbC-_09"));
        assertEquals(new MxcUri("1.2.3.4:8448", "x"), MxcUri.parse("mxc://1.2.3.4:8448/x"));
        assertEquals(new MxcUri("[2001:db8::1]", "x"), MxcUri.parse("mxc://[2001:db8::1]/x"));
        assertEquals("mxc://localhost/x", MxcUri.parse("mxc://localhost/x").toString());
        assertTrue(assertThrows(IllegalArgumentException.class, () -> MxcUri.parse("mxc://server/a/b"))
                .getMessage()
                .contains("slash"));
    }
}
