package org.twimbot.render;

import org.twimbot.catalog.Catalog;
import org.twimbot.config.BotConfig;

/**
 * Renders an edition as the Markdown blog post (Zola front matter by default) through a Pebble
 * template: the default one inside the jar, or {@code render.template}. Deterministic: the same
 * request renders byte-identically.
 */
public final class DraftRenderer {

    public DraftRenderer(BotConfig.Render config) { throw new UnsupportedOperationException("TODO"); }

    public String render(DraftRequest request, Catalog catalog) { throw new UnsupportedOperationException("TODO"); }
}
