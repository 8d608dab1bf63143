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

    /**
     * Whether the algorithm holds a row lock from one statement to the next, so that a call in autocommit
     * must run in a transaction of its own.
     */
    boolean locksAcrossStatements();

    static UpdateOrCreateAlgorithm of(Dialect dialect) {
        return switch (dialect) {
            case POSTGRES -> UpdateOrInsertStatement.INSTANCE;
            case H2, MARIADB, MYSQL -> LockThenUpdateOrInsert.INSTANCE;
        };
    }
}
