package org.twimbot.matrix;

import java.util.regex.Pattern;

/**
 * A parsed {@code mxc://server-name/media-id}. These come from untrusted events and end up as
 * path segments of a download URL, so parsing is strict: server name per the spec's grammar
 * (DNS name, IPv4 or bracketed IPv6, optional port) and media id from {@code [A-Za-z0-9_-]} only -
 * no dots, slashes, percent signs, query or fragment can reach the request path.
 */
public record MxcUri(String serverName, String mediaId) {
    private static final String PREFIX = "mxc://";
    private static final Pattern DNS_NAME = Pattern.compile(
            "[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?(?:\\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)*");
    private static final Pattern IPV6_LITERAL = Pattern.compile("\\[[0-9A-Fa-f:.]{2,45}]");
    private static final Pattern PORT = Pattern.compile("[0-9]{1,5}");
    private static final Pattern MEDIA_ID = Pattern.compile("[A-Za-z0-9_-]{1,255}");

    public MxcUri {
        String serverProblem = serverNameProblem(serverName);
        if (serverProblem != null) throw new IllegalArgumentException("invalid mxc URI: " + serverProblem);
        if (mediaId == null || !MEDIA_ID.matcher(mediaId).matches())
            throw new IllegalArgumentException("invalid mxc URI: media id must be 1-255 characters of A-Z a-z 0-9 _ -");
    }

    /** Parses {@code mxc://server/mediaId}; anything else is an IllegalArgumentException saying what is wrong. */
    public static MxcUri parse(String uri) {
        if (uri == null) throw new IllegalArgumentException("invalid mxc URI: null");
        if (!uri.startsWith(PREFIX)) throw new IllegalArgumentException("invalid mxc URI: does not start with mxc://");
        String rest = uri.substring(PREFIX.length());
        int slash = rest.indexOf('/');
        if (slash < 0) throw new IllegalArgumentException("invalid mxc URI: no media id after the server name");
        String server = rest.substring(0, slash);
        String mediaId = rest.substring(slash + 1);
        if (mediaId.indexOf('/') >= 0) throw new IllegalArgumentException("invalid mxc URI: media id contains a slash");
        return new MxcUri(server, mediaId);
    }

    private static String serverNameProblem(String server) {
        if (server == null || server.isEmpty()) return "empty server name";
        if (server.length() > 255) return "server name too long";
        String host = server;
        String port = null;
        if (server.startsWith("[")) {
            int close = server.indexOf(']');
            if (close < 0) return "unterminated IPv6 literal in server name";
            host = server.substring(0, close + 1);
            if (close + 1 < server.length()) {
                if (server.charAt(close + 1) != ':') return "unexpected characters after IPv6 literal";
                port = server.substring(close + 2);
            }
            if (!IPV6_LITERAL.matcher(host).matches()) return "invalid IPv6 literal in server name";
        } else {
            int colon = server.indexOf(':');
            if (colon >= 0) {
                host = server.substring(0, colon);
                port = server.substring(colon + 1);
            }
            // DNS_NAME also covers dotted IPv4; it rejects "", ".", "..", leading/trailing dots and hyphens.
            if (!DNS_NAME.matcher(host).matches())
                return "server name has characters outside A-Z a-z 0-9 . - or empty labels";
        }
        if (port != null) {
            if (!PORT.matcher(port).matches()) return "invalid port in server name";
            int p = Integer.parseInt(port);
            if (p < 1 || p > 65535) return "port out of range in server name";
        }
        return null;
    }

    @Override
    public String toString() {
        return PREFIX + serverName + "/" + mediaId;
    }
}
