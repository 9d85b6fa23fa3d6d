package org.twimbot.app;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.File;
import java.io.IOException;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.twimbot.bot.Backfill;
import org.twimbot.bot.Bot;
import org.twimbot.bot.SyncFilter;
import org.twimbot.catalog.Catalog;
import org.twimbot.config.BotConfig;
import org.twimbot.config.ConfigLoader;
import org.twimbot.devserver.DevServer;
import org.twimbot.matrix.MatrixClient;
import org.twimbot.matrix.MessagesPage;
import org.twimbot.matrix.RetryPolicy;
import org.twimbot.matrix.RoomEvent;
import org.twimbot.matrix.RoomTimeline;
import org.twimbot.matrix.SyncBatch;
import org.twimbot.publish.EditionDraft;
import org.twimbot.render.DraftRenderer;
import org.twimbot.render.DraftRequest;
import org.twimbot.store.SettingsTable;
import org.twimbot.store.Store;

/**
 * Runs the benchmark's phases, each against a fresh in-process dev homeserver and database:
 * catch-up ingest and its floor (per run), the draft (render and round trip), start-up of a child
 * JVM to its first {@code /sync}. See {@link BenchCommand}.
 */
final class BenchRun {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration WAIT = Duration.ofMinutes(10);

    static final int RENDER_WARMUPS = 60;
    static final int RENDER_RUNS = 25;

    /** {@code warmups}: the least warm-up runs; {@code maxWarmups}: the most (see {@link BenchWarmUp}). */
    record Options(
            int events,
            int items,
            int runs,
            int warmups,
            int maxWarmups,
            long seed,
            boolean startup,
            boolean verbose) {}

    /**
     * One ingest run: the bot's catch-up and the floor over the same stream, and the time the JIT
     * spent compiling during the catch-up.
     */
    record IngestRun(
            double ingestMillis, double floorMillis, int floorEvents, int generated, int stored, double jitMillis) {}

    private final Options options;
    private final PrintStream progress;

    BenchRun(Options options, PrintStream progress) {
        this.options = options;
        this.progress = progress;
    }

    BenchReport run() throws Exception {
        BenchMemory.resetPeaks();
        List<Double> ingest = new ArrayList<>();
        List<Double> floor = new ArrayList<>();
        List<Double> ratios = new ArrayList<>();
        int generated = 0;
        int stored = 0;
        BenchWarmUp warmUp = new BenchWarmUp(options.warmups(), options.maxWarmups(), BenchWarmUp.QUIET_SHARE);
        int warmups = 0;
        IngestRun last = null;
        while (warmUp.another(warmups, last == null ? 0 : last.jitMillis(), last == null ? 0 : last.ingestMillis())) {
            last = ingestOnce(options.seed() + warmups);
            warmups++;
            report("warm-up", warmups, last);
        }
        List<Double> jit = new ArrayList<>();
        for (int i = 0; i < options.runs(); i++) {
            IngestRun r = ingestOnce(options.seed() + warmups + i);
            report("measured", warmups + i + 1, r);
            ingest.add(r.ingestMillis());
            floor.add(r.floorMillis());
            ratios.add(r.ingestMillis() / r.floorMillis());
            jit.add(r.jitMillis());
            generated += r.generated();
            stored += r.stored();
        }
        double[] draft = draftPhase(options.seed() + 1000);
        say("draft: render %.1f ms, round trip %.0f ms", draft[0], draft[1]);
        double startup = options.startup() ? startupPhase() : Double.NaN;
        if (options.startup()) say("start-up to first /sync: %.0f ms", startup);
        double ingestMs = BenchReport.median(ingest);
        double floorMs = BenchReport.median(floor);
        return new BenchReport(
                BenchReport.machineInfo(),
                options.events(),
                options.items(),
                options.runs(),
                rate(ingestMs),
                ingestMs,
                rate(floorMs),
                floorMs,
                BenchReport.median(ratios),
                draft[0],
                draft[1],
                BenchMemory.peakHeapMiB(),
                BenchMemory.maxHeapMiB(),
                BenchMemory.procStatusMiB("VmHWM"),
                BenchMemory.procStatusMiB("VmRSS"),
                startup,
                generated,
                stored,
                ingest,
                floor,
                warmups,
                BenchReport.median(jit));
    }

    private void report(String kind, int number, IngestRun r) {
        say(
                "%s run %d: ingest %.0f ms (%.0f events/s, JIT compiling %.0f ms of it), floor %.0f ms (%.0f events/s), "
                        + "%d/%d submissions stored",
                kind,
                number,
                r.ingestMillis(),
                rate(r.ingestMillis()),
                r.jitMillis(),
                r.floorMillis(),
                rate(r.floorMillis()),
                r.stored(),
                r.generated());
    }

