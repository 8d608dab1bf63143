package io.getorcreate.internal;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Runs one table's statements on prepared statements: binds the values, reads the rows back. */
final class Statements<T> {
    private static final Logger SQL = LoggerFactory.getLogger("io.getorcreate.sql");

    private final TableSpec<T> table;

    Statements(TableSpec<T> table) {
        this.table = table;
    }

    TableSpec<T> table() {
        return table;
    }

    /** The row whose {@code columns} hold {@code values}, or null. */
    T selectOne(Call call, String sql, List<Integer> columns, Object[] values) throws SQLException {
        log(sql);
        try (PreparedStatement ps = call.connection().prepareStatement(sql)) {
            bind(ps, 1, call.dialect(), columns, values);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? table.reader().read(rs, call.dialect()) : null;
            }
        }
    }

    /** The key's row, and the set columns whose given values differ from the stored ones. */
    record Compared<T>(T row, ColumnSet differing) {}

    /**
     * Runs a read that {@link SqlWriter#readComparing} wrote for {@code compared}: null where the key has no
     * row.
     */
    Compared<T> readComparing(Call call, String sql, RowValues values, ColumnSet compared, List<Integer> keyColumns,
            Object[] keyValues) throws SQLException {
        log(sql);
        Dialect dialect = call.dialect();
        try (PreparedStatement ps = call.connection().prepareStatement(sql)) {
            int next = bindMasked(ps, 1, dialect, values, compared);
            bind(ps, next, dialect, keyColumns, keyValues);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    return null;
                }
                T row = table.reader().read(rs, dialect);
                ColumnSet differing = ColumnSet.EMPTY;
                int flag = table.columns().size() + 1;
                for (int c = 0; c < table.columns().size(); c++) {
                    if (compared.contains(c) && rs.getBoolean(flag++)) {
                        differing = differing.with(c);
                    }
                }
                return new Compared<>(row, differing);
            }
        }
    }

    /** Runs an INSERT of the row's set columns and returns the row as stored. */
    T insert(Call call, String sql, RowValues row) throws SQLException {
        log(sql);
        Dialect dialect = call.dialect();
        switch (dialect.returning()) {
            case CLAUSE -> {
                try (PreparedStatement ps = call.connection().prepareStatement(sql)) {
                    bind(ps, 1, dialect, row);
                    try (ResultSet rs = ps.executeQuery()) {
                        return readInserted(rs, dialect);
                    }
                }
            }
            case GENERATED_KEYS -> {
                try (PreparedStatement ps = call.connection().prepareStatement(sql, table.h2ColumnNames())) {
                    bind(ps, 1, dialect, row);
                    ps.executeUpdate();
                    try (ResultSet rs = ps.getGeneratedKeys()) {
                        return readInserted(rs, dialect);
                    }
                }
            }
            default -> {
                return insertAndReadBack(call, sql, row);
            }
        }
    }

    // MySQL: no RETURNING, so the generated id comes back and the row is read by id (or by its first key).
    private T insertAndReadBack(Call call, String sql, RowValues row) throws SQLException {
        Dialect dialect = call.dialect();
        int id = table.idIndex();
        Object idValue = id >= 0 && row.isSet(id) ? row.get(id) : null;
        try (PreparedStatement ps = call.connection().prepareStatement(sql, Statement.RETURN_GENERATED_KEYS)) {
            bind(ps, 1, dialect, row);
            ps.executeUpdate();
            if (id >= 0 && idValue == null) {
                try (ResultSet keys = ps.getGeneratedKeys()) {
                    keys.next();
                    idValue = table.columns().get(id).type() == ColumnType.INT ? (Object) keys.getInt(1) : keys.getLong(1);
                }
            }
        }
        if (id >= 0) {
            return selectOne(call, table.sql(dialect).findById(), table.idColumns(), new Object[] {idValue});
        }
        KeySpec first = table.keys().get(0);
        Object[] keyValues = new Object[first.columns().size()];
        for (int i = 0; i < keyValues.length; i++) {
            keyValues[i] = row.get(first.columns().get(i));
        }
        return selectOne(call, table.sql(dialect).keys().get(0).select(), first.columns(), keyValues);
    }

    private T readInserted(ResultSet rs, Dialect dialect) throws SQLException {
        if (!rs.next()) {
            throw new SQLException("INSERT into " + table.name() + " returned no row");
        }
        return table.reader().read(rs, dialect);
    }

    /** Binds {@code values} to {@code columns}, from {@code index}; returns the next index. */
    int bind(PreparedStatement ps, int index, Dialect dialect, List<Integer> columns, Object[] values)
            throws SQLException {
        for (int i = 0; i < values.length; i++) {
            table.columns().get(columns.get(i)).type().bind(ps, index++, values[i], dialect);
        }
        return index;
    }

    /** Binds the row's set columns in column order, from {@code index}; returns the next index. */
    int bind(PreparedStatement ps, int index, Dialect dialect, RowValues row) throws SQLException {
        List<ColumnSpec> columns = table.columns();
        for (int c = 0; c < columns.size(); c++) {
            if (row.isSet(c)) {
                columns.get(c).type().bind(ps, index++, row.get(c), dialect);
            }
        }
        return index;
    }

    /** Binds the row's columns in {@code mask}, in column order, from {@code index}; returns the next index. */
    int bindMasked(PreparedStatement ps, int index, Dialect dialect, RowValues row, ColumnSet mask) throws SQLException {
        List<ColumnSpec> columns = table.columns();
        for (int c = 0; c < columns.size(); c++) {
            if (mask.contains(c)) {
                columns.get(c).type().bind(ps, index++, row.get(c), dialect);
            }
        }
        return index;
    }

    void log(String sql) {
        if (SQL.isDebugEnabled()) {
            SQL.debug("{}: {}", table.name(), sql);
        }
    }
}
