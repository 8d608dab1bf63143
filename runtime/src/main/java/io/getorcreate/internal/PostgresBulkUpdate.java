package io.getorcreate.internal;

import io.getorcreate.Outcome;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.StringJoiner;

/**
 * PostgreSQL's update-or-create for many keys: one statement per chunk and round. The keys and the values
 * travel as text arrays, unnested {@code WITH ORDINALITY} and cast to their columns' types (and
 * collations), so the database's equality matches keys to rows. Of keys that equality makes one, only the
 * first position still unanswered takes part in a round: a key repeated in the input is updated once per
 * round, so in input order, and each position gets the row as its own update left it. The statement
 * locks the rows that exist (in key order), writes the set columns that differ, and inserts the missing
 * rows (in key order, {@code ON CONFLICT DO NOTHING}); each returned row carries its position and
 * whether it was created or updated. A position that comes back without a row (a later duplicate, or a
 * key whose concurrent creator committed after the statement's snapshot) goes round again.
 *
 * <p>It serves calls whose positions all set the same columns, on tables without statement-level
 * triggers (the statement's UPDATE and INSERT would fire them even where they write nothing) and without
 * unique indexes besides the key's and the id's; other calls run each position's single-key
 * update-or-create in turn.
 */
final class PostgresBulkUpdate {
    /** Keys per statement: one array per column, so the statement's parameters do not grow with them. */
    static final int CHUNK = 1000;

    private PostgresBulkUpdate() {}

    /**
     * Whether the one statement can serve these rows (their values evaluated) on this table. Not where
     * another unique index could be broken: PostgreSQL checks it row by row within the statement, so values
     * that move from one key's row to another's in input order (a loop of single calls succeeds) could
     * collide in a statement that writes both rows at once.
     */
    static boolean serves(Call call, int key, UpdateRow[] rows) {
        if (call.dialect() != Dialect.POSTGRES
                || UpdateOrCreateAlgorithm.of(call.dialect(), call.schema()) != UpdateOrInsertStatement.INSTANCE
                || call.schema().otherUniqueIndexes().get(key)) {
            return false;
        }
        ColumnSet set = rows[0].setColumns();
        for (UpdateRow row : rows) {
            if (!row.setColumns().equals(set)) {
                return false;
            }
        }
        return true;
    }

