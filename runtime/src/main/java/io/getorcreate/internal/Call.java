package io.getorcreate.internal;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Savepoint;

/**
 * One call's view of the database: its connection, how it meets the connection's transaction, the
 * dialect, and what the schema check verified (null for calls that need no check, such as
 * {@code createTable}).
 */
record Call(Connection connection, Mode mode, Dialect dialect, VerifiedSchema schema) {

    /** A statement that may fail; run through {@link #guarded} so that a caller's transaction survives it. */
    @FunctionalInterface
    interface Guarded<R> {
        R run() throws SQLException;
    }

    /**
     * Runs a statement that may fail. Where a failed statement would abort the caller's whole transaction
     * (PostgreSQL), it runs under a savepoint, and a failure rolls back to it.
     */
    <R> R guarded(Guarded<R> statement) throws SQLException {
        if (mode != Mode.CALLER_TRANSACTION || !dialect.failedStatementAbortsTransaction()) {
            return statement.run();
        }
        return underSavepoint(statement);
    }

    /**
     * Runs work under a savepoint on every dialect: a failure rolls back to it, so the caller's
     * transaction holds nothing of the work (where the database has not already rolled the whole
     * transaction back, as it does for a deadlock).
     */
    <R> R underSavepoint(Guarded<R> work) throws SQLException {
        Savepoint savepoint = connection.setSavepoint();
        R result;
        try {
            result = work.run();
        } catch (SQLException | RuntimeException e) {
            try {
                connection.rollback(savepoint);
            } catch (SQLException rollbackFailure) {
                e.addSuppressed(rollbackFailure);
            }
            throw e;
        }
        try {
            connection.releaseSavepoint(savepoint);
        } catch (SQLException notSupported) {
            // Released with the transaction's end anyway.
        }
        return result;
    }

    /** Whether a plain read may see only the transaction's snapshot, not rows committed since. */
    boolean readsSnapshot() throws SQLException {
        return mode != Mode.AUTOCOMMIT && connection.getTransactionIsolation() > Connection.TRANSACTION_READ_COMMITTED;
    }
}
