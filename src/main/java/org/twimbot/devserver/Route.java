package org.twimbot.devserver;

import java.util.ArrayList;
import java.util.List;

/**
 * One endpoint: method, path pattern ({@code {}} matches one segment) on the normalised path
 * (see {@link Router}), whether it needs an access token, and the handler.
 */
record Route(String method, List<String> pattern, boolean auth, Handler handler) {

    @FunctionalInterface
    interface Handler {
        Reply handle(Call call) throws Exception;
    }

    static Route of(String method, String pattern, boolean auth, Handler handler) {
        return new Route(method, List.of(pattern.split("/", -1)), auth, handler);
    }

    /** Returns the values of the {@code {}} segments, or null when the path does not match. */
    List<String> match(List<String> segments) {
        if (segments.size() != pattern.size()) {
            return null;
        }
        List<String> params = new ArrayList<>();
        for (int i = 0; i < segments.size(); i++) {
            String p = pattern.get(i);
            if (p.equals("{}")) {
                params.add(segments.get(i));
            } else if (!p.equals(segments.get(i))) {
                return null;
            }
        }
        return params;
    }
}
