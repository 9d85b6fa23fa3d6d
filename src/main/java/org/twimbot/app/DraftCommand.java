package org.twimbot.app;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.twimbot.config.BotConfig;
import org.twimbot.publish.EditionDraft;
import org.twimbot.publish.MediaCache;
import org.twimbot.render.DraftModel;
import org.twimbot.render.DraftRenderer;
import org.twimbot.store.Edition;
import org.twimbot.store.SettingsTable;
import org.twimbot.store.Store;
import picocli.CommandLine;

/** {@code twimbot draft -c config.yaml [--edition N] [-o FILE]}: render offline from the database. */
@CommandLine.Command(
        name = "draft",
        mixinStandardHelpOptions = true,
        description = "Render an edition from the database without connecting to the homeserver.")
final class DraftCommand implements Callable<Integer> {
    @CommandLine.Mixin
    ConfigOption config;

    @CommandLine.Option(names = "--edition", paramLabel = "N", description = "edition id (default: the open one)")
    Long edition;

    @CommandLine.Option(
            names = {"-o", "--output"},
            paramLabel = "FILE",
            description = "write here instead of stdout")
    Path output;

    @CommandLine.Option(
            names = "--author",
            defaultValue = "",
            description =
                    "author name for the front matter (default: render.author, else the editor who last sent !draft)")
    String author;

    /** In the front matter when no author is known, so that it is fixed before publishing rather than left empty. */
    static final String PLACEHOLDER_AUTHOR = "TODO author";

    @CommandLine.Option(
            names = "--media-dir",
            paramLabel = "DIR",
            description = "copy the post's pictures and videos here, under the names the post uses")
    Path mediaDir;

    @Override
    public Integer call() throws Exception {
        BotConfig cfg = config.loadOrReport(false); // never connects: no secret needed
        if (cfg == null) return Main.EXIT_CONFIG;
        if (!Files.exists(cfg.store().path())) {
            System.err.println("no database at " + cfg.store().path() + " (store.path); has the bot run yet?");
            return 1;
        }
        try (Store store = Store.open(cfg.store().path())) {
            String name = author(cfg, store);
            DraftRenderer renderer = new DraftRenderer(cfg.render());
            Optional<EditionDraft> draft = store.read(tx -> {
                Optional<Edition> e =
                        edition == null ? tx.editions().open() : tx.editions().byId(edition);
                return e.isEmpty()
                        ? Optional.<EditionDraft>empty()
                        : Optional.of(EditionDraft.render(
                                tx,
                                e.get(),
                                name,
                                Clock.systemUTC().instant(),
                                cfg.rooms().ping(),
                                EditionDraft.catalogInForce(tx, cfg.catalog()),
                                renderer));
            });
            if (draft.isEmpty()) {
                System.err.println(edition == null ? "there is no open edition yet" : "there is no edition " + edition);
                return 1;
            }
            DraftModel model = draft.get().model();
            String markdown = draft.get().markdown();
            if (mediaDir != null) {
                // offline: only what the bot already downloaded for an earlier !draft is available
                MediaCache.Outcome media = new MediaCache(
                                cfg.media().dir(),
                                null,
                                cfg.media().maxBytes(),
                                cfg.media().cacheMaxBytes())
                        .fetch(model.media());
                int copied = MediaCache.copyTo(media, mediaDir);
                System.err.println("copied " + copied + " media files to " + mediaDir);
                media.problems().forEach(p -> System.err.println("media missing: " + p));
            }
            if (output == null) {
                System.out.print(markdown);
            } else {
                Files.writeString(output, markdown, StandardCharsets.UTF_8);
                System.err.println("wrote " + output);
            }
            return 0;
        }
    }

    /** --author, else render.author, else the editor who last sent !draft, else a placeholder (with a warning). */
    private String author(BotConfig cfg, Store store) {
        if (!author.isBlank()) return author.strip();
        if (!cfg.render().author().isEmpty()) return cfg.render().author();
        Optional<String> last = store.read(tx -> tx.settings().get(SettingsTable.LAST_DRAFT_AUTHOR));
        if (last.isPresent() && !last.get().isBlank()) return last.get();
        System.err.println("warning: no author known: the front matter says \"" + PLACEHOLDER_AUTHOR
                + "\"; set render.author in the config or pass --author NAME");
        return PLACEHOLDER_AUTHOR;
    }
}