    private double rate(double millis) {
        return options.events() / (millis / 1000.0);
    }

    // --- catch-up ingest and floor -------------------------------------------------------

    IngestRun ingestOnce(long seed) throws Exception {
        Path dir = Files.createTempDirectory("twimbot-bench");
        try (DevServer server = DevServer.start(0, "localhost");
                DemoWeek week = new DemoWeek(server.baseUrl(), "localhost")) {
            week.cast();
            BotConfig config = ConfigLoader.parse(DemoCommand.demoConfig(server.baseUrl(), week), dir, Map.of());
            // first start: the bot syncs once, so it holds a token from before the backlog
            String since;
            try (Store store = Store.open(config.store().path());
                    MatrixClient client = client(server)) {
                Bot bot = new Bot(config, store, client, Clock.systemUTC());
                bot.start();
                bot.syncOnce(0);
                since = store.read(tx -> tx.settings().get(SettingsTable.SYNC_TOKEN))
                        .orElseThrow();
            }
            BenchBacklog backlog = new BenchBacklog(server, week, config.catalog(), seed);
            BenchBacklog.Result result = backlog.generate(options.events(), System.currentTimeMillis());
            Set<String> backlogIds = new HashSet<>(result.eventIds());

            long[] floor = floorOnce(server, week, since, backlogIds);

            try (Store store = Store.open(config.store().path());
                    MatrixClient client = client(server)) {
                Bot bot = new Bot(config, store, client, Clock.systemUTC());
                bot.start();
                AtomicLong firstSync = new AtomicLong();
                AtomicLong committed = new AtomicLong();
                AtomicLong jitAtFirstSync = new AtomicLong();
                AtomicLong jitAtCommit = new AtomicLong();
                CountDownLatch done = new CountDownLatch(1);
                String last = result.eventIds().get(result.eventIds().size() - 1);
                bot.setBatchListener((events, nextBatch) -> {
                    if (done.getCount() == 0) return;
                    if (store.read(tx -> tx.processed().isProcessed(last))) {
                        committed.set(System.nanoTime());
                        jitAtCommit.set(jitMillis());
                        done.countDown();
                    }
                });
                server.setRequestObserver(request -> {
                    if (request.startsWith("GET ")
                            && request.endsWith("/sync")
                            && firstSync.compareAndSet(0, System.nanoTime())) {
                        jitAtFirstSync.set(jitMillis());
                    }
                });
                Thread loop = startLoop(bot);
                if (!done.await(WAIT.toMillis(), TimeUnit.MILLISECONDS))
                    throw new IOException("the bot did not catch up in " + WAIT);
                server.setRequestObserver(null);
                bot.stopAndWait(Duration.ofSeconds(10));
                loop.join(10_000);
                int stored = store.read(tx -> {
                    int n = 0;
                    for (String id : result.submissionIds())
                        if (tx.submissions().byEventId(id).isPresent()) n++;
                    return n;
                });
                double ingestMs = (committed.get() - firstSync.get()) / 1e6;
                return new IngestRun(
                        ingestMs,
                        floor[0] / 1e6,
                        (int) floor[1],
                        result.submissionIds().size(),
                        stored,
                        jitAtCommit.get() - jitAtFirstSync.get());
            }
        } finally {
            deleteQuietly(dir);
        }
    }

    /**
     * The floor: the same {@code /sync} (same filter, same token) and the same {@code /messages}
     * back-pages the bot makes, fetched and parsed by {@link MatrixClient}, nothing else done.
     * Paging goes forward from the bot's token and stops where the bot's back-fill stops: at the
     * sync timeline's first event.
     *
     * @return {nanoseconds, events seen}
     */
    private static long[] floorOnce(DevServer server, DemoWeek week, String since, Set<String> backlogIds)
            throws IOException {
        try (MatrixClient client = client(server)) {
            client.loginWithPassword(week.botUserId(), DemoWeek.PASSWORD, null, "bench-floor");
            String filterId = client.createFilter(
                    week.botUserId(), SyncFilter.build(JSON, List.of(week.roomId()), week.botUserId()));
            var messagesFilter = SyncFilter.roomEventFilter(JSON, week.botUserId());
            long t0 = System.nanoTime();
            SyncBatch batch = client.sync(since, filterId, 0);
            long seen = 0;
            for (RoomTimeline room : batch.rooms()) {
                seen += room.events().size();
                if (!room.limited()) continue;
                String stopAt =
                        room.events().isEmpty() ? null : room.events().get(0).eventId();
                String from = since;
                while (from != null) {
                    MessagesPage page = client.messages(room.roomId(), from, "f", Backfill.PAGE, messagesFilter);
                    boolean reached = false;
                    for (RoomEvent e : page.chunk()) {
                        if (e.eventId().equals(stopAt)) {
                            reached = true;
                            break;
                        }
                        if (backlogIds.contains(e.eventId())) seen++;
                    }
                    if (reached || page.chunk().isEmpty()) break;
                    from = page.end();
                }
            }
            return new long[] {System.nanoTime() - t0, seen};
        }
    }

