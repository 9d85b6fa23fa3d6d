package org.twimbot.app;

import org.slf4j.LoggerFactory;
import org.twimbot.bot.StartupFailure;
import org.twimbot.config.BuildInfo;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The command line: {@code twimbot run|demo|draft|check-config|import-hebbot|devserver|bench|help}. */
@Command(
        name = "twimbot",
        mixinStandardHelpOptions = true,
        versionProvider = Main.Version.class,
        description = "A Matrix bot that compiles This Week in Matrix style newsletters.",
        subcommands = {
            RunCommand.class,
            DemoCommand.class,
            DraftCommand.class,
            CheckConfigCommand.class,
            ImportHebbotCommand.class,
            DevServerCommand.class,
            BenchCommand.class,
            BacktestCommand.class,
            CommandLine.HelpCommand.class
        })
public final class Main implements Runnable {
    /** Exit status for an unusable configuration. */
    public static final int EXIT_CONFIG = 2;
    /** Exit status when the homeserver rejects the configured access token. */
    public static final int EXIT_AUTH = 3;
    /** Exit status after an OutOfMemoryError (the Docker image also sets -XX:+ExitOnOutOfMemoryError). */
    public static final int EXIT_OUT_OF_MEMORY = 5;
    /** Exit status when something the configuration names cannot be used: a port in use, a store that is no database. */
    public static final int EXIT_UNAVAILABLE = 4;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    public static void main(String[] args) {
        if (args.length > 0 && args[0].equals("run"))
            StartupWarmUp.start(); // the bot's start-up is what hosts wait for
        int status;
        try {
            status = execute(args);
        } catch (OutOfMemoryError e) {
            // a bot that carried on would retry the same work into the same wall; exit so a supervisor restarts it
            LoggerFactory.getLogger(Main.class)
                    .error(
                            "out of memory ({}); exiting with status {} so that the "
                                    + "service is restarted; raise -Xmx if this repeats",
                            e.getMessage(),
                            EXIT_OUT_OF_MEMORY);
            status = EXIT_OUT_OF_MEMORY;
        }
        System.exit(status);
    }

    public static int execute(String... args) {
        return new CommandLine(new Main())
                .setCaseInsensitiveEnumValuesAllowed(true)
                .setExecutionExceptionHandler(Main::handle)
                .execute(args);
    }

    /** A {@link StartupFailure} is one line and its exit status; anything else is a defect and keeps its stack trace. */
    private static int handle(Exception e, CommandLine cmd, CommandLine.ParseResult parsed) throws Exception {
        if (!(e instanceof StartupFailure failure)) throw e;
        cmd.getErr().println("twimbot: " + failure.getMessage());
        cmd.getErr().flush();
        return switch (failure.kind()) {
            case CONFIG -> EXIT_CONFIG;
            case AUTH -> EXIT_AUTH;
            case UNAVAILABLE -> EXIT_UNAVAILABLE;
        };
    }

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }

    /** The version Maven wrote into the jar at build time. */
    public static String version() {
        return BuildInfo.version();
    }

    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            return new String[] {"twimbot " + version() + " (commit " + BuildInfo.commit() + ")"};
        }
    }
}
