package org.twimbot.app;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.twimbot.catalog.Catalog;
import org.twimbot.config.BotConfig;
import org.twimbot.config.ConfigLoader;
import org.twimbot.placement.Backtest;
import org.twimbot.placement.Placer;
import org.twimbot.placement.PublishedPost;
import picocli.CommandLine;

/**
 * {@code twimbot backtest POST.md… [-c config.yaml] [--json]}: how the catalog would have filed published
 * weeks with no editor action. Exit 0, or 2 for a config that does not load, 1 for a post that cannot be read.
 */
@CommandLine.Command(
        name = "backtest",
        mixinStandardHelpOptions = true,
        description = "Replay published posts and show where the bot would have filed each item.")
final class BacktestCommand implements Callable<Integer> {
    @CommandLine.Parameters(arity = "1..*", paramLabel = "POST.md", description = "published posts in TWIM's format")
    List<Path> posts;

    @CommandLine.Option(
            names = {"-c", "--config"},
            paramLabel = "FILE",
            description = "configuration whose catalog is used (default: the embedded TWIM catalog)")
    Path config;

    @CommandLine.Option(names = "--json", description = "print the items and totals as JSON")
    boolean json;

    @CommandLine.Option(names = "--explain", description = "show the evidence scores behind each placement")
    boolean explain;

    @Override
    public Integer call() {
        Catalog catalog;
        if (config == null) {
            catalog = ConfigLoader.defaultCatalog();
        } else {
            ConfigOption option = new ConfigOption();
            option.file = config;
            BotConfig cfg = option.loadOrReport();
            if (cfg == null) return Main.EXIT_CONFIG;
            catalog = cfg.catalog();
        }
        Backtest backtest = new Backtest(catalog, Placer::new);
        List<Backtest.Row> rows = new ArrayList<>();
        int done = 0;
        for (Path post : posts) {
            String text;
            try {
                text = Files.readString(post, StandardCharsets.UTF_8);
                rows.addAll(backtest.run(post.getFileName().toString(), PublishedPost.parse(text)));
            } catch (IOException | IllegalArgumentException e) {
                System.err.println();
                System.err.println(post + ": " + e.getMessage());
                return 1;
            }
            System.err.print("\rbacktest: " + ++done + "/" + posts.size() + " posts, " + rows.size() + " items");
        }
        System.err.println();
        Backtest.Totals totals = Backtest.Totals.of(rows);
        if (json) {
            ObjectNode out = JsonNodeFactory.instance.objectNode();
            ArrayNode items = out.putArray("items");
            rows.forEach(r -> items.add(Backtest.rowJson(r)));
            out.set("totals", totals.json());
            System.out.println(out.toPrettyString());
        } else {
            rows.forEach(
                    r -> System.out.println(Backtest.rowText(r) + (explain ? "\n    evidence: " + r.evidence() : "")));
            System.out.println();
            System.out.print(totals.text());
        }
        return 0;
    }
}
