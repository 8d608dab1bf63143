package io.getorcreate.internal;

import io.getorcreate.Outcome;
import java.sql.SQLException;
import java.util.List;

/**
 * H2 and MariaDB/MySQL: SELECT, then INSERT on a miss. A unique violation on the key's own constraint
 * means a concurrent creator won: its row is read (with a locking read on MariaDB/MySQL inside a
 * transaction, since a plain read there sees only the transaction's snapshot). A unique violation on any
 * other constraint is the caller's to see.
 */
final class SelectThenInsert implements GetOrCreateAlgorithm {
    static final SelectThenInsert INSTANCE = new SelectThenInsert();

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
            String constraint = LostRace.onKey(call, table, key, e);
            T winner = statements.selectOne(call, reread, keyColumns, keyValues);
            if (winner != null) {
                return new Outcome<>(winner, false);
            }
            if (constraint != null) {
                return null; // the winner rolled back: try again
            }
            throw e; // an unnamed unique violation whose row is not the key's: another constraint's
        }
    }
}
