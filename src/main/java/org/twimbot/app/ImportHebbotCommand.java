package org.twimbot.app;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.Callable;
import org.twimbot.catalog.HebbotImport;
import org.twimbot.catalog.HebbotImportException;
import org.twimbot.catalog.HebbotImportNews;
import org.twimbot.config.BotConfig;
import org.twimbot.curation.EditionCalendar;
import org.twimbot.curation.HebbotNewsImporter;
import org.twimbot.store.Edition;
import org.twimbot.store.Store;
import picocli.CommandLine;

/**
 * {@code twimbot import-hebbot config.toml [store.json]}: converts a hebbot configuration into
 * twimbot YAML (stdout or {@code -o}); with a store.json and {@code -c}, also puts hebbot's stored
 * news into the open edition of twimbot's database.
 */
@CommandLine.Command(
        name = "import-hebbot",
        mixinStandardHelpOptions = true,
        description = "Convert a hebbot config.toml to twimbot YAML, and import hebbot's store.json news.")
final class ImportHebbotCommand implements Callable<Integer> {
    @CommandLine.Parameters(index = "0", paramLabel = "config.toml", description = "hebbot's configuration")
    Path toml;

    @CommandLine.Parameters(
            index = "1",
            arity = "0..1",
            paramLabel = "store.json",
            description = "hebbot's stored news")
    Path storeJson;

    @CommandLine.Option(
            names = {"-o", "--output"},
            paramLabel = "FILE",
            description = "write the YAML here instead of stdout")
    Path output;

    @CommandLine.Option(
            names = {"--catalog-only"},
            description = "write only sections and projects (for catalog_file)")
    boolean catalogOnly;

    @CommandLine.Option(
            names = {"-c", "--config"},
            paramLabel = "FILE",
            description = "twimbot config whose database receives store.json's news")
    Path config;

    @Override
    public Integer call() throws Exception {
        HebbotImport.Result result;
        try {
            result = HebbotImport.readConfig(toml);
        } catch (HebbotImportException e) {
            System.err.println(toml + ": " + e.getMessage());
            return Main.EXIT_CONFIG;
        }
        String yaml = catalogOnly ? HebbotImport.writeCatalogYaml(result) : HebbotImport.writeYaml(result);
        if (output == null) {
            System.out.print(yaml);
        } else {
            Files.writeString(output, yaml, StandardCharsets.UTF_8);
            System.err.println("wrote " + output + ": " + result.sections().size() + " sections, "
                    + result.projects().size() + " projects");
        }
        result.notes().forEach(n -> System.err.println("note: " + n));
        return storeJson == null ? 0 : importNews(result);
    }

    private int importNews(HebbotImport.Result result) throws Exception {
        if (config == null) {
            System.err.println(
                    "importing store.json needs the twimbot config (-c config.yaml) that names the database");
            return Main.EXIT_CONFIG;
        }
        ConfigOption option = new ConfigOption();
        option.file = config;
        BotConfig cfg = option.loadOrReport(false); // writes the database only: no secret needed
        if (cfg == null) return Main.EXIT_CONFIG;
        List<HebbotImportNews.News> news;
        try {
            news = HebbotImportNews.read(storeJson);
        } catch (HebbotImportException e) {
            System.err.println(storeJson + ": " + e.getMessage());
            return Main.EXIT_CONFIG;
        }
        Clock clock = Clock.systemUTC();
        EditionCalendar calendar =
                new EditionCalendar(cfg.edition().weekday(), cfg.edition().timezone());
        try (Store store = Store.open(cfg.store().path())) {
            int stored = store.transaction(tx -> {
                Edition open = tx.editions().openOrCreate(calendar.publicationDate(clock.instant()), clock.millis());
                return HebbotNewsImporter.importInto(
                        tx, open, result, news, cfg.rooms().submissions());
            });
            System.err.println("imported " + stored + " of " + news.size() + " news items into the open edition");
        }
        return 0;
    }
}
