package org.twimbot.app;

import java.util.concurrent.Callable;
import picocli.CommandLine;

/**
 * {@code twimbot bench}: the performance figures, against an in-process dev homeserver with a
 * generated backlog. Prints a table ({@code --json} for machines); exits 0 when every target is
 * met, 1 otherwise, so a release can be gated on it. See docs/PERFORMANCE.md.
 */
@CommandLine.Command(
        name = "bench",
        mixinStandardHelpOptions = true,
        description = "Measure catch-up ingest, its download+parse floor, !draft render and round trip, "
                + "memory and start-up against an in-process dev homeserver.")
final class BenchCommand implements Callable<Integer> {
    @CommandLine.Option(
            names = "--events",
            defaultValue = "20000",
            description = "backlog events in the submissions room (default ${DEFAULT-VALUE})")
    int events;

    @CommandLine.Option(
            names = "--items",
            defaultValue = "300",
            description = "draft items for !draft (default ${DEFAULT-VALUE})")
    int items;

    @CommandLine.Option(
            names = "--runs",
            defaultValue = "3",
            description = "measured ingest runs, after the warm-up (default ${DEFAULT-VALUE})")
    int runs;

    @CommandLine.Option(
            names = "--warmups",
            defaultValue = "2",
            description =
                    "least warm-up ingest runs, not counted; more follow while the JIT is still compiling (default ${DEFAULT-VALUE})")
    int warmups;

    @CommandLine.Option(
            names = "--max-warmups",
            defaultValue = "25",
            description = "most warm-up ingest runs (default ${DEFAULT-VALUE})")
    int maxWarmups;

    @CommandLine.Option(names = "--seed", defaultValue = "42", description = "random seed of the generated backlog")
    long seed;

    @CommandLine.Option(names = "--no-startup", description = "skip the child-JVM start-up measurement")
    boolean noStartup;

    @CommandLine.Option(names = "--json", description = "print JSON instead of the table")
    boolean json;

    @CommandLine.Option(names = "--verbose", description = "show the bot's log")
    boolean verbose;

    @Override
    public Integer call() throws Exception {
        if (events < 1 || items < 1 || runs < 1 || warmups < 0 || maxWarmups < warmups) {
            System.err.println(
                    "bench: --events, --items and --runs must be at least 1, --warmups at least 0 and at most --max-warmups");
            return Main.EXIT_CONFIG;
        }
        Logging.setLevel(verbose ? "INFO" : "ERROR");
        BenchReport report = new BenchRun(
                        new BenchRun.Options(events, items, runs, warmups, maxWarmups, seed, !noStartup, verbose),
                        System.err)
                .run();
        System.out.print(json ? report.json() : report.table());
        return report.allMet() ? 0 : 1;
    }
}
