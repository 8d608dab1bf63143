package io.getorcreate.internal;

import io.getorcreate.Outcome;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * PostgreSQL: one statement locks the key's row, writes the set columns only if one of them changes, or
 * inserts the row if there is none (see {@link SqlWriter#updateOrCreate}); the branch that returned the
 * row says created, updated or unchanged. Two statements only where they cannot be one: when
 * {@code createOnly} must not be evaluated for a row that exists (the first statement leaves the insert
 * out), and when a concurrent creator committed the row after the statement's snapshot (the statement
 * returns nothing, and runs again on a new snapshot).
 */
final class UpdateOrInsertStatement implements UpdateOrCreateAlgorithm {
    static final UpdateOrInsertStatement INSTANCE = new UpdateOrInsertStatement();
    private static final Logger RACE = LoggerFactory.getLogger("io.getorcreate.race");

    private UpdateOrInsertStatement() {}

    @Override
    public <T> Outcome<T> attempt(Call call, Statements<T> statements, ValueChecker checker, int key,
            Object[] keyValues, UpdateRow row) throws SQLException {
        RowValues values = row.values();
        checker.check(call.schema(), values);
        if (row.hasPendingCreateOnly()) {
            Outcome<T> found = run(call, statements, key, keyValues, values, null);
            if (found != null) {
                return found;
            }
        }
        RowValues inserted = row.inserted();
        checker.check(call.schema(), inserted);
        Outcome<T> outcome = run(call, statements, key, keyValues, values, inserted);
        if (outcome == null) {
            RACE.debug("Table {}: a concurrent creator's row for the key was not visible yet; trying again",
                    statements.table().name());
        }
        return outcome;
    }

    // The statement with the insert (inserted != null) or without it; null when it returned no row.
    private static <T> Outcome<T> run(Call call, Statements<T> statements, int key, Object[] keyValues,
            RowValues values, RowValues inserted) throws SQLException {
        TableSpec<T> table = statements.table();
        Dialect dialect = call.dialect();
        List<Integer> keyColumns = table.keys().get(key).columns();
        ColumnSet setColumns = values.setByUser();
        String sql = table.updateOrCreateSql(dialect, key, setColumns, inserted == null ? ColumnSet.EMPTY : inserted.columns());
        return call.guarded(() -> {
            statements.log(sql);
            try (PreparedStatement ps = call.connection().prepareStatement(sql)) {
                int next = statements.bind(ps, 1, dialect, keyColumns, keyValues);
                if (!setColumns.isEmpty()) {
                    next = statements.bindMasked(ps, next, dialect, values, setColumns);
                    next = statements.bind(ps, next, dialect, keyColumns, keyValues);
                    next = statements.bindMasked(ps, next, dialect, values, setColumns);
                }
                if (inserted != null) {
                    statements.bind(ps, next, dialect, inserted);
                }
                try (ResultSet rs = ps.executeQuery()) {
                    if (!rs.next()) {
                        return null;
                    }
                    int n = table.columns().size();
                    return new Outcome<>(table.reader().read(rs, dialect), rs.getBoolean(n + 1), rs.getBoolean(n + 2));
                }
            }
        });
    }
}
