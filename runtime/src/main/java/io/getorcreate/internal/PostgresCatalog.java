package io.getorcreate.internal;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/** PostgreSQL's catalog: the table as the search path finds it, read from pg_attribute, pg_index and pg_trigger. */
final class PostgresCatalog implements Catalog {
    private static final String TABLE = "SELECT c.oid, current_setting('server_encoding') FROM pg_class c "
            + "WHERE c.oid = to_regclass(?)";
    private static final String COLUMNS = "SELECT a.attnum, a.attname, t.typname, a.atttypmod, a.attcollation, "
            // The type to cast text to: format_type says "character" for bpchar, which as a cast is CHAR(1).
            + "CASE WHEN t.typname = 'bpchar' THEN 'bpchar' ELSE format_type(a.atttypid, NULL) END, CASE WHEN a.attcollation NOT IN (0, t.typcollation) "
            + "THEN quote_ident(cn.nspname) || '.' || quote_ident(c.collname) END "
            + "FROM pg_attribute a JOIN pg_type t ON t.oid = a.atttypid "
            + "LEFT JOIN pg_collation c ON c.oid = a.attcollation LEFT JOIN pg_namespace cn ON cn.oid = c.collnamespace "
            + "WHERE a.attrelid = ? AND a.attnum > 0 AND NOT a.attisdropped";
    private static final String INDEXES = "SELECT ic.relname, con.conname, i.indimmediate, i.indisvalid, "
            + "i.indpred IS NOT NULL, i.indexprs IS NOT NULL, i.indnkeyatts, i.indkey::int2[], i.indcollation::oid[] "
            + "FROM pg_index i JOIN pg_class ic ON ic.oid = i.indexrelid "
            + "LEFT JOIN pg_constraint con ON con.conindid = i.indexrelid AND con.conrelid = i.indrelid "
            + "AND con.contype IN ('u', 'p') "
            + "WHERE i.indrelid = ? AND i.indisunique";
    // Statement-level (tgtype bit 1 clear) INSERT (bit 4) and UPDATE (bit 16) triggers: a statement that
    // writes no row fires them all the same.
    private static final String TRIGGERS = "SELECT EXISTS (SELECT 1 FROM pg_trigger WHERE tgrelid = ? "
            + "AND NOT tgisinternal AND (tgtype & 1) = 0 AND (tgtype & 4) <> 0), "
            + "EXISTS (SELECT 1 FROM pg_trigger WHERE tgrelid = ? "
            + "AND NOT tgisinternal AND (tgtype & 1) = 0 AND (tgtype & 16) <> 0)";

    @Override
    public TableFacts read(Connection connection, String table) throws SQLException {
        long oid;
        String encoding;
        try (PreparedStatement ps = connection.prepareStatement(TABLE)) {
            ps.setString(1, Dialect.POSTGRES.quote(table));
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    return null;
                }
                oid = rs.getLong(1);
                encoding = rs.getString(2);
            }
        }
        String charset = "UTF8".equalsIgnoreCase(encoding) || "SQL_ASCII".equalsIgnoreCase(encoding) ? null : encoding;

        Map<String, ColumnFacts> columns = new HashMap<>();
        Map<Integer, String> names = new HashMap<>();
        Map<Integer, Long> collations = new HashMap<>();
        try (PreparedStatement ps = connection.prepareStatement(COLUMNS)) {
            ps.setLong(1, oid);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    int attnum = rs.getInt(1);
                    String name = rs.getString(2).toLowerCase(Locale.ROOT);
                    names.put(attnum, name);
                    collations.put(attnum, rs.getLong(5));
                    columns.put(name, facts(rs.getString(3), rs.getInt(4), charset, rs.getString(6), rs.getString(7)));
                }
            }
        }

        List<UniqueIndex> indexes = new ArrayList<>();
        try (PreparedStatement ps = connection.prepareStatement(INDEXES)) {
            ps.setLong(1, oid);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    String index = rs.getString(1);
                    String constraint = rs.getString(2);
                    int keyColumns = rs.getInt(7);
                    Object[] attnums = (Object[]) rs.getArray(8).getArray();
                    Object[] indexCollations = (Object[]) rs.getArray(9).getArray();
                    Set<String> cols = new HashSet<>();
                    String refusal = null;
                    if (!rs.getBoolean(3)) {
                        refusal = "it is DEFERRABLE, so it does not enforce uniqueness when a row is inserted "
                                + "(and INSERT ... ON CONFLICT cannot use it)";
                    } else if (!rs.getBoolean(4)) {
                        refusal = "it is not valid (a failed CREATE INDEX CONCURRENTLY?)";
                    } else if (rs.getBoolean(5)) {
                        refusal = "it is a partial index (WHERE ...), so it leaves some rows unconstrained";
                    } else if (rs.getBoolean(6)) {
                        refusal = "it is an expression index, which compares something other than the column's value";
                    }
                    for (int k = 0; k < keyColumns; k++) {
                        int attnum = ((Number) attnums[k]).intValue();
                        String name = names.get(attnum);
                        if (name == null) {
                            continue;
                        }
                        cols.add(name);
                        long indexCollation = ((Number) indexCollations[k]).longValue();
                        if (refusal == null && indexCollation != collations.getOrDefault(attnum, 0L)) {
                            refusal = "column " + name + " has another collation in the index than in the table, "
                                    + "so the index's equality is not the lookup's";
                        }
                    }
                    indexes.add(new UniqueIndex(index, constraint, cols, refusal, !rs.getBoolean(3)));
                }
            }
        }

        boolean statementInsertTriggers;
        boolean noOpUpdateTriggers;
        try (PreparedStatement ps = connection.prepareStatement(TRIGGERS)) {
            ps.setLong(1, oid);
            ps.setLong(2, oid);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                statementInsertTriggers = rs.getBoolean(1);
                noOpUpdateTriggers = rs.getBoolean(2);
            }
        }
        return new TableFacts(columns, indexes, statementInsertTriggers, noOpUpdateTriggers);
    }

    // atttypmod: VARHDRSZ (4) plus the length for character types; (precision << 16 | scale) + 4 for
    // numeric; the fractional digits for time types, where -1 means the default of 6.
    private static ColumnFacts facts(String type, int typmod, String charset, String castType, String collation) {
        int length = 0;
        int precision = 0;
        int scale = -1;
        int fraction = -1;
        switch (type) {
            case "varchar", "bpchar", "varbit", "bit" -> length = typmod > 4 ? typmod - 4 : 0;
            case "numeric" -> {
                if (typmod >= 4) {
                    precision = ((typmod - 4) >> 16) & 0xffff;
                    scale = (((typmod - 4) & 0x7ff) ^ 0x400) - 0x400; // 11 bits, signed since PostgreSQL 15
                }
            }
            case "timestamp", "timestamptz", "time", "timetz" -> fraction = typmod >= 0 ? typmod : 6;
            default -> { }
        }
        boolean textual = type.equals("varchar") || type.equals("bpchar") || type.equals("text");
        return new ColumnFacts(type, length, precision, scale, fraction, textual ? charset : null,
                type.equals("bpchar"), false, collation == null ? null : "COLLATE " + collation, castType);
    }

    @Override
    public String searchedIn(Connection connection) throws SQLException {
        try (PreparedStatement ps = connection.prepareStatement("SELECT current_setting('search_path')");
                ResultSet rs = ps.executeQuery()) {
            return "the search path (" + (rs.next() ? rs.getString(1) : "?") + ")";
        }
    }
}
