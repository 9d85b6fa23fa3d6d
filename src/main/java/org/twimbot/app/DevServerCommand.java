package org.twimbot.app;

import java.io.UncheckedIOException;
import java.net.BindException;
import java.util.concurrent.Callable;
import org.twimbot.bot.StartupFailure;
import org.twimbot.devserver.DevServer;
import picocli.CommandLine;

/** {@code twimbot devserver --port 8008}: the in-memory dev homeserver alone, for trying clients. */
@CommandLine.Command(
        name = "devserver",
        mixinStandardHelpOptions = true,
        description = "Run the in-memory development homeserver (never for production).")
final class DevServerCommand implements Callable<Integer> {
    @CommandLine.Option(
            names = "--port",
            defaultValue = "8008",
            description = "port on 127.0.0.1 (default: ${DEFAULT-VALUE})")
    int port;

    @CommandLine.Option(
            names = "--server-name",
            defaultValue = "localhost",
            description = "server name in ids (default: ${DEFAULT-VALUE})")
    String serverName;

    @Override
    public Integer call() throws Exception {
        if (port < 0 || port > 65535) throw StartupFailure.config("--port " + port + ": must be between 0 and 65535");
        try (DevServer server = start()) {
            System.out.println("dev homeserver listening on " + server.baseUrl() + " (server name " + serverName
                    + "); Ctrl-C stops it");
            Runtime.getRuntime().addShutdownHook(new Thread(server::close, "devserver-shutdown"));
            Thread.currentThread().join();
        }
        return 0;
    }

    private DevServer start() {
        try {
            return DevServer.start(port, serverName);
        } catch (UncheckedIOException e) {
            if (!(e.getCause() instanceof BindException)) throw e;
            throw StartupFailure.unavailable(
                    "--port " + port + ": already in use on 127.0.0.1; choose another with --port");
        }
    }
}
