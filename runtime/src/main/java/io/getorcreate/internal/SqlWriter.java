package io.getorcreate.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.StringJoiner;

/**
 * Writes the single-key statements and the DDL. The processor calls it at compile time and embeds the
 * results in the generated DAO; the runtime calls it only for statements that depend on which columns
 * a call sets (an INSERT with defaults, update-or-create's statements), once per set of columns. It is
 * large because it is the one place those statements are spelled, for every dialect; the bulk
 * algorithms spell their own, which depend on the number of keys and on the catalog.
 */
public final class SqlWriter {
    /** PostgreSQL truncates identifiers at 63 bytes; MariaDB allows 64. */
    public static final int MAX_IDENTIFIER_LENGTH = 63;

    private final Dialect dialect;
    private final String table;
    private final List<ColumnSpec> columns;
    private final int idIndex;
    private final List<KeySpec> keys;

    public SqlWriter(Dialect dialect, String table, List<ColumnSpec> columns, int idIndex, List<KeySpec> keys) {
        this.dialect = dialect;
        this.table = table;
        this.columns = List.copyOf(columns);
        this.idIndex = idIndex;
        this.keys = List.copyOf(keys);
    }

    /** Every statement for the table, as the processor embeds them. */
    public TableSql tableSql() {
        List<KeySql> keySql = new ArrayList<>();
        for (KeySpec key : keys) {
            keySql.add(new KeySql(
                    select(key.columns(), false),
                    select(key.columns(), dialect.needsLockingReadAfterDuplicate()),
                    getOrCreate(key, key.set())));
        }
        ColumnSet all = ColumnSet.all(columns.size());
        ColumnSet withoutId = idIndex < 0 ? all : all.without(idIndex);
        return new TableSql(
                idIndex < 0 ? null : select(List.of(idIndex), false),
                insert(withoutId),
                idIndex < 0 ? null : insert(all),
                createTable(),
                keySql);
    }

    /** Every column, in the table's order, qualified by {@code alias} where one is given; the bulk algorithms use it too. */
    String selectList(String alias) {
        StringJoiner j = new StringJoiner(", ");
        for (ColumnSpec c : columns) {
            j.add(alias == null ? q(c.name()) : alias + "." + q(c.name()));
        }
        return j.toString();
    }

    private String where(List<Integer> cols) {
        StringJoiner j = new StringJoiner(" AND ");
        for (int c : cols) {
            j.add(q(columns.get(c).name()) + " = ?");
        }
        return j.toString();
    }

    /** The row by the given columns; binds those columns' values in order. */
    public String select(List<Integer> whereColumns, boolean locking) {
        return "SELECT " + selectList(null) + " FROM " + q(table) + " WHERE " + where(whereColumns)
                + (locking ? " LOCK IN SHARE MODE" : "");
    }

    /**
     * An insert of the columns in {@code mask}, binding their values in column order. It returns the
     * stored row on PostgreSQL and MariaDB ({@code RETURNING}); on H2 the runtime asks for every column
     * as a generated key; on MySQL it reads the row back.
     */
    String insert(ColumnSet mask) {
        String insert = "INSERT INTO " + q(table) + " (" + names(mask) + ") VALUES (" + params(mask) + ")";
        return switch (dialect) {
            // Not H2's "SELECT ... FROM FINAL TABLE (INSERT ...)": H2 2.3 keeps the inserted row when such a
            // query fails on a foreign key. H2 returns any requested column as a generated key instead.
            case H2, MYSQL -> insert;
            case POSTGRES, MARIADB -> insert + " RETURNING " + selectList(null);
        };
    }

