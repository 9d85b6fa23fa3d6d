package org.twimbot.store;

/** The database could not be read or written; the transaction in progress was rolled back. */
public class StoreException extends RuntimeException {
    public StoreException(String message, Throwable cause) {
        super(message, cause);
    }
}
