package io.getorcreate.internal;

import java.sql.Connection;
import java.sql.SQLException;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.JdbiException;
import org.jdbi.v3.core.extension.HandleSupplier;

/**
 * Runs one DAO call: finds its connection (the caller's handle, the thread's JDBI handle, or a handle of
 * its own), decides how the call meets the connection's transaction, has the schema checked, commits
 * only what it began, retries what may be retried, and translates a driver's failure. Only on a handle
 * of its own, and only for an idempotent call, is a lost connection retried on a fresh one: a
 * get-or-create whose commit was acknowledged but lost in flight then reports the row as found.
 */
final class CallRunner {
    /** What a call does, which decides whether it needs the schema check and may run again on a new connection. */
    enum Operation {
        /** A find or get-or-create: checked, and safe to run again. */
        READ_OR_CREATE(true, true, false),
        /**
         * Many keys at once: checked, safe to run again, and atomic: outside a transaction it runs in one of
         * its own; inside a caller's, under a savepoint that a failure rolls back to.
         */
        BULK(true, true, true),
        /**
         * {@code getOrCreateAll}: as {@link #BULK}, but outside a transaction it begins its own only right
         * before a write that might not be its last ({@link Call.Lazy}): a call that writes with one
         * statement, or none, is atomic in autocommit and saves the BEGIN and COMMIT.
         */
        GET_OR_CREATE_ALL(true, true, true),
        /** A plain insert: checked, and not safe to run again after a lost acknowledgement. */
        INSERT(true, false, false),
        /** {@code createTable}: needs no check, safe to run again. */
        DDL(false, true, false),
        /**
         * An update-or-create: checked, and safe to run again (the same values written twice leave the same
         * row); where its algorithm holds a row lock from one statement to the next, a call in autocommit
         * runs in a transaction of its own.
         */
        UPDATE_OR_CREATE(true, true, false);

        final boolean verifies;
        final boolean idempotent;
        final boolean atomic;

        Operation(boolean verifies, boolean idempotent, boolean atomic) {
            this.verifies = verifies;
            this.idempotent = idempotent;
            this.atomic = atomic;
        }

        /** Whether a call in autocommit begins its transaction only when a write needs one ({@link Call.Lazy}). */
        boolean beginsLazily() {
            return this == GET_OR_CREATE_ALL;
        }

        /** Whether a call in autocommit must run in a transaction of its own on this dialect. */
        boolean needsTransaction(Dialect dialect, VerifiedSchema schema) {
            return this == UPDATE_OR_CREATE && UpdateOrCreateAlgorithm.locksAcrossStatements(dialect, schema);
        }
    }

    /** The work of one call, given its view of the database. */
    @FunctionalInterface
    interface Work<R> {
        R run(Call call) throws SQLException;
    }

    private final TableSpec<?> table;
    private final Jdbi jdbi;
    private final Handle handle;
    private final SchemaCheck schema;

    /** @param handle the caller's handle, or null to use {@code jdbi}'s */
    CallRunner(TableSpec<?> table, Jdbi jdbi, Handle handle, SchemaCheck schema) {
        this.table = table;
        this.jdbi = jdbi;
        this.handle = handle;
        this.schema = schema;
    }

    <R> R run(Operation operation, Work<R> work) {
        if (handle != null) {
            return runOn(handle, false, operation, work);
        }
        HandleSupplier scoped = jdbi.getHandleScope().get();
        if (scoped != null) {
            return runOn(scoped.getHandle(), false, operation, work);
        }
        try {
            return Retry.LOST_CONNECTION.run(table.name(), () -> {
                try (Handle own = open()) {
                    return runOn(own, true, operation, work);
                }
            }, e -> operation.idempotent && isLostConnection(e) && !joinedCallersTransaction(e), () -> { });
        } catch (SQLException impossible) {
            // Every SQLException was translated inside runOn.
            throw new IllegalStateException(impossible);
        }
    }

    private Handle open() {
        try {
            return jdbi.open();
        } catch (JdbiException e) {
            throw Failures.noConnection(table, e);
        }
    }

    // A joined transaction (Spring's, on a handle of our own) is gone with its connection: report, never retry.
    private static boolean joinedCallersTransaction(Exception e) {
        return e instanceof Failures.CallersTransactionLost;
    }

    private static boolean isLostConnection(Exception e) {
        if (e instanceof Failures.NoConnection noConnection) {
            return noConnection.retryable();
        }
        return !(e instanceof UserCode.Failure) && SqlErrors.isConnectionLoss(e);
    }

    // Not where reading a written row back can fail (an enum name with no constant): a statement that
    // committed alone could not be undone then.
    private boolean beginsLazily(Operation operation) {
        return operation.beginsLazily() && !table.readingMayFail();
    }

