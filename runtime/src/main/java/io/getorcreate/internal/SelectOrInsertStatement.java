package io.getorcreate.internal;

import io.getorcreate.Outcome;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * PostgreSQL: one statement selects the row or inserts it ({@code ON CONFLICT (key) DO NOTHING}), so a hit
 * and a miss are each one round trip, and a lost race raises nothing. A plain SELECT goes first where the
 * statement's INSERT must not run on a hit: when {@code defaults} must not be evaluated for a row that
 * exists, in a caller's transaction (where the statement needs a savepoint), on a read-only connection,
 * and on a table whose statement-level INSERT triggers a zero-row INSERT would fire.
 */
final class SelectOrInsertStatement implements GetOrCreateAlgorithm {
    static final SelectOrInsertStatement INSTANCE = new SelectOrInsertStatement();
    private static final Logger RACE = LoggerFactory.getLogger("io.getorcreate.race");
    /** SQLState: a write in a read-only transaction. */
    private static final String READ_ONLY = "25006";

    private SelectOrInsertStatement() {}

    @Override
    public <T> Outcome<T> attempt(Call call, Statements<T> statements, ValueChecker checker, int key,
            Object[] keyValues, NewRow row) throws SQLException {
        TableSpec<T> table = statements.table();
        List<Integer> keyColumns = table.keys().get(key).columns();
        if (!row.built() && selectFirst(call, row)) {
            T found = statements.selectOne(call, table.sql(call.dialect()).keys().get(key).select(), keyColumns, keyValues);
            if (found != null) {
                return new Outcome<>(found, false);
            }
        }
        RowValues values = row.values();
        checker.check(call.schema(), values);
        String sql = table.getOrCreateSql(call.dialect(), key, values.columns());
        Outcome<T> outcome;
        try {
            outcome = selectOrInsert(call, statements, sql, keyColumns, keyValues, values);
        } catch (SQLException e) {
            if (!READ_ONLY.equals(e.getSQLState())) {
                throw e;
            }
            // The server makes every transaction read-only: a hit must still be found, and is from now on first.
            call.schema().serverReadOnly().set(true);
            if (call.mode() == Mode.OWN_TRANSACTION) {
                call.connection().rollback();
            }
            T found = statements.selectOne(call, table.sql(call.dialect()).keys().get(key).select(), keyColumns, keyValues);
            if (found == null) {
                throw e;
            }
            return new Outcome<>(found, false);
        }
        if (outcome == null) {
            RACE.debug("Table {}: a concurrent creator's row for the key was not visible yet; trying again", table.name());
        }
        return outcome;
    }

    private static <T> Outcome<T> selectOrInsert(Call call, Statements<T> statements, String sql,
            List<Integer> keyColumns, Object[] keyValues, RowValues values) throws SQLException {
        TableSpec<T> table = statements.table();
        return call.guarded(() -> {
            statements.log(sql);
            try (PreparedStatement ps = call.connection().prepareStatement(sql)) {
                int next = statements.bind(ps, 1, call.dialect(), keyColumns, keyValues);
                statements.bind(ps, next, call.dialect(), values);
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next() ? new Outcome<>(table.reader().read(rs, call.dialect()),
                            rs.getBoolean(table.columns().size() + 1)) : null;
                }
            }
        });
    }

    private static boolean selectFirst(Call call, NewRow row) throws SQLException {
        return row.hasPendingDefaults() || call.mode() == Mode.CALLER_TRANSACTION
                || call.schema().statementInsertTriggers() || call.schema().serverReadOnly().get()
                || call.connection().isReadOnly();
    }
}
