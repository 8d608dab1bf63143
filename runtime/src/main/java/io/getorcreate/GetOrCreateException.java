package io.getorcreate;

/**
 * The base of every exception this library throws. All of them are unchecked; where the database
 * caused one, the driver's {@link java.sql.SQLException} is its cause.
 */
public class GetOrCreateException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public GetOrCreateException(String message) {
        super(message);
    }

    public GetOrCreateException(String message, Throwable cause) {
        super(message, cause);
    }
}
