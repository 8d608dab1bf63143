package io.getorcreate.internal;

import io.getorcreate.Outcome;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

/**
 * MariaDB/MySQL where the table has no INSERT or UPDATE trigger, inside a transaction (the caller's, or one of the
 * call's own). InnoDB leaves a plain INSERT that meets a duplicate with a shared lock on the winner's row;
 * two such losers that must then write it deadlock, and a locking read of a missing key at REPEATABLE
 * READ takes a gap lock that two creators' INSERTs deadlock on. So no lock is taken before the row is
 * known to exist:
 * <ol>
 *   <li>a plain read of the key's row, comparing each set column with its value;
 *   <li>if the row is there: unchanged, done (in the call's own transaction, whose snapshot this read
 *       took); else an UPDATE of the distinct columns, which reads the latest row and says whether it
 *       changed it, then a locking read of the row as stored;
 *   <li>if not: {@code INSERT ... ON DUPLICATE KEY UPDATE} (see {@link SqlWriter#upsert}), which inserts
 *       the row, or takes the concurrent creator's row under an exclusive lock and writes the distinct
 *       columns in the same step; a session variable, set to a token of this call's, says which; then a
 *       read of the row (locked already) and the variable.
 * </ol>
 * Three statements at most. The rare paths go through {@link LockThenUpdateOrInsert}, which reads past
 * the snapshot with a lock: the row vanished (or came back with other values) between the read and the
 * UPDATE; the INSERT met a row with another key on another unique index, which it leaves untouched (the
 * plain INSERT then reports that constraint's violation as it is); the row to be inserted breaks a
 * constraint or a column's limits, which MariaDB checks before it looks for a duplicate, so the key's
 * row may exist after all. {@code ON DUPLICATE KEY UPDATE} that meets a row fires BEFORE INSERT and
 * UPDATE triggers even where it changes nothing, so a table with such triggers uses
 * {@link LockThenUpdateOrInsert} throughout.
 */
final class ReadThenUpsert implements UpdateOrCreateAlgorithm {
    static final ReadThenUpsert INSTANCE = new ReadThenUpsert();

    private ReadThenUpsert() {}

    @Override
    public <T> Outcome<T> attempt(Call call, Statements<T> statements, ValueChecker checker, int key,
            Object[] keyValues, UpdateRow row) throws SQLException {
        if (row.pastSnapshot()) {
            return LockThenUpdateOrInsert.INSTANCE.attempt(call, statements, checker, key, keyValues, row);
        }
        TableSpec<T> table = statements.table();
        Dialect dialect = call.dialect();
        List<Integer> keyColumns = table.keys().get(key).columns();
        RowValues values = row.values();
        checker.check(call.schema(), values);
        ColumnSet setColumns = values.setByUser();

        Statements.Compared<T> found = statements.readComparing(call,
                table.readComparingSql(dialect, key, setColumns, false), values, setColumns, keyColumns, keyValues);
        if (found != null) {
            // The call's own transaction began with this read: its answer is the latest. A caller's snapshot
            // may be older, so the UPDATE decides there.
            if (found.differing().isEmpty() && call.mode() != Mode.CALLER_TRANSACTION) {
                return new Outcome<>(found.row(), false, false);
            }
            if (setColumns.isEmpty()) {
                return LockThenUpdateOrInsert.INSTANCE.attempt(call, statements, checker, key, keyValues, row);
            }
            return updateIfDistinct(call, statements, key, keyValues, values, row);
        }
        return upsert(call, statements, checker, key, keyValues, row);
    }

    private static <T> Outcome<T> updateIfDistinct(Call call, Statements<T> statements, int key, Object[] keyValues,
            RowValues values, UpdateRow row) throws SQLException {
        TableSpec<T> table = statements.table();
        Dialect dialect = call.dialect();
        List<Integer> keyColumns = table.keys().get(key).columns();
        ColumnSet setColumns = values.setByUser();
        String update = table.updateIfDistinctSql(dialect, key, setColumns);
        int changedRows = call.guarded(() -> {
            statements.log(update);
            try (PreparedStatement ps = call.connection().prepareStatement(update)) {
                int next = 1;
                for (int c = 0; c < table.columns().size(); c++) {
                    if (setColumns.contains(c)) {
                        ColumnType type = table.columns().get(c).type();
                        type.bind(ps, next++, values.get(c), dialect);
                        type.bind(ps, next++, values.get(c), dialect);
                    }
                }
                next = statements.bind(ps, next, dialect, keyColumns, keyValues);
                statements.bindMasked(ps, next, dialect, values, setColumns);
                return ps.executeUpdate();
            }
        });
        // The row as stored, locked, and whether it holds the values: an UPDATE that wrote nothing either found
        // them there or found no row, and at READ COMMITTED another transaction may have put a row back since.
        Statements.Compared<T> stored = statements.readComparing(call,
                table.readComparingSql(dialect, key, setColumns, true), values, setColumns, keyColumns, keyValues);
        if (stored == null || !stored.differing().isEmpty()) {
            row.readPastSnapshot(); // deleted (and perhaps created again) since: start again from the latest row
            return null;
        }
        return new Outcome<>(stored.row(), false, changedRows > 0);
    }

