package io.getorcreate.internal;

import io.getorcreate.SchemaException;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.StringJoiner;

/**
 * Checks, once per database, that the table, its columns and a unique constraint or index for every
 * key exist: a key without one would let concurrent callers create duplicates.
 */
final class SchemaVerifier {
    private static final Set<Integer> BOUNDED_TYPES = Set.of(java.sql.Types.CHAR, java.sql.Types.VARCHAR,
            java.sql.Types.NCHAR, java.sql.Types.NVARCHAR, java.sql.Types.BINARY, java.sql.Types.VARBINARY);
    /** Sizes from here up are the drivers' way of saying "no limit". */
    private static final int UNBOUNDED = 100_000_000;

    private SchemaVerifier() {}

    static Bound verify(Connection connection, TableSpec<?> spec) throws SQLException {
        DatabaseMetaData md = connection.getMetaData();
        Dialect dialect = Dialect.detect(md);
        SqlWriter writer = spec.writer(dialect);
        String catalog = connection.getCatalog();
        String schema = dialect == Dialect.MARIADB || dialect == Dialect.MYSQL ? null : connection.getSchema();
        String table = dialect.fold(spec.name());

        Set<String> present = new HashSet<>();
        Map<String, Integer> lengths = new HashMap<>();
        try (ResultSet rs = md.getColumns(catalog, schema, escape(table, md.getSearchStringEscape()), "%")) {
            while (rs.next()) {
                if (table.equals(rs.getString("TABLE_NAME"))) {
                    String column = lower(rs.getString("COLUMN_NAME"));
                    present.add(column);
                    if (BOUNDED_TYPES.contains(rs.getInt("DATA_TYPE"))) {
                        int size = rs.getInt("COLUMN_SIZE");
                        if (size > 0 && size < UNBOUNDED) {
                            lengths.put(column, size);
                        }
                    }
                }
            }
        }
        List<ColumnSpec> columns = spec.columns();
        if (present.isEmpty()) {
            List<String> names = new ArrayList<>();
            columns.forEach(c -> names.add(c.name()));
            throw new SchemaException("Table " + spec.name() + " does not exist (looked for " + table
                    + (schema == null ? "" : " in schema " + schema) + "); create it, or call createTable().",
                    spec.name(), names, writer.createTable());
        }
        List<String> missing = new ArrayList<>();
        StringJoiner fixes = new StringJoiner("; ");
        for (int c = 0; c < columns.size(); c++) {
            if (!present.contains(lower(columns.get(c).name()))) {
                missing.add(columns.get(c).name());
                fixes.add(writer.addColumn(c));
            }
        }
        if (!missing.isEmpty()) {
            throw new SchemaException("Table " + spec.name() + " has no column " + String.join(", ", missing) + ".",
                    spec.name(), missing, fixes.toString());
        }

        Map<String, Set<String>> uniqueIndexes = uniqueIndexes(md, catalog, schema, table);
        List<Set<String>> backing = new ArrayList<>();
        for (KeySpec key : spec.keys()) {
            Set<String> keyColumns = new HashSet<>();
            List<String> keyNames = new ArrayList<>();
            for (int c : key.columns()) {
                keyColumns.add(lower(columns.get(c).name()));
                keyNames.add(columns.get(c).name());
            }
            Set<String> names = new LinkedHashSet<>();
            uniqueIndexes.forEach((index, cols) -> {
                if (cols.equals(keyColumns)) {
                    names.add(lower(index));
                }
            });
            if (names.isEmpty()) {
                throw new SchemaException("The lookup key (" + String.join(", ", keyNames) + ") of table " + spec.name()
                        + " is not backed by a unique constraint or unique index, so concurrent callers could "
                        + "create duplicate rows.", spec.name(), keyNames, writer.addUniqueConstraint(key));
            }
            backing.add(Set.copyOf(names));
        }
        int[] maxLengths = new int[columns.size()];
        for (int c = 0; c < columns.size(); c++) {
            maxLengths[c] = lengths.getOrDefault(lower(columns.get(c).name()), 0);
        }
        return new Bound(dialect, backing, maxLengths);
    }

    // Unique, non-partial indexes on plain columns, by name; H2 also reports the constraint behind an index.
    private static Map<String, Set<String>> uniqueIndexes(DatabaseMetaData md, String catalog, String schema,
            String table) throws SQLException {
        Map<String, Set<String>> indexes = new HashMap<>();
        Set<String> partial = new HashSet<>();
        try (ResultSet rs = md.getIndexInfo(catalog, schema, table, true, false)) {
            while (rs.next()) {
                if (rs.getShort("TYPE") == DatabaseMetaData.tableIndexStatistic || rs.getBoolean("NON_UNIQUE")) {
                    continue;
                }
                String index = rs.getString("INDEX_NAME");
                String column = rs.getString("COLUMN_NAME");
                String filter = rs.getString("FILTER_CONDITION");
                if (index == null) {
                    continue;
                }
                if (column == null || (filter != null && !filter.isBlank())) {
                    partial.add(index);
                    continue;
                }
                indexes.computeIfAbsent(index, k -> new HashSet<>()).add(lower(column));
            }
        }
        partial.forEach(indexes::remove);
        Map<String, Set<String>> named = new HashMap<>(indexes);
        indexes.forEach((index, cols) -> {
            String constraint = index.replaceFirst("_INDEX_[0-9A-F]+$", "");
            named.putIfAbsent(constraint, cols);
        });
        return named;
    }

    private static String escape(String name, String escape) {
        if (escape == null || escape.isEmpty()) {
            return name;
        }
        return name.replace(escape, escape + escape).replace("_", escape + "_").replace("%", escape + "%");
    }

    private static String lower(String s) {
        return s == null ? null : s.toLowerCase(Locale.ROOT);
    }
}