    /**
     * The statement that creates the key's row from the columns in {@code mask}. On PostgreSQL it is
     * one round trip for hit and miss: it returns the existing row, or inserts one without spending a
     * sequence value on a hit and without raising on a concurrent creator's conflict; the last column
     * says whether it created the row, and an empty result means a concurrent creator won after this
     * statement's snapshot (run it again). It binds the key's values, then the inserted values in
     * column order. Elsewhere it is {@link #insert}.
     */
    String getOrCreate(KeySpec key, ColumnSet mask) {
        if (dialect != Dialect.POSTGRES) {
            return insert(mask);
        }
        StringJoiner conflict = new StringJoiner(", ");
        for (int c : key.columns()) {
            conflict.add(q(columns.get(c).name()));
        }
        String list = selectList(null);
        return "WITH s AS (SELECT " + list + " FROM " + q(table) + " WHERE " + where(key.columns()) + "), "
                + "i AS (INSERT INTO " + q(table) + " (" + names(mask) + ") SELECT " + params(mask)
                + " WHERE NOT EXISTS (SELECT 1 FROM s) ON CONFLICT (" + conflict + ") DO NOTHING RETURNING " + list + ") "
                + "SELECT " + list + ", FALSE FROM s UNION ALL SELECT " + list + ", TRUE FROM i";
    }

    private String names(ColumnSet mask) {
        StringJoiner j = new StringJoiner(", ");
        for (int c = 0; c < columns.size(); c++) {
            if (mask.contains(c)) {
                j.add(q(columns.get(c).name()));
            }
        }
        return j.toString();
    }

    private String params(ColumnSet mask) {
        StringJoiner j = new StringJoiner(", ");
        for (int c = 0; c < columns.size(); c++) {
            if (mask.contains(c)) {
                j.add("?");
            }
        }
        return j.toString();
    }

    /** {@code CREATE TABLE IF NOT EXISTS} with an identity id and one named unique constraint per key. */
    public String createTable() {
        StringJoiner defs = new StringJoiner(", ");
        for (int c = 0; c < columns.size(); c++) {
            ColumnSpec col = columns.get(c);
            if (c == idIndex) {
                String type = col.type() == ColumnType.INT ? "INTEGER" : "BIGINT";
                defs.add(q(col.name()) + " " + type + switch (dialect) {
                    case H2, POSTGRES -> " GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY";
                    case MARIADB, MYSQL -> " NOT NULL AUTO_INCREMENT PRIMARY KEY";
                });
                continue;
            }
            defs.add(columnDefinition(c));
        }
        for (KeySpec key : keys) {
            defs.add("CONSTRAINT " + q(constraintName(key)) + " UNIQUE (" + names(key.set()) + ")");
        }
        String suffix = dialect == Dialect.MARIADB || dialect == Dialect.MYSQL ? " DEFAULT CHARSET=utf8mb4" : "";
        return "CREATE TABLE IF NOT EXISTS " + q(table) + " (" + defs + ")" + suffix;
    }

    /** The DDL that adds the unique constraint a key needs. */
    public String addUniqueConstraint(KeySpec key) {
        return addUniqueConstraint(key, java.util.Set.of());
    }

    /** The same, named so as not to clash with the lower-case index and constraint names already {@code taken}. */
    String addUniqueConstraint(KeySpec key, java.util.Set<String> taken) {
        String name = constraintName(key);
        for (int n = 2; taken.contains(name.toLowerCase(Locale.ROOT)); n++) {
            String suffix = "_" + n;
            name = constraintName(key).substring(0, Math.min(constraintName(key).length(),
                    MAX_IDENTIFIER_LENGTH - suffix.length())) + suffix;
        }
        return "ALTER TABLE " + q(table) + " ADD CONSTRAINT " + q(name) + " UNIQUE (" + names(key.set()) + ")";
    }

    /** The DDL that drops a unique constraint (an index, on MariaDB/MySQL). */
    String dropConstraint(String name) {
        return "ALTER TABLE " + q(table) + switch (dialect) {
            case H2, POSTGRES -> " DROP CONSTRAINT ";
            case MARIADB, MYSQL -> " DROP INDEX ";
        } + dialect.quoteAsIs(name);
    }

