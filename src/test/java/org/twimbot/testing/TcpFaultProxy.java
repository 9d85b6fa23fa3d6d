package org.twimbot.testing;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;

/**
 * A TCP proxy in front of a test homeserver (the dev server or MockWebServer) that fails the way a
 * network and a restarting homeserver do, below HTTP, where the servers themselves cannot:
 * <ul>
 *   <li>{@link #resetResponseTo}: the response to the next matching request is cut in the middle of
 *       its body by a real TCP reset (RST: the socket closed with {@code SO_LINGER 0});</li>
 *   <li>{@link #down()} / {@link #up()}: the port stops listening (connection refused) and every open
 *       connection is reset, as when the homeserver process stops; later the same port listens again,
 *       in front of the same data.</li>
 * </ul>
 * Plain HTTP/1.1 only (the request line of every request is recorded, for assertions).
 */
public final class TcpFaultProxy implements AutoCloseable {
    private static final String[] METHODS = {"GET ", "PUT ", "POST ", "DELETE ", "HEAD ", "OPTIONS "};

    private final InetSocketAddress upstream;
    private final int port;
    private final Set<Socket> open = ConcurrentHashMap.newKeySet();
    private final Queue<Predicate<String>> armed = new ConcurrentLinkedQueue<>();
    private final List<String> requestLines = new CopyOnWriteArrayList<>();
    private final AtomicInteger resets = new AtomicInteger();
    private volatile ServerSocket listener;

    private TcpFaultProxy(InetSocketAddress upstream) throws IOException {
        this.upstream = upstream;
        this.port = listen(0);
    }

    /** A proxy on a free local port forwarding to {@code upstreamBaseUrl} (e.g. {@code http://127.0.0.1:8008}). */
    public static TcpFaultProxy start(String upstreamBaseUrl) throws IOException {
        URI uri = URI.create(upstreamBaseUrl);
        return new TcpFaultProxy(new InetSocketAddress(uri.getHost(), uri.getPort()));
    }

    public String baseUrl() {
        return "http://127.0.0.1:" + port;
    }

    /**
     * The next response to start whose request line (e.g. {@code GET /_matrix/client/v3/sync?...})
     * matches is reset mid-body; a long-poll already waiting for its answer counts.
     */
    public void resetResponseTo(Predicate<String> requestLine) {
        armed.add(requestLine);
    }

    /** Responses cut by a reset so far. */
    public int resets() {
        return resets.get();
    }

    /** Request lines seen so far, in order ({@code METHOD /path?query HTTP/1.1}). */
    public List<String> requestLines() {
        return List.copyOf(requestLines);
    }

    /** Stops listening (new connections are refused) and resets every open connection. */
    public synchronized void down() throws IOException {
        ServerSocket l = listener;
        listener = null;
        if (l != null) l.close();
        for (Socket s : open) reset(s);
    }

    /** Listens again on the same port. */
    public synchronized void up() throws IOException {
        if (listener == null) listen(port);
    }

    @Override
    public void close() throws IOException {
        down();
    }

