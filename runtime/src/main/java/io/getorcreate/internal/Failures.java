package io.getorcreate.internal;

import io.getorcreate.GetOrCreateException;
import io.getorcreate.IntegrityViolationException;
import io.getorcreate.InvalidValueException;
import io.getorcreate.TransactionRetryException;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;

/** Turns what a call met into the library's exceptions, named after the table; the driver's exception is the cause. */
final class Failures {
    private Failures() {}

    /** A driver's failure during a call. */
    static RuntimeException translate(TableSpec<?> table, Dialect dialect, Mode mode, VerifiedSchema schema,
            SQLException e) {
        if (Thread.currentThread().isInterrupted()) {
            return interrupted(table, e);
        }
        if (dialect != null) {
            SqlErrors.Violation violation = SqlErrors.violation(dialect, e);
            if (violation != null) {
                String constraint = schema == null ? violation.constraint() : schema.constraintName(violation);
                return new IntegrityViolationException(violation.kind(), table.name(), constraint, e);
            }
            if (SqlErrors.isDataException(dialect, e)) {
                return new InvalidValueException(table.name(), columnName(table, SqlErrors.dataColumn(dialect, e)),
                        e.getMessage(), e);
            }
            if (SqlErrors.isTransient(dialect, e)) {
                if (mode == Mode.CALLER_TRANSACTION) {
                    return new TransactionRetryException(table.name(), e);
                }
                return new GetOrCreateException("A call on table " + table.name() + " gave up after "
                        + Retry.TRANSIENT.maxAttempts() + " attempts (SQLState " + e.getSQLState() + "): "
                        + e.getMessage(), e);
            }
        }
        if (SqlErrors.isConnectionLoss(e)) {
            String message = "Lost the connection during a call on table " + table.name()
                    + (mode == Mode.CALLER_TRANSACTION ? "; the caller's transaction is gone and must be retried" : "")
                    + " (SQLState " + e.getSQLState() + "): " + e.getMessage();
            return mode == Mode.CALLER_TRANSACTION ? new CallersTransactionLost(message, e)
                    : new GetOrCreateException(message, e);
        }
        return new GetOrCreateException("Statement on table " + table.name() + " failed (SQLState " + e.getSQLState()
                + "): " + e.getMessage(), e);
    }

    /** The DAO could not get a connection to begin with. */
    static NoConnection noConnection(TableSpec<?> table, RuntimeException e) {
        if (Thread.currentThread().isInterrupted()) {
            return new NoConnection("The thread was interrupted while waiting for a connection for a call on table "
                    + table.name() + " (its interrupt flag is still set)", e, false);
        }
        if (causedBy(e, SQLTransientConnectionException.class)) {
            return new NoConnection("No connection for a call on table " + table.name() + ": the pool had none to give "
                    + "within its timeout (" + rootMessage(e) + ")", e, false);
        }
        return new NoConnection("Could not connect for a call on table " + table.name() + ": " + rootMessage(e), e,
                SqlErrors.isConnectionLoss(e));
    }

    /** Anything else a driver or JDBI threw: never let it escape unwrapped. */
    static GetOrCreateException unexpected(TableSpec<?> table, RuntimeException e) {
        if (Thread.currentThread().isInterrupted()) {
            return interrupted(table, e);
        }
        return new GetOrCreateException("A call on table " + table.name() + " failed: " + e, e);
    }

    private static GetOrCreateException interrupted(TableSpec<?> table, Exception e) {
        return new GetOrCreateException("The thread was interrupted during a call on table " + table.name()
                + " (its interrupt flag is still set): " + e.getMessage(), e);
    }

    /** A lost connection inside a transaction someone else began: never retried on another connection. */
    static final class CallersTransactionLost extends GetOrCreateException {
        private static final long serialVersionUID = 1L;

        private CallersTransactionLost(String message, Throwable cause) {
            super(message, cause);
        }
    }

    /** Not getting a connection: a pool timeout and an interrupt are final; a refused connection may be retried. */
    static final class NoConnection extends GetOrCreateException {
        private static final long serialVersionUID = 1L;
        private final boolean retryable;

        private NoConnection(String message, Throwable cause, boolean retryable) {
            super(message, cause);
            this.retryable = retryable;
        }

        boolean retryable() {
            return retryable;
        }
    }

    // The column as the entity names it, for a name the database reported in its own case.
    private static String columnName(TableSpec<?> table, String reported) {
        if (reported == null) {
            return null;
        }
        for (ColumnSpec column : table.columns()) {
            if (column.name().equalsIgnoreCase(reported)) {
                return column.name();
            }
        }
        return reported;
    }

    private static boolean causedBy(Throwable e, Class<? extends Throwable> type) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (type.isInstance(t)) {
                return true;
            }
        }
        return false;
    }

    private static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        return t.getMessage() == null ? t.toString() : t.getMessage();
    }
}