    /** The DDL that adds a missing column. */
    public String addColumn(int column) {
        return "ALTER TABLE " + q(table) + " ADD COLUMN " + columnDefinition(column);
    }

    // Name, type, the Java default for a primitive outside a key, NOT NULL.
    private String columnDefinition(int column) {
        ColumnSpec col = columns.get(column);
        KeySpec key = keyOf(column);
        int keyStrings = 0;
        if (key != null) {
            for (int k : key.columns()) {
                keyStrings += columns.get(k).type().stringLike() ? 1 : 0;
            }
        }
        return q(col.name()) + " "
                + col.type().ddlType(dialect, col.length(), col.precision(), col.scale(), key != null, keyStrings)
                + (col.primitive() && key == null ? " DEFAULT " + (col.type() == ColumnType.BOOLEAN ? "FALSE" : "0") : "")
                + (col.notNull() ? " NOT NULL" : "");
    }

    private KeySpec keyOf(int column) {
        for (KeySpec key : keys) {
            if (key.columns().contains(column)) {
                return key;
            }
        }
        return null;
    }

    /** {@code <table>_<col>_..._key}, PostgreSQL's own convention, shortened with a hash past 63 characters. */
    public String constraintName(KeySpec key) {
        StringJoiner j = new StringJoiner("_", table + "_", "_key");
        for (int c : key.columns()) {
            j.add(columns.get(c).name());
        }
        String name = j.toString().toLowerCase(Locale.ROOT);
        if (name.length() <= MAX_IDENTIFIER_LENGTH) {
            return name;
        }
        String hash = Integer.toHexString(name.hashCode());
        return name.substring(0, MAX_IDENTIFIER_LENGTH - hash.length() - 1) + "_" + hash;
    }

    private String q(String identifier) {
        return dialect.quote(identifier);
    }

    // ---- update-or-create: built at run time for the columns a call sets, once per set, and cached ----

    /**
     * PostgreSQL's update-or-create, one statement: {@code old} locks the key's row ({@code FOR UPDATE},
     * which at READ COMMITTED waits for a concurrent writer and returns the row as it committed it);
     * {@code upd} writes the columns in {@code setColumns} only if one of them is distinct from its value
     * in {@code old}'s row ({@code IS DISTINCT FROM}, so that nothing is written when nothing changes; and
     * {@code old}'s, not the snapshot's, since the lock returns the row as a concurrent writer left it); {@code ins} inserts
     * the columns in {@code insertedColumns} only if {@code old} found nothing, and does nothing on a conflict.
     * The result is the stored row followed by two booleans, created and updated; it is empty when the
     * row was created by a concurrent transaction after this statement's snapshot (run it again, and a new
     * snapshot sees it). With {@code insertedColumns == 0} the statement leaves out {@code ins}: it updates a
     * row that exists and returns nothing otherwise. It binds the key's values; if {@code setColumns != 0}
     * the set values, the key's values and the set values again; then the inserted values; each set in
     * column order. The created/updated answer rests on which branch returned the row, never on system
     * columns such as {@code xmax}.
     */
    String updateOrCreate(KeySpec key, ColumnSet setColumns, ColumnSet insertedColumns) {
        if (dialect != Dialect.POSTGRES) {
            throw new IllegalStateException("one-statement update-or-create is PostgreSQL's");
        }
        String list = selectList(null);
        StringBuilder sql = new StringBuilder("WITH old AS (SELECT ").append(list).append(" FROM ").append(q(table))
                .append(" WHERE ").append(where(key.columns())).append(" FOR UPDATE)");
        if (!setColumns.isEmpty()) {
            // Compared with old's row, which the lock brought up to date, not with the row in the
            // statement's snapshot: a row a concurrent writer changed since would be judged by its old values.
            StringJoiner keyMatch = new StringJoiner(" AND ");
            for (int c : key.columns()) {
                keyMatch.add("t." + q(columns.get(c).name()) + " = ?");
            }
            StringJoiner differs = new StringJoiner(" OR ");
            for (int c = 0; c < columns.size(); c++) {
                if (setColumns.contains(c)) {
                    differs.add("o." + distinct(c));
                }
            }
            sql.append(", upd AS (UPDATE ").append(q(table)).append(" AS t SET ").append(assignments(setColumns))
                    .append(" FROM old o WHERE ").append(keyMatch).append(" AND (").append(differs)
                    .append(") RETURNING ").append(selectList("t")).append(")");
        }
        if (!insertedColumns.isEmpty()) {
            StringJoiner conflict = new StringJoiner(", ");
            for (int c : key.columns()) {
                conflict.add(q(columns.get(c).name()));
            }
            sql.append(", ins AS (INSERT INTO ").append(q(table)).append(" (").append(names(insertedColumns))
                    .append(") SELECT ").append(params(insertedColumns))
                    .append(" WHERE NOT EXISTS (SELECT 1 FROM old) ON CONFLICT (").append(conflict)
                    .append(") DO NOTHING RETURNING ").append(list).append(")");
        }
        sql.append(" SELECT ").append(list).append(", FALSE, FALSE FROM old");
        if (!setColumns.isEmpty()) {
            sql.append(" WHERE NOT EXISTS (SELECT 1 FROM upd) UNION ALL SELECT ").append(list)
                    .append(", FALSE, TRUE FROM upd");
        }
        if (!insertedColumns.isEmpty()) {
            sql.append(" UNION ALL SELECT ").append(list).append(", TRUE, FALSE FROM ins");
        }
        return sql.toString();
    }

