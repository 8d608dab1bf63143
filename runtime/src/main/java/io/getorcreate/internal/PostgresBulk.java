package io.getorcreate.internal;

import java.sql.Array;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.StringJoiner;

/**
 * PostgreSQL: the chunk's keys travel as one text array per key column, unnested {@code WITH ORDINALITY}
 * and cast to each column's own type (and collation), so the database's equality matches keys to rows
 * and the ordinals carry each row back to its position. Without {@code defaults}, one statement selects
 * the rows that exist and inserts the others ({@code ON CONFLICT DO NOTHING}, in key order, so that
 * concurrent calls lock in one order). With {@code defaults}, which must not run for a key that exists,
 * a SELECT goes first and the INSERT second; so too where a zero-row INSERT must not run (statement-level
 * INSERT triggers, a read-only connection).
 */
final class PostgresBulk implements BulkAlgorithm {
    static final PostgresBulk INSTANCE = new PostgresBulk();

    private PostgresBulk() {}

    @Override
    public int chunkSize(int keyColumns, int columns) {
        return 1000; // one array per column, so any number of keys binds a fixed number of parameters
    }

    @Override
    public <T, K> void round(Call call, Statements<T> statements, ValueChecker checker, KeyBatch<T, K> batch,
            List<Integer> positions, int round, boolean lastChunk) throws SQLException {
        TableSpec<T> table = statements.table();
        KeySpec key = batch.keySpec();
        boolean oneStatement = !batch.hasDefaults() && !call.schema().statementInsertTriggers()
                && !call.schema().serverReadOnly().get() && !call.connection().isReadOnly();
        if (oneStatement) {
            boolean alone = call.beforeWrite(lastChunk);
            String sql = call.schema().statement(List.of("pg-select-or-insert", batch.key(), alone),
                    () -> selectOrInsert(call, table, key, alone));
            try {
                query(call, statements, sql, key.columns(), batch, positions, true);
                if (alone) {
                    call.wroteAlone();
                }
            } catch (SQLException e) {
                if (alone && leftKeyUnanswered(e)) {
                    undone(call, statements, checker, batch, positions, round, lastChunk);
                    return;
                }
                if (!"25006".equals(e.getSQLState())) {
                    throw e;
                }
                // The server makes every transaction read-only (or the caller made theirs so): from now on the
                // hits are read first. The failed statement ended the transaction (or the caller's savepoint
                // undoes it), which runs again.
                call.schema().serverReadOnly().set(true);
                throw new CallRunner.ReadOnlyTransaction(e);
            }
            return;
        }
        String select = call.schema().statement(List.of("pg-select", batch.key()), () -> select(call, table, key));
        query(call, statements, select, key.columns(), batch, positions, false);
        Map<ColumnSet, List<Integer>> byColumns = batch.missingByColumns(positions, checker, call.schema());
        int groupsLeft = byColumns.size();
        for (Map.Entry<ColumnSet, List<Integer>> group : byColumns.entrySet()) {
            groupsLeft--;
            List<Integer> set = columns(table, group.getKey());
            boolean alone = call.beforeWrite(lastChunk && groupsLeft == 0);
            String insert = call.schema().statement(List.of("pg-insert", batch.key(), group.getKey(), alone),
                    () -> insert(call, table, key, set, alone));
            List<Integer> sorted = new ArrayList<>(group.getValue());
            sorted.sort(batch.canonicalOrder());
            try {
                insertRows(call, statements, insert, set, batch, sorted);
                if (alone) {
                    call.wroteAlone();
                }
            } catch (SQLException e) {
                if (alone && leftKeyUnanswered(e)) {
                    undone(call, statements, checker, batch, positions, round, lastChunk);
                    return;
                }
                throw e;
            }
        }
    }