    // --- draft ------------------------------------------------------------------------------

    /** @return {render ms, round trip ms} */
    double[] draftPhase(long seed) throws Exception {
        Path dir = Files.createTempDirectory("twimbot-bench");
        try (DevServer server = DevServer.start(0, "localhost");
                DemoWeek week = new DemoWeek(server.baseUrl(), "localhost")) {
            week.cast();
            BotConfig config = ConfigLoader.parse(DemoCommand.demoConfig(server.baseUrl(), week), dir, Map.of());
            try (Store store = Store.open(config.store().path());
                    MatrixClient client = client(server)) {
                Bot bot = new Bot(config, store, client, Clock.systemUTC());
                bot.start();
                Thread loop = startLoop(bot);
                bot.awaitReady();
                BenchBacklog backlog = new BenchBacklog(server, week, config.catalog(), seed);
                List<String> ids = backlog.draftWeek(options.items(), System.currentTimeMillis());
                String last = ids.get(ids.size() - 1);
                awaitQuiet(store, last);

                Catalog catalog = bot.context().currentCatalog();
                DraftRenderer renderer = new DraftRenderer(config.render());
                // read as !draft reads it; the renders below are what is timed
                DraftRequest request = store.read(tx -> EditionDraft.render(
                                tx,
                                tx.editions().open().orElseThrow(),
                                "Bench",
                                Clock.systemUTC().instant(),
                                config.rooms().ping(),
                                catalog,
                                renderer))
                        .request();
                if (request.items().size() != options.items()) {
                    throw new IOException("expected " + options.items() + " items in the draft, got "
                            + request.items().size());
                }
                List<Double> renders = new ArrayList<>();
                // Warm-up until steady state: the optimising compiler finishes jsoup's and flexmark's hot paths only
                // after a few dozen renders when the ingest runs have just kept both cores busy (renders then take half
                // as long); a bot renders the same code all week, so the steady state is what an editor sees.
                for (int i = 0; i < RENDER_WARMUPS + RENDER_RUNS; i++) {
                    long t0 = System.nanoTime();
                    String md = renderer.render(request, catalog);
                    long t = System.nanoTime() - t0;
                    if (md.isEmpty()) throw new IllegalStateException("empty draft");
                    if (i >= RENDER_WARMUPS) renders.add(t / 1e6);
                }

                List<Double> trips = new ArrayList<>();
                ScriptedUser editor = week.editor();
                for (int i = 0; i < 6; i++) {
                    editor.catchUp();
                    long t0 = System.nanoTime();
                    editor.say(week.roomId(), "!draft");
                    editor.await(
                                    week.roomId(),
                                    e -> week.botUserId().equals(e.sender()) && "m.file".equals(e.msgtype()),
                                    Duration.ofSeconds(60))
                            .orElseThrow(() -> new IOException("no draft uploaded within 60 s"));
                    long t = System.nanoTime() - t0;
                    if (i >= 1) trips.add(t / 1e6);
                    awaitOutboxEmpty(store); // the summary notice follows the file; let the bot finish
                }
                bot.stopAndWait(Duration.ofSeconds(10));
                loop.join(10_000);
                return new double[] {BenchReport.median(renders), BenchReport.median(trips)};
            }
        } finally {
            deleteQuietly(dir);
        }
    }

    /** Until {@code lastEventId} is committed and everything the bot owes is sent. */
    private static void awaitQuiet(Store store, String lastEventId) throws Exception {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (!store.read(tx -> tx.processed().isProcessed(lastEventId))) {
            if (System.nanoTime() > deadline) throw new IOException("the bot did not process the draft week");
            Thread.sleep(20);
        }
        awaitOutboxEmpty(store);
    }

    private static void awaitOutboxEmpty(Store store) throws Exception {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (!store.read(tx -> tx.outbox().pending().isEmpty())) {
            if (System.nanoTime() > deadline) throw new IOException("the bot did not drain its outbox");
            Thread.sleep(10);
        }
    }

    // --- start-up ------------------------------------------------------------------------