    private synchronized int listen(int onPort) throws IOException {
        ServerSocket l = new ServerSocket();
        l.setReuseAddress(true); // the old listener's connections may linger in TIME_WAIT
        l.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), onPort));
        listener = l;
        daemon("proxy-accept", () -> accept(l));
        return l.getLocalPort();
    }

    private void accept(ServerSocket l) {
        while (!l.isClosed()) {
            Socket client;
            try {
                client = l.accept();
            } catch (IOException e) {
                return; // closed by down()
            }
            try {
                Socket server = new Socket(upstream.getAddress(), upstream.getPort());
                open.add(client);
                open.add(server);
                Connection c = new Connection(client, server);
                daemon("proxy-up", c::requests);
                daemon("proxy-down", c::responses);
            } catch (IOException e) {
                reset(client);
            }
        }
    }

    /** One proxied connection: requests flow up, responses down; one response may be cut. */
    private final class Connection {
        final Socket client;
        final Socket server;
        /** The request being answered (HTTP/1.1 without pipelining: one at a time per connection). */
        volatile String request;
        /** False from a request line until the first byte of its response. */
        volatile boolean responseStarted = true;

        Connection(Socket client, Socket server) {
            this.client = client;
            this.server = server;
        }

        void requests() {
            byte[] buf = new byte[16 * 1024];
            try (InputStream in = client.getInputStream();
                    OutputStream out = server.getOutputStream()) {
                int n;
                while ((n = in.read(buf)) > 0) {
                    String line = requestLine(buf, n);
                    if (line != null) {
                        requestLines.add(line);
                        request = line;
                        responseStarted = false; // before forwarding: the response cannot have started
                    }
                    out.write(buf, 0, n);
                    out.flush();
                }
            } catch (IOException e) {
                // the other side went away; the responses pump sees it too
            } finally {
                closeBoth();
            }
        }

        void responses() {
            byte[] buf = new byte[16 * 1024];
            ByteArrayOutputStream seen = new ByteArrayOutputStream();
            try (InputStream in = server.getInputStream();
                    OutputStream out = client.getOutputStream()) {
                int n;
                boolean cut = false;
                while ((n = in.read(buf)) > 0) {
                    if (!responseStarted) {
                        responseStarted = true;
                        cut = claim(request);
                    }
                    if (!cut) {
                        out.write(buf, 0, n);
                        out.flush();
                        continue;
                    }
                    int before = seen.size();
                    seen.write(buf, 0, n);
                    int bodyStart = headerEnd(seen.toByteArray());
                    int bodySoFar = bodyStart < 0 ? 0 : seen.size() - bodyStart;
                    if (bodySoFar < 2) { // the headers and at least some body must get through first
                        out.write(buf, 0, n);
                        out.flush();
                        continue;
                    }
                    int cutAt = bodyStart + bodySoFar / 2;
                    out.write(buf, 0, Math.max(0, cutAt - before));
                    out.flush();
                    resets.incrementAndGet(); // counted before the client can see the failure and retry
                    Thread.sleep(50); // let the client start reading the body: a reset mid-read, not before it
                    reset(client);
                    return;
                }
            } catch (IOException e) {
                // the other side went away
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } finally {
                closeBoth();
            }
        }

        private boolean claim(String line) {
            if (line == null) return false;
            for (Predicate<String> p : armed) {
                if (p.test(line) && armed.remove(p)) return true;
            }
            return false;
        }

        void closeBoth() {
            quietlyClose(client);
            quietlyClose(server);
        }
    }

    private static String requestLine(byte[] buf, int n) {
        String head = new String(buf, 0, Math.min(n, 4096), StandardCharsets.ISO_8859_1);
        for (String m : METHODS) {
            if (head.startsWith(m)) {
                int end = head.indexOf("\r\n");
                return end < 0 ? head : head.substring(0, end);
            }
        }
        return null;
    }

    private static int headerEnd(byte[] b) {
        for (int i = 0; i + 3 < b.length; i++) {
            if (b[i] == '\r' && b[i + 1] == '\n' && b[i + 2] == '\r' && b[i + 3] == '\n') return i + 4;
        }
        return -1;
    }

    /** A real TCP reset: closing with a zero linger time sends RST instead of FIN. */
    private void reset(Socket s) {
        try {
            s.setSoLinger(true, 0);
        } catch (IOException ignored) {
            // already closed
        }
        quietlyClose(s);
    }

    private void quietlyClose(Socket s) {
        open.remove(s);
        try {
            s.close();
        } catch (IOException ignored) {
            // nothing to do
        }
    }

    private static void daemon(String name, Runnable r) {
        Thread t = new Thread(r, name);
        t.setDaemon(true);
        t.start();
    }
}
