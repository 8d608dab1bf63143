package io.getorcreate.internal;

import io.getorcreate.Outcome;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;

/**
 * H2, MariaDB/MySQL tables with INSERT or UPDATE triggers, PostgreSQL tables with statement-level triggers, inside a
 * transaction (the caller's, or one of the call's own): a locking read of
 * the key's row that also compares each set column with its given value by the database's equality;
 * then, if some changed, an UPDATE of those columns only and a read of the row as stored; if none
 * changed, nothing more; if there is no row, the INSERT. A unique violation on the key's own constraint
 * means a concurrent creator won: the next attempt's locking read sees its row (a locking read reads the
 * latest committed row on MariaDB/MySQL even at REPEATABLE READ) and updates it. On PostgreSQL, where a
 * failed statement would abort the transaction, the INSERT does nothing on that conflict instead.
 */
final class LockThenUpdateOrInsert implements UpdateOrCreateAlgorithm {
    static final LockThenUpdateOrInsert INSTANCE = new LockThenUpdateOrInsert();

    private LockThenUpdateOrInsert() {}

    @Override
    public <T> Outcome<T> attempt(Call call, Statements<T> statements, ValueChecker checker, int key,
            Object[] keyValues, UpdateRow row) throws SQLException {
        TableSpec<T> table = statements.table();
        Dialect dialect = call.dialect();
        List<Integer> keyColumns = table.keys().get(key).columns();
        RowValues values = row.values();
        checker.check(call.schema(), values);
        ColumnSet setColumns = values.setByUser();

        Statements.Compared<T> found = statements.readComparing(call, table.readComparingSql(dialect, key, setColumns, true),
                values, setColumns, keyColumns, keyValues);
        if (found != null) {
            return found.differing().isEmpty() ? new Outcome<>(found.row(), false, false)
                    : new Outcome<>(update(call, statements, key, keyValues, values, found.differing()), false, true);
        }

        RowValues inserted = row.inserted();
        checker.check(call.schema(), inserted);
        String insert = table.insertUnlessConflictSql(dialect, key, inserted.columns());
        if (dialect == Dialect.POSTGRES) {
            T created = call.guarded(() -> {
                statements.log(insert);
                try (PreparedStatement ps = call.connection().prepareStatement(insert)) {
                    statements.bind(ps, 1, dialect, inserted);
                    try (ResultSet rs = ps.executeQuery()) {
                        return rs.next() ? table.reader().read(rs, dialect) : null;
                    }
                }
            });
            return created == null ? null : new Outcome<>(created, true); // null: the next attempt locks the winner's row
        }
        try {
            return new Outcome<>(call.guarded(() -> statements.insert(call, insert, inserted)), true);
        } catch (SQLException e) {
            LostRace.onKey(call, table, key, e);
            return null; // the next attempt locks the winner's row and updates it
        }
    }

    // The changed columns only, under the lock the read took; then the row as stored.
    private static <T> T update(Call call, Statements<T> statements, int key, Object[] keyValues, RowValues values,
            ColumnSet changed) throws SQLException {
        TableSpec<T> table = statements.table();
        Dialect dialect = call.dialect();
        List<Integer> keyColumns = table.keys().get(key).columns();
        String update = table.updateByKeySql(dialect, key, changed);
        call.guarded(() -> {
            statements.log(update);
            try (PreparedStatement ps = call.connection().prepareStatement(update)) {
                int next = statements.bindMasked(ps, 1, dialect, values, changed);
                statements.bind(ps, next, dialect, keyColumns, keyValues);
                return ps.executeUpdate();
            }
        });
        return statements.selectOne(call, table.sql(dialect).keys().get(key).select(), keyColumns, keyValues);
    }
}
