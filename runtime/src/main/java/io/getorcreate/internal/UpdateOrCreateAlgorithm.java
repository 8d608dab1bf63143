package io.getorcreate.internal;

import io.getorcreate.Outcome;
import java.sql.SQLException;

/** One way to update the key's row or create it, chosen per dialect and table. */
interface UpdateOrCreateAlgorithm {

    /**
     * One attempt.
     *
     * @return the outcome, or null when a concurrent creator's row appeared after this attempt's snapshot
     *     or vanished (its transaction rolled back), so the call must try again
     */
    <T> Outcome<T> attempt(Call call, Statements<T> statements, ValueChecker checker, int key, Object[] keyValues,
            UpdateRow row) throws SQLException;

    /** The dialect's algorithm for a table whose schema check found {@code schema}. */
    static UpdateOrCreateAlgorithm of(Dialect dialect, VerifiedSchema schema) {
        return switch (dialect) {
            // The one statement holds an UPDATE and an INSERT, which fire statement-level triggers even where
            // they write no row; with such triggers, the locking read goes first and nothing follows it
            // where nothing changes.
            case POSTGRES -> schema.statementInsertTriggers() || schema.noOpUpdateTriggers()
                    ? LockThenUpdateOrInsert.INSTANCE : UpdateOrInsertStatement.INSTANCE;
            case H2 -> LockThenUpdateOrInsert.INSTANCE;
            case MARIADB, MYSQL -> schema.noOpUpdateTriggers() ? LockThenUpdateOrInsert.INSTANCE : ReadThenUpsert.INSTANCE;
        };
    }

    /**
     * Whether the algorithm holds a row lock from one statement to the next, so that a call in autocommit
     * must run in a transaction of its own.
     */
    static boolean locksAcrossStatements(Dialect dialect, VerifiedSchema schema) {
        return of(dialect, schema) != UpdateOrInsertStatement.INSTANCE;
    }
}
