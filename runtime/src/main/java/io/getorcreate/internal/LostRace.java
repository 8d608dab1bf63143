package io.getorcreate.internal;

import io.getorcreate.IntegrityViolationException;
import io.getorcreate.TransactionRetryException;
import java.sql.SQLException;
import java.sql.SQLTransactionRollbackException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Tells a lost race from any other failed INSERT: only a unique violation on the key's own constraint
 * (or on one the driver does not name) means a concurrent creator won. Where the transaction's snapshot
 * cannot show the winner's row (H2 above READ COMMITTED), the transaction must run again: the caller's
 * is told so, the DAO's own runs again by itself.
 */
final class LostRace {
    private static final Logger RACE = LoggerFactory.getLogger("io.getorcreate.race");

    private LostRace() {}

    /**
     * Returns the violated constraint's name (null where the driver does not say) when {@code e} is a lost
     * race for {@code key}; throws {@code e} itself when it is anything else.
     */
    static String onKey(Call call, TableSpec<?> table, int key, SQLException e) throws SQLException {
        SqlErrors.Violation violation = SqlErrors.violation(call.dialect(), e);
        if (violation == null || violation.kind() != IntegrityViolationException.Kind.UNIQUE) {
            throw e;
        }
        String constraint = call.schema().constraintName(violation);
        if (constraint != null && !call.schema().backsKey(key, constraint)) {
            throw e;
        }
        if (!call.dialect().canReadPastSnapshot() && call.readsSnapshot()) {
            if (call.mode() == Mode.CALLER_TRANSACTION) {
                throw new TransactionRetryException(table.name(), e);
            }
            throw new SQLTransactionRollbackException("the winner's row is not in this transaction's snapshot",
                    "40001", e);
        }
        RACE.debug("Table {}: lost the race to create a row (unique violation on {})", table.name(), constraint);
        return constraint;
    }
}