    /**
     * One round over {@code pending} (positions in input order, of one chunk): answers in {@code outcomes}
     * every position the statement returned a row for.
     */
    static <T, K> void round(Call call, Statements<T> statements, KeyBatch<T, K> batch, UpdateRow[] rows,
            List<Integer> pending, Outcome<T>[] outcomes) throws SQLException {
        TableSpec<T> table = statements.table();
        Dialect dialect = call.dialect();
        KeySpec key = batch.keySpec();
        ColumnSet set = rows[pending.get(0)].setColumns();
        List<Integer> columns = new ArrayList<>(key.columns());
        for (int c = 0; c < table.columns().size(); c++) {
            if (set.contains(c)) {
                columns.add(c);
            }
        }
        String sql = call.schema().statement(List.of("pg-update-or-create", batch.key(), set),
                () -> sql(call, table, key, columns));
        statements.log(sql);
        call.guarded(() -> {
            try (PreparedStatement ps = call.connection().prepareStatement(sql)) {
                for (int i = 0; i < columns.size(); i++) {
                    int column = columns.get(i);
                    ColumnType type = table.columns().get(column).type();
                    String[] texts = new String[pending.size()];
                    for (int p = 0; p < texts.length; p++) {
                        texts[p] = type.sqlText(rows[pending.get(p)].values().get(column));
                    }
                    ps.setArray(i + 1, call.connection().createArrayOf("text", texts));
                }
                int n = table.columns().size();
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        T entity = table.reader().read(rs, dialect);
                        outcomes[pending.get(rs.getInt(n + 1) - 1)] =
                                new Outcome<>(entity, rs.getBoolean(n + 2), rs.getBoolean(n + 3));
                    }
                }
            }
            return null;
        });
    }

    // columns: the key's, then the set ones; in the statement goc_0, goc_1, ... in that order.
    private static String sql(Call call, TableSpec<?> table, KeySpec key, List<Integer> columns) {
        Dialect d = call.dialect();
        String name = d.quote(table.name());
        int keyCount = key.columns().size();
        StringJoiner keyNames = new StringJoiner(", ");
        StringJoiner keyColumns = new StringJoiner(", ");
        StringJoiner rowKey = new StringJoiner(" AND ");
        StringJoiner insertedKey = new StringJoiner(" AND ");
        for (int i = 0; i < keyCount; i++) {
            String column = d.quote(table.columns().get(key.columns().get(i)).name());
            keyNames.add("goc_" + i);
            keyColumns.add(column);
            rowKey.add("t." + column + " = k.goc_" + i);
            insertedKey.add("i." + column + " = k.goc_" + i);
        }
        StringJoiner insertNames = new StringJoiner(", ");
        StringJoiner insertValues = new StringJoiner(", ");
        StringJoiner assignments = new StringJoiner(", ");
        StringJoiner distinct = new StringJoiner(" OR ");
        StringJoiner lockedKey = new StringJoiner(" AND ");
        for (int i = 0; i < keyCount; i++) {
            String column = d.quote(table.columns().get(key.columns().get(i)).name());
            lockedKey.add("t." + column + " = o." + column);
        }
        for (int i = 0; i < columns.size(); i++) {
            String column = d.quote(table.columns().get(columns.get(i)).name());
            insertNames.add(column);
            insertValues.add("goc_" + i);
            if (i >= keyCount) {
                assignments.add(column + " = CASE WHEN t." + column + " IS DISTINCT FROM k.goc_" + i + " THEN k.goc_" + i
                        + " ELSE t." + column + " END");
                // old's row, which the lock brought up to date, not the statement snapshot's
                distinct.add("o." + column + " IS DISTINCT FROM k.goc_" + i);
            }
        }
        String list = table.writer(d).selectList("t");
        StringBuilder sql = new StringBuilder("WITH a AS ").append(PostgresBulk.keys(call, table, columns, "").trim())
                .append(", k AS (SELECT * FROM (SELECT a.*, goc_ord = min(goc_ord) OVER (PARTITION BY ").append(keyNames)
                .append(") AS goc_first FROM a) f WHERE goc_first)")
                .append(", old AS (SELECT ").append(list).append(", k.goc_ord FROM k JOIN ").append(name).append(" t ON ")
                .append(rowKey).append(" ORDER BY ").append(keyNames).append(" FOR UPDATE OF t)");
        boolean updates = assignments.length() > 0;
        if (updates) {
            sql.append(", upd AS (UPDATE ").append(name).append(" t SET ").append(assignments)
                    .append(" FROM old o JOIN k ON k.goc_ord = o.goc_ord WHERE ").append(lockedKey).append(" AND (")
                    .append(distinct).append(") RETURNING ").append(list).append(", k.goc_ord)");
        }
        sql.append(", ins AS (INSERT INTO ").append(name).append(" (").append(insertNames).append(") SELECT ")
                .append(insertValues).append(" FROM k WHERE goc_ord NOT IN (SELECT goc_ord FROM old) ORDER BY ")
                .append(keyNames).append(" ON CONFLICT (").append(keyColumns).append(") DO NOTHING RETURNING ")
                .append(table.writer(d).selectList(name)).append(")")
                .append(" SELECT old.*, FALSE, FALSE FROM old");
        if (updates) {
            sql.append(" WHERE goc_ord NOT IN (SELECT goc_ord FROM upd) UNION ALL SELECT upd.*, FALSE, TRUE FROM upd");
        }
        return sql.append(" UNION ALL SELECT ").append(table.writer(d).selectList("i"))
                .append(", k.goc_ord, TRUE, FALSE FROM ins i JOIN k ON ").append(insertedKey).toString();
    }
}
