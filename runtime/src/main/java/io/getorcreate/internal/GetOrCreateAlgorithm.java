package io.getorcreate.internal;

import io.getorcreate.Outcome;
import java.sql.SQLException;

/** One way to find a row by key or create it, chosen once per dialect. */
interface GetOrCreateAlgorithm {

    /**
     * One attempt.
     *
     * @return the outcome, or null when a concurrent creator's row vanished (its transaction rolled back
     *     after this attempt saw its conflict), so the call must try again
     */
    <T> Outcome<T> attempt(Call call, Statements<T> statements, ValueChecker checker, int key, Object[] keyValues,
            NewRow row) throws SQLException;

    static GetOrCreateAlgorithm of(Dialect dialect) {
        return switch (dialect) {
            case POSTGRES -> SelectOrInsertStatement.INSTANCE;
            case H2, MARIADB, MYSQL -> SelectThenInsert.INSTANCE;
        };
    }
}