    private static <T> Outcome<T> upsert(Call call, Statements<T> statements, ValueChecker checker, int key,
            Object[] keyValues, UpdateRow row) throws SQLException {
        TableSpec<T> table = statements.table();
        Dialect dialect = call.dialect();
        List<Integer> keyColumns = table.keys().get(key).columns();
        RowValues values = row.values();
        ColumnSet setColumns = values.setByUser();
        RowValues inserted = row.inserted();
        try {
            checker.check(call.schema(), inserted);
        } catch (io.getorcreate.InvalidValueException e) {
            // Only a row to be created needs createOnly's values; the row may exist, unseen by the read.
            row.readPastSnapshot();
            return LockThenUpdateOrInsert.INSTANCE.attempt(call, statements, checker, key, keyValues, row);
        }
        String token = Long.toHexString(ThreadLocalRandom.current().nextLong()) + ":";
        String same = token + "same";
        String changed = token + "changed";
        String other = token + "other";
        String sql = table.upsertSql(dialect, key, setColumns, inserted.columns());
        Object[] result;
        try {
            result = call.guarded(() -> {
                statements.log(sql);
                try (PreparedStatement ps = call.connection().prepareStatement(sql)) {
                    int next = statements.bind(ps, 1, dialect, inserted);
                    next = statements.bind(ps, next, dialect, keyColumns, keyValues);
                    next = statements.bindMasked(ps, next, dialect, values, setColumns);
                    ps.setString(next++, same);
                    if (!setColumns.isEmpty()) {
                        ps.setString(next++, changed);
                    }
                    ps.setString(next++, other);
                    for (int c = 0; c < table.columns().size(); c++) {
                        if (setColumns.contains(c)) {
                            ColumnType type = table.columns().get(c).type();
                            next = statements.bind(ps, next, dialect, keyColumns, keyValues);
                            type.bind(ps, next++, values.get(c), dialect);
                            type.bind(ps, next++, values.get(c), dialect);
                        }
                    }
                    ps.executeUpdate();
                }
                // The row, locked by the INSERT, and the variable, in one read.
                String readBack = table.upsertReadBackSql(dialect, key);
                statements.log(readBack);
                try (PreparedStatement ps = call.connection().prepareStatement(readBack)) {
                    statements.bind(ps, 1, dialect, keyColumns, keyValues);
                    try (ResultSet rs = ps.executeQuery()) {
                        return rs.next() ? new Object[] {table.reader().read(rs, dialect),
                                rs.getString(table.columns().size() + 1)} : null;
                    }
                }
            });
        } catch (SQLException e) {
            if (SqlErrors.violation(dialect, e) == null) {
                throw e;
            }
            // MariaDB checks the row to be inserted (NOT NULL without a default, CHECK, foreign keys) before it
            // looks for a duplicate, so the violation may belong to a row never needed: the key's row may
            // exist, unseen by the read. The locking path finds out, and reports the violation if it stands.
            row.readPastSnapshot();
            return LockThenUpdateOrInsert.INSTANCE.attempt(call, statements, checker, key, keyValues, row);
        }
        if (result == null || other.equals(result[1])) {
            // It met a row with another key, which holds one of this row's values under another unique
            // index, and left it as it was; the key has no row. The plain INSERT reports that violation.
            row.readPastSnapshot();
            return LockThenUpdateOrInsert.INSTANCE.attempt(call, statements, checker, key, keyValues, row);
        }
        @SuppressWarnings("unchecked")
        T entity = (T) result[0];
        Object way = result[1];
        if (same.equals(way)) {
            return new Outcome<>(entity, false, false);
        }
        if (changed.equals(way)) {
            return new Outcome<>(entity, false, true);
        }
        return new Outcome<>(entity, true);
    }
}