    /** Median over three child JVMs ({@code -Xmx64m -XX:+UseSerialGC}): process start to its first /sync at the devserver. */
    double startupPhase() throws Exception {
        List<Double> times = new ArrayList<>();
        for (int i = 0; i < 3; i++) times.add(startupOnce());
        return BenchReport.median(times);
    }

    private double startupOnce() throws Exception {
        Path dir = Files.createTempDirectory("twimbot-bench");
        try (DevServer server = DevServer.start(0, "localhost");
                DemoWeek week = new DemoWeek(server.baseUrl(), "localhost")) {
            week.cast();
            Path cfg = dir.resolve("config.yaml");
            Files.writeString(
                    cfg,
                    DemoCommand.demoConfig(server.baseUrl(), week) + "logging:\n  level: "
                            + (options.verbose() ? "INFO" : "WARN") + "\n");
            AtomicLong firstSync = new AtomicLong();
            CountDownLatch synced = new CountDownLatch(1);
            server.setRequestObserver(request -> {
                if (request.startsWith("GET ")
                        && request.endsWith("/sync")
                        && firstSync.compareAndSet(0, System.nanoTime())) {
                    synced.countDown();
                }
            });
            String java =
                    Path.of(System.getProperty("java.home"), "bin", "java").toString();
            // its own temporary directory, deleted below: a killed JVM leaves its extracted SQLite library behind,
            // and sqlite-jdbc scans the temporary directory for such leftovers at every start
            List<String> command = new ArrayList<>(List.of(
                    java,
                    "-Xmx64m",
                    "-XX:+UseSerialGC",
                    "-Djava.io.tmpdir=" + Files.createDirectories(dir.resolve("tmp"))));
            String extra = System.getenv("TWIMBOT_BENCH_CHILD_OPTS"); // e.g. a profiler for the start-up child
            if (extra != null && !extra.isBlank())
                command.addAll(List.of(extra.trim().split("\\s+")));
            command.addAll(List.of("-cp", absoluteClassPath(), Main.class.getName(), "run", "-c", cfg.toString()));
            ProcessBuilder pb = new ProcessBuilder(command)
                    .directory(dir.toFile())
                    .redirectErrorStream(true)
                    .redirectOutput(dir.resolve("child.log").toFile());
            long t0 = System.nanoTime();
            Process p = pb.start();
            try {
                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
                while (!synced.await(10, TimeUnit.MILLISECONDS) && p.isAlive() && System.nanoTime() < deadline) {
                    // waiting for the child's first /sync, or its early death
                }
                if (synced.getCount() > 0) {
                    throw new IOException("the child bot did not sync within 60 s (or died); its output:\n"
                            + Files.readString(dir.resolve("child.log")));
                }
                double ms = (firstSync.get() - t0) / 1e6;
                if (options.verbose())
                    say(
                            "child JVM reached /sync in %.0f ms; its output so far:%n%s",
                            ms, Files.readString(dir.resolve("child.log")));
                return ms;
            } finally {
                p.destroyForcibly().waitFor(); // only its start-up is measured; a fresh database is thrown away
            }
        } finally {
            deleteQuietly(dir);
        }
    }

    // --- helpers ---------------------------------------------------------------------------

    /** This JVM's class path with absolute entries: the child runs in another directory. */
    static String absoluteClassPath() {
        List<String> out = new ArrayList<>();
        for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
            if (!entry.isEmpty()) out.add(Path.of(entry).toAbsolutePath().toString());
        }
        return String.join(File.pathSeparator, out);
    }

    /** Milliseconds all JIT compiler threads have compiled so far in this JVM (0 when the VM does not tell). */
    private static long jitMillis() {
        var jit = ManagementFactory.getCompilationMXBean();
        return jit != null && jit.isCompilationTimeMonitoringSupported() ? jit.getTotalCompilationTime() : 0;
    }

    private static MatrixClient client(DevServer server) {
        return new MatrixClient(server.baseUrl(), RetryPolicy.fast());
    }

    private static Thread startLoop(Bot bot) {
        Thread loop = new Thread(
                () -> {
                    try {
                        bot.run();
                    } catch (Exception e) {
                        System.err.println("bench: bot stopped: " + e);
                    }
                },
                "twimbot-bench-sync");
        loop.setDaemon(true);
        loop.start();
        return loop;
    }

    private void say(String format, Object... args) {
        if (progress != null) progress.println("bench: " + String.format(Locale.ROOT, format, args));
    }

    private static void deleteQuietly(Path dir) {
        try (var paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException ignored) {
            // a temp directory left behind is harmless
        }
    }
}
