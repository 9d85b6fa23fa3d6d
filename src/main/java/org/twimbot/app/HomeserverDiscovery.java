package org.twimbot.app;

import java.io.IOException;
import org.twimbot.bot.StartupFailure;
import org.twimbot.config.BotConfig;
import org.twimbot.matrix.ServerDiscovery;

/**
 * {@code homeserver.url} left out or given as a server name: the client-server API's URL is discovered through the
 * server's {@code /.well-known/matrix/client} (of the user id's server when left out), once, at start.
 */
final class HomeserverDiscovery {
    private HomeserverDiscovery() {}

    /** The config with {@code homeserver.url} a base URL; unchanged when it already is one. */
    static BotConfig resolve(BotConfig config) {
        BotConfig.Homeserver hs = config.homeserver();
        if (hs.url() != null && hs.url().contains("://")) return config;
        String serverName =
                hs.url() != null ? hs.url() : hs.userId().substring(hs.userId().indexOf(':') + 1);
        String url;
        try {
            url = ServerDiscovery.baseUrl(serverName);
        } catch (IOException e) {
            String reason = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
            throw StartupFailure.config("homeserver.url: could not discover the homeserver of " + serverName
                    + " through https://" + serverName + "/.well-known/matrix/client (" + reason
                    + "); set homeserver.url to the client-server API's URL");
        }
        BotConfig.Homeserver found =
                new BotConfig.Homeserver(url, hs.userId(), hs.accessToken(), hs.password(), hs.deviceName());
        return new BotConfig(
                found,
                config.rooms(),
                config.editors(),
                config.store(),
                config.media(),
                config.submissions(),
                config.curation(),
                config.commands(),
                config.edition(),
                config.render(),
                config.logging(),
                config.http(),
                config.catalog());
    }
}