    private <R> R runOn(Handle h, boolean own, Operation operation, Work<R> work) {
        Connection connection = h.getConnection();
        if (!operation.atomic) {
            return runOn(connection, own, operation, work);
        }
        boolean autoCommit;
        try {
            autoCommit = connection.getAutoCommit();
        } catch (SQLException e) {
            throw Failures.translate(table, null, Mode.AUTOCOMMIT, null, e);
        }
        if (autoCommit && beginsLazily(operation)) {
            return runOn(connection, own, operation, work);
        }
        if (autoCommit) {
            // Outside any transaction: a transaction of the call's own, ended here whatever happens.
            try {
                connection.setAutoCommit(false);
            } catch (SQLException e) {
                throw Failures.translate(table, null, Mode.AUTOCOMMIT, null, e);
            }
            try {
                return runOn(connection, true, operation, work);
            } finally {
                try {
                    connection.setAutoCommit(true);
                } catch (SQLException ignored) {
                    // The call's outcome is already decided; a pool discards a connection it cannot reset.
                }
            }
        }
        return runOn(connection, own, operation, call -> {
            if (call.mode() != Mode.CALLER_TRANSACTION) {
                return work.run(call);
            }
            try {
                return call.underSavepoint(() -> work.run(call));
            } catch (ReadOnlyTransaction e) {
                // The caller's transaction is read-only, and the savepoint undid the statement that wrote: once
                // more, reading first (a hit then writes nothing).
                return call.underSavepoint(() -> work.run(call));
            }
        });
    }

    /**
     * A statement that would have written met a read-only transaction; the schema's {@code serverReadOnly}
     * is set, so the work run again reads first. A transaction of the call's own runs again (it is a
     * serialization failure); a caller's, under its savepoint, once more at once.
     */
    static final class ReadOnlyTransaction extends java.sql.SQLTransactionRollbackException {
        ReadOnlyTransaction(SQLException cause) {
            super("the transaction is read-only", "40001", cause);
        }
    }

    private <R> R runOn(Connection connection, boolean own, Operation operation, Work<R> work) {
        Mode mode = Mode.AUTOCOMMIT;
        Dialect dialect = null;
        VerifiedSchema verified = null;
        boolean began = false;
        Call call = null;
        try {
            if (!connection.getAutoCommit()) {
                // A handle of its own may still hold a connection whose transaction someone else began
                // (Spring's, reached through a transaction-aware DataSource): join it, never end it.
                mode = own && !ExternalTransactions.joins(connection) ? Mode.OWN_TRANSACTION : Mode.CALLER_TRANSACTION;
            }
            verified = operation.verifies ? schema.verified(connection, table) : null;
            dialect = verified != null ? verified.dialect() : Dialect.detect(connection.getMetaData());
            if (mode == Mode.AUTOCOMMIT && operation.needsTransaction(dialect, verified)) {
                connection.setAutoCommit(false);
                began = true;
                mode = Mode.OWN_TRANSACTION;
            }
            call = new Call(connection, mode, dialect, verified,
                    mode == Mode.AUTOCOMMIT && beginsLazily(operation) ? new Call.Lazy() : null);
            if (mode == Mode.CALLER_TRANSACTION) {
                return work.run(call);
            }
            Dialect d = dialect;
            Call c = call;
            return Retry.TRANSIENT.run(table.name(), () -> {
                R result = work.run(c);
                if (c.mode() == Mode.OWN_TRANSACTION) {
                    connection.commit();
                }
                return result;
            }, e -> e instanceof SQLException sql && SqlErrors.isTransient(d, sql), () -> rollbackOwn(connection, c.mode()));
        } catch (SQLException failure) {
            // A late transaction (Call.Lazy) is rolled back too, before autocommit is restored (which would commit it).
            mode = call != null ? call.mode() : mode;
            rollbackOwn(connection, mode);
            // A pool answers for a connection it has closed under us (a kill between two statements) with
            // an exception that says nothing of the loss: name it one, so that it is treated as one.
            SQLException e = !SqlErrors.isConnectionLoss(failure) && isClosed(connection)
                    ? new java.sql.SQLNonTransientConnectionException("the connection was closed", "08003", failure)
                    : failure;
            if (verified != null && SqlErrors.isSchemaMismatch(dialect, e)) {
                // The table this connection now finds is not the one checked (another schema on the search
                // path, say): check it, and report a SchemaException if it cannot serve.
                try {
                    schema.forget(connection);
                    schema.verified(connection, table);
                } catch (SQLException | RuntimeException again) {
                    if (again instanceof RuntimeException r) {
                        r.addSuppressed(e);
                        throw r;
                    }
                }
            }
            throw Failures.translate(table, dialect, mode, verified, e);
        } catch (RuntimeException | Error e) {
            rollbackOwn(connection, call != null ? call.mode() : mode);
            throw e;
        } finally {
            if (began || call != null && call.begunLazily()) {
                restoreAutoCommit(connection);
            }
        }
    }

    // After a transaction begun for one call in autocommit, committed or rolled back by now.
    private static void restoreAutoCommit(Connection connection) {
        try {
            connection.setAutoCommit(true);
        } catch (SQLException suppressed) {
            // The connection is broken; the pool finds out when it is returned.
        }
    }

    private static boolean isClosed(Connection connection) {
        try {
            return connection.isClosed();
        } catch (SQLException e) {
            return true;
        }
    }

    private static void rollbackOwn(Connection connection, Mode mode) {
        if (mode != Mode.OWN_TRANSACTION) {
            return;
        }
        try {
            connection.rollback();
        } catch (SQLException suppressed) {
            // Reported through the original failure.
        }
    }
}
