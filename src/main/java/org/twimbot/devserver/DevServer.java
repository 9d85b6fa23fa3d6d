package org.twimbot.devserver;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An in-memory Matrix homeserver implementing the subset of the client-server API the bot
 * uses, on the JDK's HTTP server. For the demo and the end-to-end tests, never for production.
 * Binds to 127.0.0.1 only. All state is lost on {@link #close()}.
 */
public final class DevServer implements AutoCloseable {
    static {
        // The JDK server writes headers and body separately; with Nagle's algorithm on, every
        // answer then waits ~40 ms for a delayed ACK (46 ms vs 3 ms per request, measured). The
        // JDK reads this once, when its HTTP server is first used.
        System.setProperty("sun.net.httpserver.nodelay", "true");
    }

    private static final Logger LOG = LoggerFactory.getLogger(DevServer.class);

    /**
     * @param port 0 picks a free port
     * @param serverName the part after ':' in ids, e.g. "localhost"
     * @param versions what GET /_matrix/client/versions advertises
     * @param legacyMediaEnabled false makes /_matrix/media/v3/download answer 404, like a
     *     server that froze unauthenticated media
     * @param clock source of origin_server_ts and unsigned.age
     */
    public record Options(int port, String serverName, List<String> versions, boolean legacyMediaEnabled, Clock clock) {
        public static final List<String> DEFAULT_VERSIONS = List.of(
                "r0.6.1", "v1.1", "v1.2", "v1.3", "v1.4", "v1.5", "v1.6", "v1.7", "v1.8", "v1.9", "v1.10", "v1.11");

        public Options {
            versions = List.copyOf(versions);
        }

        public static Options defaults() {
            return new Options(0, "localhost", DEFAULT_VERSIONS, true, Clock.systemUTC());
        }

        public Options withPort(int p) {
            return new Options(p, serverName, versions, legacyMediaEnabled, clock);
        }

        public Options withServerName(String s) {
            return new Options(port, s, versions, legacyMediaEnabled, clock);
        }

        public Options withVersions(List<String> v) {
            return new Options(port, serverName, v, legacyMediaEnabled, clock);
        }

        public Options withLegacyMediaEnabled(boolean b) {
            return new Options(port, serverName, versions, b, clock);
        }

        public Options withClock(Clock c) {
            return new Options(port, serverName, versions, legacyMediaEnabled, c);
        }
    }

    private final HttpServer server;
    private final ExecutorService executor;
    private final Homeserver hs;
    private final CountDownLatch stopped = new CountDownLatch(1);
    private final Router router;
    private final AtomicReference<Faults> faults;

    private DevServer(
            HttpServer server, ExecutorService executor, Homeserver hs, Router router, AtomicReference<Faults> faults) {
        this.server = server;
        this.executor = executor;
        this.hs = hs;
        this.router = router;
        this.faults = faults;
    }

    /** Starts on 127.0.0.1:{@code port} (0 = any free port). {@code serverName} is the part after ':' in ids, e.g. "localhost". */
    public static DevServer start(int port, String serverName) {
        return start(Options.defaults().withPort(port).withServerName(serverName));
    }

    public static DevServer start(Options options) {
        return start(options, MediaRepo.DEFAULT_MAX_UPLOAD_BYTES);
    }

    /** With a custom request/upload size limit (tests use a small one to exercise 413). */
    static DevServer start(Options options, long maxUploadBytes) {
        Homeserver hs = new Homeserver(options.serverName(), options.clock(), maxUploadBytes);
        HttpServer server;
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), options.port()), 50);
        } catch (IOException e) {
            throw new UncheckedIOException("devserver: cannot bind port " + options.port(), e);
        }
        // cached pool: long-polling /sync requests each hold a thread while they wait
        ExecutorService executor = Executors.newCachedThreadPool(daemonThreads());
        server.setExecutor(executor);
        AtomicReference<Faults> faults = new AtomicReference<>();
        Router router = new Router(routes(hs, options), hs, faults);
        server.createContext("/", router);
        server.start();
        DevServer dev = new DevServer(server, executor, hs, router, faults);
        LOG.info("devserver: Matrix dev homeserver '{}' listening on {}", options.serverName(), dev.baseUrl());
        return dev;
    }

    private static List<Route> routes(Homeserver hs, Options options) {
        EventFormat format = new EventFormat(hs);
        Memberships memberships = new Memberships(hs);
        List<Route> routes = new ArrayList<>();
        routes.addAll(new AccountHandlers(hs, options.versions()).routes());
        routes.addAll(new ProfileHandlers(hs).routes());
        routes.add(new RoomCreator(hs, memberships).route());
        routes.addAll(new RoomHandlers(hs, memberships, format).routes());
        routes.addAll(new EventHandlers(hs, format).routes());
        routes.add(new SyncHandler(hs, format).route());
        routes.add(new MessagesHandler(hs, format).route());
        routes.add(new ContextHandler(hs, format).route());
        routes.addAll(new MediaHandlers(hs, options.legacyMediaEnabled()).routes());
        return routes;
    }

    private static ThreadFactory daemonThreads() {
        AtomicInteger n = new AtomicInteger();
        return r -> {
            Thread t = new Thread(r, "devserver-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
    }

    /** e.g. {@code http://127.0.0.1:34567} */
    public String baseUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    public String serverName() {
        return hs.serverName;
    }

    /** Number of room events stored so far (all rooms). */
    public int eventCount() {
        synchronized (hs.lock) {
            return (int) hs.events.position();
        }
    }

    /** One line for logs and the benchmark: users, rooms, events, media. */
    public String stats() {
        synchronized (hs.lock) {
            return "users=" + hs.accounts.count() + " rooms=" + hs.rooms().size() + " events=" + hs.events.position()
                    + " media=" + hs.media.count();
        }
    }

    /**
     * FOR TESTS AND THE BENCHMARK ONLY: appends a message event as if {@code sender} had sent
     * it with PUT /send, but with a chosen {@code originServerTs}, without an HTTP round trip.
     * The sender must be a joined member and allowed to send the type, exactly as over HTTP;
     * long-polling syncs are woken. Returns the new event id.
     *
     * @throws IllegalArgumentException unknown room, sender not joined or not allowed
     */
    public String injectEvent(
            String roomId, String sender, String type, Map<String, Object> content, long originServerTs) {
        synchronized (hs.lock) {
            try {
                Room room = hs.room(roomId);
                Memberships.requireJoined(room, sender);
                if (!room.powerLevels().canSend(sender, type, false)) {
                    throw MatrixError.forbidden(sender + " may not send " + type);
                }
                EventDraft draft = new EventDraft(sender, type, null, content, null, null, null, originServerTs);
                return hs.append(room, draft).eventId();
            } catch (MatrixError e) {
                throw new IllegalArgumentException(e.errcode() + ": " + e.getMessage());
            }
        }
    }

    /**
     * FOR TESTS AND THE BENCHMARK ONLY: {@code observer} is told {@code "METHOD /raw/path"} as each
     * request arrives, on the request's thread, before it is handled (the benchmark timestamps the
     * bot's first {@code /sync} with it). Null removes it. Keep it cheap: it delays every request.
     */
    public void setRequestObserver(Consumer<String> observer) {
        router.setObserver(observer);
    }

    /**
     * FOR TESTS ONLY: from now on requests go through {@code plan} (see {@link Faults}); null
     * answers every request normally again.
     */
    public void faults(Faults plan) {
        faults.set(plan);
    }

    /** Blocks until {@link #close()} is called (from another thread or a shutdown hook). */
    public void awaitTermination() throws InterruptedException {
        stopped.await();
    }

    @Override
    public void close() {
        if (stopped.getCount() == 0) {
            return;
        }
        server.stop(0);
        executor.shutdownNow(); // interrupts long-polling syncs
        stopped.countDown();
        LOG.info("devserver: stopped {}", baseUrlSafe());
    }

    private String baseUrlSafe() {
        try {
            return baseUrl();
        } catch (RuntimeException e) {
            return "(closed)";
        }
    }
}
