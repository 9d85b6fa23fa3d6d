package org.twimbot.render;

/** A draft could not be rendered, e.g. the custom template does not compile; the message says where. */
public class RenderException extends RuntimeException {
    public RenderException(String message, Throwable cause) {
        super(message, cause);
    }
}
