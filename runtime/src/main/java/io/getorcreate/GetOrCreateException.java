package io.getorcreate;

/**
 * The base of every exception a DAO throws, except {@link NullPointerException} and
 * {@link IllegalArgumentException} for bad arguments and whatever the caller's own
 * {@code defaults} callback throws (passed through unchanged).
 *
 * <p>All of the library's exceptions are unchecked. Where the database or the driver caused one,
 * the driver's exception (usually a {@link java.sql.SQLException}) is its cause; no JDBI or driver
 * exception leaves a DAO unwrapped. This class itself is thrown for everything that has no more
 * specific subclass: a stored enum name with no constant, a connection pool that had no connection
 * to give in time, an interrupted thread (whose interrupt flag stays set), a lost connection that
 * retries could not overcome.
 *
 * @see IntegrityViolationException
 * @see InvalidValueException
 * @see SchemaException
 * @see TransactionRetryException
 */
public class GetOrCreateException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /**
     * An exception with a message and no cause.
     *
     * @param message what went wrong, and where
     */
    public GetOrCreateException(String message) {
        super(message);
    }

    /**
     * An exception with a message and the exception that caused it.
     *
     * @param message what went wrong, and where
     * @param cause the underlying exception, usually the driver's {@link java.sql.SQLException}
     */
    public GetOrCreateException(String message, Throwable cause) {
        super(message, cause);
    }
}
