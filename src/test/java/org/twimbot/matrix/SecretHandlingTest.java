package org.twimbot.matrix;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.spi.ILoggingEvent;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;
import okhttp3.mockwebserver.MockResponse;
import okhttp3.mockwebserver.RecordedRequest;
import okhttp3.mockwebserver.SocketPolicy;
import org.junit.jupiter.api.Test;

/** The access token travels in the Authorization header and nowhere else: not URLs, exceptions, toStrings or logs. */
class SecretHandlingTest extends MockServerTest {

    @Test
    void tokenNeverInUrlsExceptionsToStringsOrLogs() throws Exception {
        List<Throwable> thrown = new ArrayList<>();
        // A hostile or buggy server echoing the token back in its error text.
        server.enqueue(json(403, "{\"errcode\":\"M_FORBIDDEN\",\"error\":\"token " + TOKEN + " may not do that\"}"));
        thrown.add(assertThrows(MatrixException.class, () -> client.joinRoom("#twim:matrix.org")));
        server.enqueue(json(401, "{\"errcode\":\"M_UNKNOWN_TOKEN\",\"error\":\"Unknown token " + TOKEN + "\"}"));
        thrown.add(assertThrows(MatrixException.class, client::whoami));
        for (int i = 0; i < 5; i++) server.enqueue(json(503, "{\"error\":\"" + TOKEN + "\"}"));
        thrown.add(assertThrows(MatrixException.class, () -> client.sync("s1", null, 0)));
        for (int i = 0; i < 5; i++)
            server.enqueue(new MockResponse().setSocketPolicy(SocketPolicy.DISCONNECT_AT_START));
        thrown.add(assertThrows(IOException.class, client::joinedRooms));
        for (int i = 0; i < 5; i++) server.enqueue(ok(TOKEN + " is not json"));
        thrown.add(assertThrows(IOException.class, client::joinedRooms));
        server.enqueue(ok("{\"versions\":[\"v1.11\"]}"));
        server.enqueue(json(404, "{\"errcode\":\"M_NOT_FOUND\",\"error\":\"" + TOKEN + "\"}"));
        thrown.add(assertThrows(MatrixException.class, () -> client.download("mxc://x/y", 10)));
        server.enqueue(ok("{\"user_id\":\"@bot:x\",\"device_id\":\"D\"}"));
        Session session = client.whoami();

        for (Throwable t : thrown) {
            StringWriter trace = new StringWriter();
            t.printStackTrace(new PrintWriter(trace));
            assertFalse(trace.toString().contains(TOKEN), "token leaked in " + trace);
        }
        assertFalse(session.toString().contains(TOKEN), session.toString());
        assertFalse(client.toString().contains(TOKEN), client.toString());
        assertTrue(thrown.get(0).getMessage().contains("may not do that"), "the rest of the server's text is kept");

        int requests = server.getRequestCount();
        for (int i = 0; i < requests; i++) {
            RecordedRequest r = server.takeRequest();
            if (r.getRequestUrl() == null) continue; // disconnected before a request line was read
            assertFalse(r.getRequestUrl().toString().contains(TOKEN), "token in URL " + r.getRequestUrl());
        }

        assertFalse(logs.list.isEmpty());
        for (ILoggingEvent event : logs.list) {
            assertFalse(event.getFormattedMessage().contains(TOKEN), "token in log: " + event.getFormattedMessage());
            if (event.getThrowableProxy() != null)
                assertFalse(event.getThrowableProxy().getMessage() != null
                        && event.getThrowableProxy().getMessage().contains(TOKEN));
        }
    }

    @Test
    void debugLogHasMethodPathStatusAndNoQueryValues() throws Exception {
        server.enqueue(ok("{\"next_batch\":\"s2\"}"));
        client.sync("since_secretish_token", "filter9", 0);
        List<String> debug = logLines(Level.DEBUG);
        assertTrue(
                debug.stream().anyMatch(l -> l.matches("GET /_matrix/client/v3/sync -> 200 \\(\\d+ ms\\)")),
                debug.toString());
        assertTrue(
                debug.stream().noneMatch(l -> l.contains("since_secretish_token") || l.contains("filter9")),
                debug.toString());
    }

    @Test
    void passwordNeverLogged() throws Exception {
        server.enqueue(json(403, "{\"errcode\":\"M_FORBIDDEN\",\"error\":\"Invalid password\"}"));
        MatrixException e = assertThrows(
                MatrixException.class, () -> client.loginWithPassword("@bot:x", "pa55word!", null, "twimbot"));
        assertEquals(403, e.httpStatus());
        assertFalse(e.getMessage().contains("pa55word!"));
        assertTrue(logs.list.stream().noneMatch(l -> l.getFormattedMessage().contains("pa55word!")));
    }
}
