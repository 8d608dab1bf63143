package io.getorcreate.internal;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * H2's catalog: the table in the connection's current schema, from INFORMATION_SCHEMA. H2 has no partial,
 * expression, prefix or deferrable unique indexes, and one collation per database.
 */
final class H2Catalog implements Catalog {
    private static final String COLUMNS = "SELECT COLUMN_NAME, DATA_TYPE, CHARACTER_MAXIMUM_LENGTH, NUMERIC_PRECISION, "
            + "NUMERIC_SCALE, DATETIME_PRECISION FROM INFORMATION_SCHEMA.COLUMNS "
            + "WHERE TABLE_SCHEMA = ? AND TABLE_NAME = ?";
    private static final String INDEXES = "SELECT i.INDEX_NAME, c.COLUMN_NAME, tc.CONSTRAINT_NAME "
            + "FROM INFORMATION_SCHEMA.INDEXES i JOIN INFORMATION_SCHEMA.INDEX_COLUMNS c "
            + "ON c.INDEX_SCHEMA = i.INDEX_SCHEMA AND c.INDEX_NAME = i.INDEX_NAME "
            + "LEFT JOIN INFORMATION_SCHEMA.TABLE_CONSTRAINTS tc ON tc.TABLE_SCHEMA = i.TABLE_SCHEMA "
            + "AND tc.INDEX_NAME = i.INDEX_NAME AND tc.CONSTRAINT_TYPE IN ('UNIQUE', 'PRIMARY KEY') "
            + "WHERE i.TABLE_SCHEMA = ? AND i.TABLE_NAME = ? "
            + "AND i.INDEX_TYPE_NAME IN ('UNIQUE INDEX', 'PRIMARY KEY')";

    @Override
    public TableFacts read(Connection connection, String table) throws SQLException {
        String schema = resolve(connection, table);
        if (schema == null) {
            return null;
        }
        Map<String, ColumnFacts> columns = new HashMap<>();
        try (PreparedStatement ps = connection.prepareStatement(COLUMNS)) {
            ps.setString(1, schema);
            ps.setString(2, table);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    String type = rs.getString(2).toLowerCase(Locale.ROOT);
                    boolean numeric = type.equals("numeric") || type.equals("decimal");
                    columns.put(rs.getString(1).toLowerCase(Locale.ROOT), new ColumnFacts(type,
                            (int) Math.min(rs.getLong(3), Integer.MAX_VALUE),
                            numeric ? rs.getInt(4) : 0,
                            numeric && rs.getObject(5) != null ? rs.getInt(5) : -1,
                            rs.getObject(6) == null ? -1 : rs.getInt(6),
                            null, false, false, null, null));
                }
            }
        }
        if (columns.isEmpty()) {
            return null;
        }
        Map<String, Set<String>> byIndex = new LinkedHashMap<>();
        Map<String, String> constraints = new HashMap<>();
        try (PreparedStatement ps = connection.prepareStatement(INDEXES)) {
            ps.setString(1, schema);
            ps.setString(2, table);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    byIndex.computeIfAbsent(rs.getString(1), k -> new HashSet<>()).add(rs.getString(2).toLowerCase(Locale.ROOT));
                    if (rs.getString(3) != null) {
                        constraints.put(rs.getString(1), rs.getString(3));
                    }
                }
            }
        }
        List<UniqueIndex> indexes = new ArrayList<>();
        byIndex.forEach((index, cols) -> indexes.add(new UniqueIndex(index, constraints.get(index), cols, null, false)));
        return new TableFacts(columns, indexes, false, false);
    }

    // The schema unqualified SQL finds the table in (the current schema, then SCHEMA_SEARCH_PATH), as the
    // driver reports it for a query's columns; null where it finds none.
    private static String resolve(Connection connection, String table) throws SQLException {
        try (PreparedStatement ps = connection.prepareStatement("SELECT * FROM " + Dialect.H2.quoteAsIs(table)
                + " WHERE FALSE"); ResultSet rs = ps.executeQuery()) {
            return rs.getMetaData().getSchemaName(1);
        } catch (SQLException e) {
            if ("42S02".equals(e.getSQLState()) || "42S04".equals(e.getSQLState()) || e.getErrorCode() == 42102
                    || e.getErrorCode() == 42104) {
                return null;
            }
            throw e;
        }
    }

    @Override
    public String searchedIn(Connection connection) throws SQLException {
        return "schema " + connection.getSchema() + " and the schema search path";
    }
}
