package org.twimbot.app;

import java.io.IOException;
import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.concurrent.Callable;
import org.twimbot.config.BotConfig;
import org.twimbot.config.ConfigPrinter;
import org.twimbot.matrix.MatrixClient;
import org.twimbot.matrix.MatrixException;
import org.twimbot.matrix.RetryPolicy;
import picocli.CommandLine;

/**
 * {@code twimbot check-config -c FILE}: validate, print the effective configuration with secrets
 * masked, and resolve the room aliases when the homeserver answers. Exit 0 when usable, 2 when not.
 */
@CommandLine.Command(name = "check-config", mixinStandardHelpOptions = true,
        description = "Validate a configuration file; exit 0 when usable, 2 when not.")
final class CheckConfigCommand implements Callable<Integer> {
    @CommandLine.Mixin
    ConfigOption config;

    @CommandLine.Option(names = "--offline", description = "do not contact the homeserver")
    boolean offline;

    @Override
    public Integer call() {
        BotConfig cfg = config.loadOrReport();
        if (cfg == null) return Main.EXIT_CONFIG;
        System.out.print(ConfigPrinter.toYaml(cfg));
        boolean roomsOk = offline || checkRooms(cfg);
        System.err.println(config.file + ": " + (roomsOk ? "OK" : "INVALID") + " (" + cfg.catalog().sections().size()
                + " sections, " + cfg.catalog().projects().size() + " projects)");
        return roomsOk ? 0 : Main.EXIT_CONFIG;
    }

    /**
     * Resolves each configured alias. An unreachable homeserver is only a note (the bot waits for it
     * at start); an alias the homeserver says does not exist is a configuration error.
     */
    private static boolean checkRooms(BotConfig cfg) {
        RetryPolicy once = new RetryPolicy(1, Duration.ofMillis(100), Duration.ofMillis(100));
        MatrixClient client = new MatrixClient(cfg.homeserver().url(), once);
        try {
            client.versions();
        } catch (IOException e) {
            System.err.println("note: homeserver " + cfg.homeserver().url() + " not reachable (" + e.getMessage()
                    + "); room aliases not checked");
            client.close();
            return true;
        }
        boolean ok = true;
        Set<String> rooms = new LinkedHashSet<>();
        rooms.add(cfg.rooms().submissions());
        rooms.add(cfg.rooms().editors());
        for (String room : rooms) {
            if (!room.startsWith("#")) continue;
            try {
                System.err.println("room " + room + " is " + client.resolveAlias(room));
            } catch (MatrixException e) {
                if (e.isNotFound()) {
                    System.err.println("rooms: alias " + room + " does not exist on the homeserver");
                    ok = false;
                } else {
                    System.err.println("note: could not resolve " + room + ": " + e.getMessage());
                }
            } catch (IOException e) {
                System.err.println("note: could not resolve " + room + ": " + e.getMessage());
            }
        }
        client.close();
        return ok;
    }
}