    /**
     * In autocommit, the call's one write must answer every key it leaves, or be undone: a key whose
     * concurrent creator committed after the statement's snapshot ({@code ON CONFLICT DO NOTHING} skips it
     * unseen) would need another round, and a write after this one committed could leave the call neither
     * atomic nor its created flags told (a failure after it, a retry on a new connection). So a statement
     * that runs alone checks, as its last step, that it answered every key, and fails if not: the failure
     * undoes it whole (nothing written), and the round runs again inside the call's own transaction, as
     * every call did before it could run alone.
     */
    private <T, K> void undone(Call call, Statements<T> statements, ValueChecker checker, KeyBatch<T, K> batch,
            List<Integer> positions, int round, boolean lastChunk) throws SQLException {
        call.begin();
        round(call, statements, checker, batch, positions, round, lastChunk);
    }

    private static final String UNANSWERED = "getorcreate: a key left unanswered";

    private static boolean leftKeyUnanswered(SQLException e) {
        return "22P02".equals(e.getSQLState()) && e.getMessage() != null && e.getMessage().contains(UNANSWERED);
    }

    /**
     * {@code prefix} (the WITH list), then the UNION ALL of {@code branches}; when {@code alone}, each
     * branch is gated by one check, evaluated once before the first row, that fails with {@link #UNANSWERED}
     * unless {@code answered} (a count of the result's rows, in which each key's ordinal is at most once)
     * equals the number of rows of {@code keys}: a text the cast to integer refuses, chosen at run time so
     * that the planner cannot fold it.
     */
    private static String answeringAll(String prefix, List<String> branches, String answered, String keys, boolean alone) {
        if (!alone) {
            return prefix + " " + String.join(" UNION ALL ", branches);
        }
        StringJoiner gated = new StringJoiner(" UNION ALL ");
        for (String branch : branches) {
            gated.add(branch + " WHERE (SELECT ok FROM c) = 1");
        }
        return prefix + ", c AS (SELECT (CASE WHEN " + answered + " = (SELECT count(*) FROM " + keys + ") THEN '1' ELSE '"
                + UNANSWERED + "' END)::int AS ok) " + gated;
    }

    // Runs a statement whose rows are (the table's columns, ordinal[, created]) over the positions' keys.
    private static <T, K> void query(Call call, Statements<T> statements, String sql, List<Integer> keyColumns,
            KeyBatch<T, K> batch, List<Integer> positions, boolean withCreated) throws SQLException {
        TableSpec<T> table = statements.table();
        statements.log(sql);
        try (PreparedStatement ps = call.connection().prepareStatement(sql)) {
            for (int c = 0; c < keyColumns.size(); c++) {
                String[] texts = new String[positions.size()];
                ColumnType type = table.columns().get(keyColumns.get(c)).type();
                for (int i = 0; i < texts.length; i++) {
                    texts[i] = type.sqlText(batch.values(positions.get(i))[c]);
                }
                ps.setArray(c + 1, textArray(call, texts));
            }
            readRows(call, table, batch, positions, ps, withCreated);
        }
    }

