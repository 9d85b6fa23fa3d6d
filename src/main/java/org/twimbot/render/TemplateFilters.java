package org.twimbot.render;

import io.pebbletemplates.pebble.extension.AbstractExtension;
import io.pebbletemplates.pebble.extension.Filter;
import io.pebbletemplates.pebble.template.EvaluationContext;
import io.pebbletemplates.pebble.template.PebbleTemplate;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;

/**
 * Filters for post templates: {@code toml} (inside a TOML "…" string), {@code quote} (Markdown
 * block quote, every line), {@code label} (a user-controlled name as a link label).
 */
final class TemplateFilters extends AbstractExtension {

    @Override
    public Map<String, Filter> getFilters() {
        return Map.of(
                "toml", stringFilter(MarkdownText::toml),
                "quote", stringFilter(Quoting::quote),
                "label", stringFilter(MarkdownText::linkLabel));
    }

    private static Filter stringFilter(UnaryOperator<String> f) {
        return new Filter() {
            @Override
            public List<String> getArgumentNames() {
                return null;
            }

            @Override
            public Object apply(
                    Object input,
                    Map<String, Object> args,
                    PebbleTemplate self,
                    EvaluationContext context,
                    int lineNumber) {
                return input == null ? "" : f.apply(input.toString());
            }
        };
    }
}
