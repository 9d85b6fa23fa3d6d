package org.twimbot.matrix;

import java.io.IOException;
import okhttp3.Interceptor;
import okhttp3.Request;
import okhttp3.Response;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One DEBUG line per HTTP attempt: method, path, status, duration. Deliberately logs the encoded
 * path only - never the query string (it can carry sync tokens and filters) and never headers
 * (the {@code Authorization} header carries the access token).
 */
final class RequestLogger implements Interceptor {
    private static final Logger LOG = LoggerFactory.getLogger(RequestLogger.class);

    @Override
    public Response intercept(Chain chain) throws IOException {
        Request request = chain.request();
        if (!LOG.isDebugEnabled()) return chain.proceed(request);
        long start = System.nanoTime();
        try {
            Response response = chain.proceed(request);
            LOG.debug(
                    "{} {} -> {} ({} ms)",
                    request.method(),
                    request.url().encodedPath(),
                    response.code(),
                    (System.nanoTime() - start) / 1_000_000);
            return response;
        } catch (IOException | RuntimeException e) {
            LOG.debug(
                    "{} {} -> {} ({} ms)",
                    request.method(),
                    request.url().encodedPath(),
                    e.getClass().getSimpleName(),
                    (System.nanoTime() - start) / 1_000_000);
            throw e;
        }
    }
}