    /**
     * The key's row, with a locking read ({@code FOR UPDATE}) or a plain one, followed by one boolean per
     * column in {@code setColumns}, in column order: whether the given value is distinct from the stored
     * one by the database's own equality. Binds those values first, then the key's values.
     */
    String readComparing(KeySpec key, ColumnSet setColumns, boolean locking) {
        StringBuilder sql = new StringBuilder("SELECT ").append(selectList(null));
        for (int c = 0; c < columns.size(); c++) {
            if (setColumns.contains(c)) {
                sql.append(", ").append(distinct(c));
            }
        }
        return sql.append(" FROM ").append(q(table)).append(" WHERE ").append(where(key.columns()))
                .append(locking ? " FOR UPDATE" : "").toString();
    }

    /**
     * MariaDB/MySQL: an UPDATE of the key's row that writes the columns in {@code setColumns} only if one of
     * them is distinct from its given value ({@code <=>}), and of those only the distinct ones; it reads
     * and locks the latest committed row whatever the transaction's snapshot, and its row count says
     * whether it changed the row. Binds, per set column in column order, the value twice; then the key's
     * values; then the set values again.
     */
    String updateIfDistinct(KeySpec key, ColumnSet setColumns) {
        StringJoiner set = new StringJoiner(", ");
        StringJoiner same = new StringJoiner(" AND ");
        for (int c = 0; c < columns.size(); c++) {
            if (setColumns.contains(c)) {
                String name = q(columns.get(c).name());
                set.add(name + " = IF(" + name + " <=> ?, " + name + ", ?)");
                same.add(name + " <=> ?");
            }
        }
        return "UPDATE " + q(table) + " SET " + set + " WHERE " + where(key.columns()) + " AND NOT (" + same + ")";
    }

