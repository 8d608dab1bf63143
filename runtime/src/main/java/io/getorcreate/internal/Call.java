package io.getorcreate.internal;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Savepoint;

/**
 * One call's view of the database: its connection, how it meets the connection's transaction, the
 * dialect, and what the schema check verified (null for calls that need no check, such as
 * {@code createTable}). A call that {@link #lazy may begin its own transaction late} starts in
 * autocommit and reports {@link Mode#OWN_TRANSACTION} once it has begun one.
 */
record Call(Connection connection, Mode mode, Dialect dialect, VerifiedSchema schema, Lazy lazy) {

    /**
     * A DAO-owned call in autocommit that must be atomic but need not pay for a transaction when it writes
     * with at most one statement, a statement being atomic by itself: it begins its transaction only
     * right before a write that might not be its last ({@link #beforeWrite}).
     */
    static final class Lazy {
        boolean began;
        boolean wrote;
    }

    Call(Connection connection, Mode mode, Dialect dialect, VerifiedSchema schema) {
        this(connection, mode, dialect, schema, null);
    }

    @Override
    public Mode mode() {
        return lazy != null && lazy.began ? Mode.OWN_TRANSACTION : mode;
    }

    /** Whether this call began its own transaction late, so that the runner ends it and restores autocommit. */
    boolean begunLazily() {
        return lazy != null && lazy.began;
    }

    /**
     * Before a write statement of an atomic call: true when it may run alone in autocommit, which it may
     * only if the call has begun no transaction, has written nothing yet, and {@code last} (once this
     * statement succeeds, the call writes nothing more; should it fail, it wrote nothing); after it
     * succeeds the caller reports {@link #wroteAlone}. Otherwise, for a call that may still begin its
     * transaction, begins it now and answers false.
     */
    boolean beforeWrite(boolean last) throws SQLException {
        if (lazy == null || lazy.began) {
            return false;
        }
        if (last && !lazy.wrote) {
            return true;
        }
        // A write after one that committed alone cannot undo it: the algorithms never get here (a
        // statement that ran alone answered every key it left), but a transaction is still the safer place.
        begin();
        return false;
    }

    /** After a write that ran alone in autocommit and succeeded. */
    void wroteAlone() {
        if (lazy != null && !lazy.began) {
            lazy.wrote = true;
        }
    }

    /** Begins the late transaction of a call that may (no-op otherwise). */
    void begin() throws SQLException {
        if (lazy != null && !lazy.began) {
            connection.setAutoCommit(false);
            lazy.began = true;
        }
    }

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
        if (mode() != Mode.CALLER_TRANSACTION || !dialect.failedStatementAbortsTransaction()) {
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
        return mode() != Mode.AUTOCOMMIT && connection.getTransactionIsolation() > Connection.TRANSACTION_READ_COMMITTED;
    }
}