    // Rows of (the table's columns, 1-based ordinal into positions[, created]); a row without created,
    // or a later ordinal of one inserted row (a key equal to an earlier one of the statement), is found.
    // Where the table has an id, the statement flags every ordinal of an inserted row, and the row's id
    // tells here which ordinal came first (cheaper than the window function the statement uses otherwise).
    private static <T, K> void readRows(Call call, TableSpec<T> table, KeyBatch<T, K> batch, List<Integer> positions,
            PreparedStatement ps, boolean withCreated) throws SQLException {
        int ord = table.columns().size() + 1;
        boolean byId = withCreated && flagsById(table);
        Map<Object, Integer> firstOrdinal = byId ? new HashMap<>() : null;
        List<Object[]> inserted = byId ? new ArrayList<>() : null;
        try (ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                int ordinal = rs.getInt(ord);
                int position = positions.get(ordinal - 1);
                T entity = table.reader().read(rs, call.dialect());
                if (!withCreated || !rs.getBoolean(ord + 1)) {
                    batch.found(position, entity);
                } else if (byId) {
                    Object id = rs.getObject(table.idIndex() + 1);
                    firstOrdinal.merge(id, ordinal, Math::min);
                    inserted.add(new Object[] {id, ordinal, entity});
                } else {
                    batch.created(position, entity);
                }
            }
        }
        if (byId) {
            for (Object[] row : inserted) {
                int ordinal = (Integer) row[1];
                @SuppressWarnings("unchecked")
                T entity = (T) row[2];
                if (firstOrdinal.get(row[0]) == ordinal) {
                    batch.created(positions.get(ordinal - 1), entity);
                } else {
                    batch.found(positions.get(ordinal - 1), entity);
                }
            }
        }
    }

    /** Whether the statement leaves telling the first ordinal of an inserted row to {@link #readRows}, by the row's id. */
    private static boolean flagsById(TableSpec<?> table) {
        return table.idIndex() >= 0;
    }

    // The created flag of a row of i joined to the keys: TRUE where readRows tells by id, else whether the
    // ordinal is the first that the row matches.
    private static String createdFlag(TableSpec<?> table, String keys, String partition) {
        return flagsById(table) ? "TRUE"
                : keys + ".goc_ord = min(" + keys + ".goc_ord) OVER (PARTITION BY " + partition + ")";
    }

    private static <T, K> void insertRows(Call call, Statements<T> statements, String sql, List<Integer> columns,
            KeyBatch<T, K> batch, List<Integer> positions) throws SQLException {
        TableSpec<T> table = statements.table();
        statements.log(sql);
        try (PreparedStatement ps = call.connection().prepareStatement(sql)) {
            for (int c = 0; c < columns.size(); c++) {
                int column = columns.get(c);
                ColumnType type = table.columns().get(column).type();
                String[] texts = new String[positions.size()];
                for (int i = 0; i < texts.length; i++) {
                    texts[i] = type.sqlText(batch.row(positions.get(i)).get(column));
                }
                ps.setArray(c + 1, textArray(call, texts));
            }
            readRows(call, table, batch, positions, ps, true);
        }
    }

    private static Array textArray(Call call, String[] texts) throws SQLException {
        return call.connection().createArrayOf("text", texts);
    }

    private static List<Integer> columns(TableSpec<?> table, ColumnSet mask) {
        List<Integer> columns = new ArrayList<>();
        for (int c = 0; c < table.columns().size(); c++) {
            if (mask.contains(c)) {
                columns.add(c);
            }
        }
        return columns;
    }

    // ---- SQL, written once per database and key (and set of columns) ----

    // unnest(?::text[], ...) WITH ORDINALITY AS u(goc_0, ..., goc_ord), each cast to its column's type (and
    // collation); the bulk update-or-create uses it too
    static String keys(Call call, TableSpec<?> table, List<Integer> columns, String alias) {
        StringJoiner casts = new StringJoiner(", ", "(SELECT ", "");
        StringJoiner arrays = new StringJoiner(", ");
        StringJoiner names = new StringJoiner(", ");
        for (int i = 0; i < columns.size(); i++) {
            ColumnFacts facts = call.schema().columns().get(columns.get(i));
            String collate = facts.collation() == null ? "" : " " + facts.collation();
            casts.add("goc_" + i + "::" + facts.castType() + collate + " AS goc_" + i);
            arrays.add("?::text[]");
            names.add("goc_" + i);
        }
        return casts + ", goc_ord FROM unnest(" + arrays + ") WITH ORDINALITY AS u(" + names + ", goc_ord)) " + alias;
    }

    private static String on(TableSpec<?> table, List<Integer> keyColumns, String row, String keys, Dialect dialect) {
        StringJoiner on = new StringJoiner(" AND ");
        for (int i = 0; i < keyColumns.size(); i++) {
            on.add(row + "." + dialect.quote(table.columns().get(keyColumns.get(i)).name()) + " = " + keys + ".goc_" + i);
        }
        return on.toString();
    }

    private static String list(TableSpec<?> table, String alias, Dialect dialect) {
        return table.writer(dialect).selectList(alias);
    }

    private static String names(TableSpec<?> table, List<Integer> columns, Dialect dialect) {
        StringJoiner names = new StringJoiner(", ");
        for (int c : columns) {
            names.add(dialect.quote(table.columns().get(c).name()));
        }
        return names.toString();
    }

    private static String select(Call call, TableSpec<?> table, KeySpec key) {
        Dialect d = call.dialect();
        return "SELECT " + list(table, "t", d) + ", k.goc_ord FROM " + keys(call, table, key.columns(), "k")
                + " JOIN " + d.quote(table.name()) + " t ON " + on(table, key.columns(), "t", "k", d);
    }

    private static String selectOrInsert(Call call, TableSpec<?> table, KeySpec key, boolean alone) {
        Dialect d = call.dialect();
        StringJoiner keyNames = new StringJoiner(", ");
        for (int i = 0; i < key.columns().size(); i++) {
            keyNames.add("goc_" + i);
        }
        StringJoiner partition = new StringJoiner(", ");
        for (int c : key.columns()) {
            partition.add("i." + d.quote(table.columns().get(c).name()));
        }
        String prefix = "WITH k AS " + keys(call, table, key.columns(), "").trim()
                + ", s AS (SELECT " + list(table, "t", d) + ", k.goc_ord FROM k JOIN " + d.quote(table.name()) + " t ON "
                + on(table, key.columns(), "t", "k", d) + ")"
                // No DISTINCT: ON CONFLICT DO NOTHING skips a key equal to one the statement inserted already.
                + ", i AS (INSERT INTO " + d.quote(table.name()) + " (" + names(table, key.columns(), d) + ") SELECT "
                + keyNames + " FROM k WHERE NOT EXISTS (SELECT 1 FROM s WHERE s.goc_ord = k.goc_ord) ORDER BY " + keyNames
                + " ON CONFLICT (" + names(table, key.columns(), d) + ") DO NOTHING RETURNING " + list(table, d.quote(table.name()), d)
                + ")";
        String inserted = " FROM i JOIN k ON " + on(table, key.columns(), "i", "k", d);
        return answeringAll(prefix, List.of("SELECT s.*, FALSE FROM s", "SELECT " + list(table, "i", d) + ", k.goc_ord, "
                + createdFlag(table, "k", partition.toString()) + inserted),
                "(SELECT count(*) FROM s) + (SELECT count(*)" + inserted + ")", "k", alone);
    }

    private static String insert(Call call, TableSpec<?> table, KeySpec key, List<Integer> columns, boolean alone) {
        Dialect d = call.dialect();
        StringJoiner values = new StringJoiner(", ");
        StringJoiner order = new StringJoiner(", ");
        List<Integer> keyAt = new ArrayList<>();
        for (int i = 0; i < columns.size(); i++) {
            values.add("goc_" + i);
            if (key.columns().contains(columns.get(i))) {
                keyAt.add(i);
            }
        }
        StringJoiner on = new StringJoiner(" AND ");
        StringJoiner partition = new StringJoiner(", ");
        for (int c : key.columns()) {
            int i = columns.indexOf(c);
            order.add("goc_" + i);
            on.add("i." + d.quote(table.columns().get(c).name()) + " = v.goc_" + i);
            partition.add("i." + d.quote(table.columns().get(c).name()));
        }
        String prefix = "WITH v AS " + keys(call, table, columns, "").trim()
                + ", i AS (INSERT INTO " + d.quote(table.name()) + " (" + names(table, columns, d) + ") SELECT " + values
                + " FROM v ORDER BY " + order + " ON CONFLICT (" + names(table, key.columns(), d) + ") DO NOTHING RETURNING "
                + list(table, d.quote(table.name()), d) + ")";
        String inserted = " FROM i JOIN v ON " + on;
        return answeringAll(prefix, List.of("SELECT " + list(table, "i", d) + ", v.goc_ord, "
                + createdFlag(table, "v", partition.toString()) + inserted), "(SELECT count(*)" + inserted + ")",
                "v", alone);
    }
}
