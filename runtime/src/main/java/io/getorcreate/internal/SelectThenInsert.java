package io.getorcreate.internal;

import io.getorcreate.IntegrityViolationException;
import io.getorcreate.Outcome;
import io.getorcreate.TransactionRetryException;
import java.sql.SQLException;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * H2 and MariaDB/MySQL: SELECT, then INSERT on a miss. A unique violation on the key's own constraint
 * means a concurrent creator won: its row is read (with a locking read on MariaDB/MySQL inside a
 * transaction, since a plain read there sees only the transaction's snapshot). A unique violation on any
 * other constraint is the caller's to see.
 */
final class SelectThenInsert implements GetOrCreateAlgorithm {
    static final SelectThenInsert INSTANCE = new SelectThenInsert();
    private static final Logger RACE = LoggerFactory.getLogger("io.getorcreate.race");

    private SelectThenInsert() {}

    @Override
    public <T> Outcome<T> attempt(Call call, Statements<T> statements, ValueChecker checker, int key,
            Object[] keyValues, NewRow row) throws SQLException {
        TableSpec<T> table = statements.table();
        Dialect dialect = call.dialect();
        KeySql sql = table.sql(dialect).keys().get(key);
        List<Integer> keyColumns = table.keys().get(key).columns();
        String reread = dialect.needsLockingReadAfterDuplicate() && call.mode() != Mode.AUTOCOMMIT
                ? sql.lockingSelect() : sql.select();
        T found = statements.selectOne(call, row.built() ? reread : sql.select(), keyColumns, keyValues);
        if (found != null) {
            return new Outcome<>(found, false);
        }
        RowValues values = row.values();
        checker.check(call.schema(), values);
        try {
            String insert = table.getOrCreateSql(dialect, key, values.columns());
            return new Outcome<>(call.guarded(() -> statements.insert(call, insert, values)), true);
        } catch (SQLException e) {
            SqlErrors.Violation violation = SqlErrors.violation(dialect, e);
            if (violation == null || violation.kind() != IntegrityViolationException.Kind.UNIQUE) {
                throw e;
            }
            String constraint = call.schema().constraintName(violation);
            boolean onKey = call.schema().backsKey(key, constraint);
            if (constraint != null && !onKey) {
                throw e;
            }
            RACE.debug("Table {}: lost the race to create the row (unique violation on {}); reading the winner's row",
                    table.name(), constraint);
            T winner = statements.selectOne(call, reread, keyColumns, keyValues);
            if (winner != null) {
                return new Outcome<>(winner, false);
            }
            if (onKey && !dialect.canReadPastSnapshot() && call.readsSnapshot()) {
                // The transaction's snapshot predates the winner's commit, and nothing reads past it: the
                // caller's transaction must run again; the DAO's own runs again by itself.
                if (call.mode() == Mode.CALLER_TRANSACTION) {
                    throw new TransactionRetryException(table.name(), e);
                }
                throw new java.sql.SQLTransactionRollbackException("the winner's row is not in this transaction's "
                        + "snapshot", "40001", e);
            }
            if (onKey) {
                return null;
            }
            throw e;
        }
    }
}
