package io.getorcreate.internal;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/** MariaDB's and MySQL's catalog: the table in the connection's current database, from information_schema. */
final class MariaDbCatalog implements Catalog {
    private static final String COLUMNS = "SELECT COLUMN_NAME, DATA_TYPE, COLUMN_TYPE, CHARACTER_MAXIMUM_LENGTH, "
            + "NUMERIC_PRECISION, NUMERIC_SCALE, DATETIME_PRECISION, CHARACTER_SET_NAME, COLLATION_NAME "
            + "FROM information_schema.COLUMNS WHERE TABLE_SCHEMA = DATABASE() AND TABLE_NAME = ?";
    private static final String UPSERT_TRIGGERS = "SELECT 1 FROM information_schema.TRIGGERS "
            + "WHERE EVENT_OBJECT_SCHEMA = DATABASE() AND EVENT_OBJECT_TABLE = ? "
            + "AND EVENT_MANIPULATION IN ('INSERT', 'UPDATE') LIMIT 1";
    private static final String INDEXES = "SELECT INDEX_NAME, COLUMN_NAME, SUB_PART FROM information_schema.STATISTICS "
            + "WHERE TABLE_SCHEMA = DATABASE() AND TABLE_NAME = ? AND NON_UNIQUE = 0 ORDER BY INDEX_NAME, SEQ_IN_INDEX";

    @Override
    public TableFacts read(Connection connection, String table) throws SQLException {
        Map<String, ColumnFacts> columns = new HashMap<>();
        try (PreparedStatement ps = connection.prepareStatement(COLUMNS)) {
            ps.setString(1, table);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    String type = rs.getString(2).toLowerCase(Locale.ROOT);
                    String collation = rs.getString(9);
                    boolean binary = type.contains("binary") || type.contains("blob");
                    columns.put(rs.getString(1).toLowerCase(Locale.ROOT), new ColumnFacts(type,
                            (int) Math.min(rs.getLong(4), Integer.MAX_VALUE),
                            rs.getInt(5), rs.getObject(6) == null ? -1 : rs.getInt(6),
                            rs.getObject(7) == null ? -1 : rs.getInt(7),
                            binary || "utf8mb4".equalsIgnoreCase(rs.getString(8)) ? null : rs.getString(8),
                            collation != null && !isNoPad(collation),
                            rs.getString(3).toLowerCase(Locale.ROOT).contains("unsigned"),
                            binary ? null : collation, null));
                }
            }
        }
        Map<String, List<String[]>> byIndex = new LinkedHashMap<>();
        if (columns.isEmpty()) {
            // information_schema lists no TEMPORARY table, which unqualified SQL would use first: SHOW does.
            if (!readTemporary(connection, table, columns, byIndex)) {
                return null;
            }
        } else {
            try (PreparedStatement ps = connection.prepareStatement(INDEXES)) {
                ps.setString(1, table);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        byIndex.computeIfAbsent(rs.getString(1), k -> new ArrayList<>())
                                .add(new String[] {rs.getString(2), rs.getString(3)});
                    }
                }
            }
        }
        List<UniqueIndex> indexes = new ArrayList<>();
        byIndex.forEach((index, parts) -> {
            List<String> cols = new ArrayList<>();
            String refusal = null;
            for (String[] part : parts) {
                if (part[0] == null) {
                    refusal = "it is an expression index, which compares something other than the column's value";
                    continue;
                }
                cols.add(part[0].toLowerCase(Locale.ROOT));
                if (part[1] != null && refusal == null) {
                    refusal = "it is a prefix index on " + part[0] + "(" + part[1] + "), so two values that share "
                            + "their first " + part[1] + " characters collide";
                }
            }
            indexes.add(new UniqueIndex(index, index, Set.copyOf(cols), refusal, false));
        });
        // Triggers on MariaDB and MySQL are row-level only: a statement that inserts no row fires none. But
        // INSERT ... ON DUPLICATE KEY UPDATE that meets a row and changes nothing still fires the table's
        // BEFORE INSERT and UPDATE triggers, and keeps what they did.
        boolean updateTriggers = false;
        try (PreparedStatement ps = connection.prepareStatement(UPSERT_TRIGGERS)) {
            ps.setString(1, table);
            try (ResultSet rs = ps.executeQuery()) {
                updateTriggers = rs.next();
            }
        }
        return new TableFacts(columns, indexes, false, updateTriggers);
    }

    private static final java.util.regex.Pattern TYPE =
            java.util.regex.Pattern.compile("([a-z ]+)(?:\\((\\d+)(?:,(\\d+))?\\))?( unsigned)?.*");

    // SHOW FULL COLUMNS and SHOW INDEX, which see a TEMPORARY table; false where there is no such table.
    private static boolean readTemporary(Connection connection, String table, Map<String, ColumnFacts> columns,
            Map<String, List<String[]>> byIndex) throws SQLException {
        String quoted = Dialect.MARIADB.quoteAsIs(table);
        try (PreparedStatement ps = connection.prepareStatement("SHOW FULL COLUMNS FROM " + quoted);
                ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                java.util.regex.Matcher m = TYPE.matcher(rs.getString("Type").toLowerCase(Locale.ROOT));
                if (!m.matches()) {
                    continue;
                }
                String type = m.group(1).trim();
                int size = m.group(2) == null ? 0 : Integer.parseInt(m.group(2));
                String collation = rs.getString("Collation");
                boolean numeric = type.equals("decimal") || type.equals("numeric");
                boolean time = type.equals("datetime") || type.equals("timestamp") || type.equals("time");
                boolean text = collation != null;
                columns.put(rs.getString("Field").toLowerCase(Locale.ROOT), new ColumnFacts(type,
                        text || type.contains("binary") ? size : 0,
                        numeric ? size : 0, numeric ? (m.group(3) == null ? 0 : Integer.parseInt(m.group(3))) : -1,
                        time ? size : -1,
                        text && !collation.toLowerCase(Locale.ROOT).startsWith("utf8mb4_")
                                ? collation.substring(0, collation.indexOf('_')) : null,
                        text && !isNoPad(collation), m.group(4) != null, collation, null));
            }
        } catch (SQLException e) {
            if (e.getErrorCode() == 1146) { // no such table
                return false;
            }
            throw e;
        }
        try (PreparedStatement ps = connection.prepareStatement("SHOW INDEX FROM " + quoted);
                ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                if (rs.getInt("Non_unique") == 0) {
                    byIndex.computeIfAbsent(rs.getString("Key_name"), k -> new ArrayList<>())
                            .add(new String[] {rs.getString("Column_name"), rs.getString("Sub_part")});
                }
            }
        }
        return !columns.isEmpty();
    }

    // MariaDB's NO PAD collations say so in their names; MySQL 8's UCA 9.0.0 collations are all NO PAD.
    private static boolean isNoPad(String collation) {
        String c = collation.toLowerCase(Locale.ROOT);
        return c.contains("nopad") || c.contains("0900");
    }

    @Override
    public String searchedIn(Connection connection) throws SQLException {
        try (PreparedStatement ps = connection.prepareStatement("SELECT DATABASE()"); ResultSet rs = ps.executeQuery()) {
            String database = rs.next() ? rs.getString(1) : null;
            return database == null ? "no database (the connection has none selected)" : "database " + database;
        }
    }
}