    /**
     * MariaDB/MySQL: inserts the row, or, where it meets an existing row, locks that row exclusively (not
     * with the shared lock a plain INSERT's duplicate leaves, which two waiters cannot both upgrade) and
     * writes the columns in {@code setColumns} that are distinct from their given values. The session
     * variable {@code @goc_upsert} says which way it went: the bound "same", "changed" or "other" token
     * where it met a row (other: a row with another key, met on another unique index, left as it was), an
     * earlier value where it inserted. Binds the inserted values in column order; the key's values; per
     * set column the value; the three tokens (two where no column is set); then, per set column, the key's
     * values and the value twice.
     * {@link #upsertReadBack} reads the row and the variable after it (MariaDB's {@code RETURNING} shows
     * the variable as it was before the statement).
     */
    String upsert(KeySpec key, ColumnSet setColumns, ColumnSet insertedColumns) {
        StringJoiner sameKey = new StringJoiner(" AND ");
        for (int c : key.columns()) {
            sameKey.add(q(columns.get(c).name()) + " <=> ?");
        }
        StringJoiner same = new StringJoiner(" AND ");
        StringJoiner set = new StringJoiner("");
        for (int c = 0; c < columns.size(); c++) {
            if (setColumns.contains(c)) {
                String name = q(columns.get(c).name());
                same.add(name + " <=> ?");
                // Decided from the row itself, never from the variable: a variable's type is fixed when the
                // statement starts, so a number left in it would compare the tokens as numbers.
                set.add(", " + name + " = IF(" + sameKey + ", IF(" + name + " <=> ?, " + name + ", ?), " + name + ")");
            }
        }
        String first = q(columns.get(key.columns().get(0)).name());
        String way = "IF(" + sameKey + ", " + (setColumns.isEmpty() ? "?, " : "IF(" + same + ", ?, ?), ") + "?)";
        return "INSERT INTO " + q(table) + " (" + names(insertedColumns) + ") VALUES (" + params(insertedColumns)
                + ") ON DUPLICATE KEY UPDATE " + first + " = IF((@goc_upsert := " + way + ") IS NULL, " + first + ", "
                + first + ")" + set;
    }

    /**
     * The INSERT of update-or-create's new row where a concurrent creator's row is no failure: on
     * PostgreSQL, where a failed statement would abort the transaction, {@code ON CONFLICT DO NOTHING}
     * (no row back: a concurrent creator won); elsewhere {@link #insert}, whose unique violation says so.
     */
    String insertUnlessConflict(KeySpec key, ColumnSet mask) {
        if (dialect != Dialect.POSTGRES) {
            return insert(mask);
        }
        StringJoiner conflict = new StringJoiner(", ");
        for (int c : key.columns()) {
            conflict.add(q(columns.get(c).name()));
        }
        return "INSERT INTO " + q(table) + " (" + names(mask) + ") VALUES (" + params(mask) + ") ON CONFLICT ("
                + conflict + ") DO NOTHING RETURNING " + selectList(null);
    }

    /** After {@link #upsert}: the key's row, locked (by the upsert already), and {@code @goc_upsert}. Binds the key's values. */
    String upsertReadBack(KeySpec key) {
        return "SELECT " + selectList(null) + ", @goc_upsert FROM " + q(table) + " WHERE " + where(key.columns())
                + " FOR UPDATE";
    }

    /** An UPDATE of the columns in {@code setColumns} of the key's row; binds their values in column order, then the key's. */
    String updateByKey(KeySpec key, ColumnSet setColumns) {
        return "UPDATE " + q(table) + " SET " + assignments(setColumns) + " WHERE " + where(key.columns());
    }

    private String assignments(ColumnSet mask) {
        StringJoiner j = new StringJoiner(", ");
        for (int c = 0; c < columns.size(); c++) {
            if (mask.contains(c)) {
                j.add(q(columns.get(c).name()) + " = ?");
            }
        }
        return j.toString();
    }

    private String distinct(ColumnSet mask) {
        StringJoiner j = new StringJoiner(" OR ");
        for (int c = 0; c < columns.size(); c++) {
            if (mask.contains(c)) {
                j.add(distinct(c));
            }
        }
        return j.toString();
    }

    // The column's stored value against a bound one, by the database's equality, NULLs included.
    private String distinct(int column) {
        String name = q(columns.get(column).name());
        return switch (dialect) {
            case H2, POSTGRES -> name + " IS DISTINCT FROM ?";
            case MARIADB, MYSQL -> "NOT (" + name + " <=> ?)";
        };
    }
}
