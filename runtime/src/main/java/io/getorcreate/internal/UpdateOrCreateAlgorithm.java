package io.getorcreate.internal;

import io.getorcreate.Outcome;
import java.sql.SQLException;

/** One way to update the key's row or create it, chosen once per dialect. */
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
            case POSTGRES -> UpdateOrInsertStatement.INSTANCE;
            case H2 -> LockThenUpdateOrInsert.INSTANCE;
            case MARIADB, MYSQL -> schema.noOpUpdateTriggers() ? LockThenUpdateOrInsert.INSTANCE : ReadThenUpsert.INSTANCE;
        };
    }

    /** Whether the dialect's algorithms hold a row lock from one statement to the next. */
    static boolean locksAcrossStatements(Dialect dialect) {
        return dialect != Dialect.POSTGRES;
    }
}
