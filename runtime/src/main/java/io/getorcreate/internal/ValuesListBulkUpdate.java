package io.getorcreate.internal;

import io.getorcreate.Outcome;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.StringJoiner;
import java.util.UUID;

/**
 * H2 and MariaDB/MySQL's update-or-create for many keys: a constant number of statements per chunk and
 * round. The chunk's keys and values, each with its position, are a derived table ({@code VALUES} on H2, a
 * {@code UNION ALL} of rows on MariaDB/MySQL) in the database's order of the keys, joined to the table so
 * that the column's own equality (its collation) matches keys to rows. A locking read takes the rows that
 * exist, in that order, and says per set column whether it differs from its value; one multi-row UPDATE
 * writes the rows where one does (only those columns), and a read returns them as stored; one multi-row
 * INSERT, in key order, creates the missing rows. Of positions that match one row, only the first still
 * unanswered takes part in a round: a key repeated in the input is updated once per round, so in input
 * order. On MariaDB (a table without INSERT or UPDATE triggers) the INSERT locks a row it meets on the
 * key instead of failing on it, and that position goes round again ({@link #insertOrMeet}); elsewhere a
 * unique violation on the key (a concurrent creator, or two keys only the collation makes one) fails
 * the INSERT whole, and the chunk's unanswered positions then run the single-key update-or-create in
 * turn, in key order. Four statements per chunk and round (MySQL five: it reads the inserted rows back).
 *
 * <p>It serves the same calls as {@link PostgresBulkUpdate}: every position sets the same columns (not the
 * id), and no unique index besides the key's and the id's could be broken by writing many rows at once.
 */
final class ValuesListBulkUpdate {
    /** MariaDB and MySQL accept at most 65,535 placeholders in one statement. */
    private static final int MAX_PARAMETERS = 60_000;

    private ValuesListBulkUpdate() {}

    static boolean serves(Call call, int key, UpdateRow[] rows) {
        Dialect d = call.dialect();
        if (d != Dialect.H2 && d != Dialect.MARIADB && d != Dialect.MYSQL || call.schema().otherUniqueIndexes().get(key)) {
            return false;
        }
        ColumnSet set = rows[0].setColumns();
        int id = idIndex(rows);
        if (id >= 0 && set.contains(id)) {
            return false; // an id set by values: MariaDB's INSERT could meet another key's row on it
        }
        for (UpdateRow row : rows) {
            if (!row.setColumns().equals(set)) {
                return false;
            }
        }
        return true;
    }

    private static int idIndex(UpdateRow[] rows) {
        return rows[0].table().idIndex();
    }

    /** Positions per chunk: each binds its ordinal, its key's and its set columns' values. */
    static int chunkSize(int keyColumns, int setColumns) {
        return Math.min(1000, MAX_PARAMETERS / (keyColumns + setColumns + 1));
    }

    /**
     * One round over {@code pending} (of one chunk, in the database's order of the keys, keys it finds
     * equal in input order): answers in {@code outcomes} every position it can. Returns the positions that
     * must go one by one (the INSERT met a duplicate), or an empty list.
     */
    static <T, K> List<Integer> round(Call call, Statements<T> statements, KeyBatch<T, K> batch, UpdateRow[] rows,
            List<Integer> pending, Outcome<T>[] outcomes) throws SQLException {
        TableSpec<T> table = statements.table();
        Dialect dialect = call.dialect();
        KeySpec key = batch.keySpec();
        ColumnSet set = rows[pending.get(0)].setColumns();
        List<Integer> keyColumns = key.columns();
        List<Integer> setColumns = new ArrayList<>();
        for (int c = 0; c < table.columns().size(); c++) {
            if (set.contains(c)) {
                setColumns.add(c);
            }
        }
        List<Integer> columns = new ArrayList<>(keyColumns);
        columns.addAll(setColumns);
        int n = table.columns().size();

        // S1: lock the rows that exist, in key order, and compare.
        String lockSql = call.schema().statement(List.of("vl-uoc-lock", batch.key(), set, pending.size()),
                () -> lockSql(call, table, batch.key(), keyColumns, setColumns, pending.size()));
        Map<List<Object>, Integer> firstOfRow = new HashMap<>();
        Map<Integer, T> found = new HashMap<>();
        Map<Integer, Boolean> differs = new HashMap<>();
        Set<Integer> anyMatch = new HashSet<>(); // positions that matched a row, first of it or not: never inserted
        statements.log(lockSql);
        try (PreparedStatement ps = call.connection().prepareStatement(lockSql)) {
            bindRows(ps, table, dialect, rows, pending, columns);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    T entity = table.reader().read(rs, dialect);
                    int position = rs.getInt(n + 1);
                    anyMatch.add(position);
                    boolean differ = false;
                    for (int i = 0; i < setColumns.size(); i++) {
                        differ |= rs.getBoolean(n + 2 + i);
                    }
                    List<Object> rowKey = new ArrayList<>();
                    for (int i = 0; i < keyColumns.size(); i++) {
                        Object v = rs.getObject(n + 2 + setColumns.size() + i);
                        rowKey.add(v instanceof byte[] b ? HexFormat.of().formatHex(b) : v);
                    }
                    Integer first = firstOfRow.get(rowKey);
                    if (first == null || position < first) {
                        if (first != null) {
                            found.remove(first);
                            differs.remove(first);
                        }
                        firstOfRow.put(rowKey, position);
                        found.put(position, entity);
                        differs.put(position, differ);
                    }
                }
            }
        }
        List<Integer> toUpdate = new ArrayList<>();
        for (int p : pending) {
            if (found.containsKey(p)) {
                if (differs.get(p)) {
                    toUpdate.add(p);
                } else {
                    outcomes[p] = new Outcome<>(found.get(p), false, false);
                }
            }
        }
        // Of positions that matched no row, each key by Java's equality once (a repeat waits for the next round).
        List<Integer> toInsert = new ArrayList<>();
        Set<List<Object>> inserting = new HashSet<>();
        for (int p : pending) {
            if (!anyMatch.contains(p) && inserting.add(javaKey(batch.values(p)))) {
                toInsert.add(p);
            }
        }

        // S2, S3: write the differing columns of the rows where one differs, then read them as stored.
        if (!toUpdate.isEmpty()) {
            String updateSql = call.schema().statement(List.of("vl-uoc-update", batch.key(), set, toUpdate.size()),
                    () -> updateSql(call, table, batch.key(), keyColumns, setColumns, toUpdate.size()));
            call.guarded(() -> {
                statements.log(updateSql);
                try (PreparedStatement ps = call.connection().prepareStatement(updateSql)) {
                    bindRows(ps, table, dialect, rows, toUpdate, columns);
                    return ps.executeUpdate();
                }
            });
            Map<Integer, T> stored = read(call, statements, batch, rows, toUpdate);
            for (int p : toUpdate) {
                T row = stored.get(p);
                if (row != null) {
                    outcomes[p] = new Outcome<>(row, false, true);
                }
            }
        }

        // S4: insert the missing rows, in key order.
        if (!toInsert.isEmpty() && upserts(call)) {
            insertOrMeet(call, statements, batch, rows, toInsert, outcomes);
            return List.of();
        }
        if (!toInsert.isEmpty()) {
            ColumnSet mask = rows[toInsert.get(0)].inserted().columns();
            String insertSql = call.schema().statement(List.of("insert", mask, toInsert.size()),
                    () -> ValuesListBulk.insertSql(call, table, mask, toInsert.size()));
            try {
                List<T> created = call.guarded(() -> {
                    statements.log(insertSql);
                    List<T> back = new ArrayList<>();
                    switch (dialect.returning()) {
                        case CLAUSE -> {
                            try (PreparedStatement ps = call.connection().prepareStatement(insertSql)) {
                                bindInserted(ps, statements, dialect, rows, toInsert);
                                try (ResultSet rs = ps.executeQuery()) {
                                    while (rs.next()) {
                                        back.add(table.reader().read(rs, dialect));
                                    }
                                }
                            }
                        }
                        case GENERATED_KEYS -> {
                            try (PreparedStatement ps = call.connection().prepareStatement(insertSql, table.h2ColumnNames())) {
                                bindInserted(ps, statements, dialect, rows, toInsert);
                                ps.executeUpdate();
                                try (ResultSet rs = ps.getGeneratedKeys()) {
                                    while (rs.next()) {
                                        back.add(table.reader().read(rs, dialect));
                                    }
                                }
                            }
                        }
                        default -> {
                            try (PreparedStatement ps = call.connection().prepareStatement(insertSql)) {
                                bindInserted(ps, statements, dialect, rows, toInsert);
                                ps.executeUpdate();
                            }
                        }
                    }
                    return back;
                });
                if (created.size() == toInsert.size()) {
                    for (int i = 0; i < toInsert.size(); i++) {
                        outcomes[toInsert.get(i)] = new Outcome<>(created.get(i), true);
                    }
                } else {
                    // MySQL: no RETURNING, so the rows are read back by their keys.
                    Map<Integer, T> stored = read(call, statements, batch, rows, toInsert);
                    for (int p : toInsert) {
                        T row = stored.get(p);
                        if (row != null) {
                            outcomes[p] = new Outcome<>(row, true);
                        }
                    }
                }
            } catch (SQLException e) {
                LostRace.onKey(call, table, batch.key(), e);
                // A concurrent creator, or two keys the collation makes one: the rest goes key by key.
                List<Integer> left = new ArrayList<>();
                for (int p : pending) {
                    if (outcomes[p] == null) {
                        left.add(p);
                    }
                }
                return left;
            }
        }
        return List.of();
    }

    /**
     * MariaDB, on a table without INSERT or UPDATE triggers: the INSERT takes a row it meets on the key
     * under an exclusive lock ({@code ON DUPLICATE KEY UPDATE} that writes nothing), where a plain INSERT's
     * duplicate would leave a shared lock, which two such losers cannot both upgrade to write the row.
     */
    private static boolean upserts(Call call) {
        return call.dialect() == Dialect.MARIADB && !call.schema().noOpUpdateTriggers();
    }

    /** The length of a {@link UUID} token. */
    private static final int TOKEN = 36;

    /**
     * MariaDB: inserts the rows in one statement, and of a row that meets one on the key (a concurrent
     * creator's, or one this statement inserted for a key the collation makes equal) leaves it as it is,
     * locked: its position goes round again and updates it. A session variable counts the rows met,
     * under a token of this statement's; RETURNING shows it as it stood after each row, so a row after
     * which the count grew was met.
     */
    private static <T, K> void insertOrMeet(Call call, Statements<T> statements, KeyBatch<T, K> batch, UpdateRow[] rows,
            List<Integer> toInsert, Outcome<T>[] outcomes) throws SQLException {
        TableSpec<T> table = statements.table();
        Dialect d = call.dialect();
        ColumnSet mask = rows[toInsert.get(0)].inserted().columns();
        String sql = call.schema().statement(List.of("vl-uoc-insert-or-meet", batch.key(), mask, toInsert.size()), () -> {
            String first = d.quote(table.columns().get(batch.keySpec().columns().get(0)).name());
            String insert = ValuesListBulk.insertSql(call, table, mask, toInsert.size());
            String values = insert.substring(0, insert.indexOf(" RETURNING "));
            return values + " ON DUPLICATE KEY UPDATE " + first + " = IF((@goc_met := CONCAT(?, '#', IF(LEFT(@goc_met, "
                    + TOKEN + ") = ?, SUBSTRING(@goc_met, " + (TOKEN + 2) + ") + 1, 1))) IS NULL, " + first + ", " + first
                    + ") RETURNING " + table.writer(d).selectList(null) + ", @goc_met";
        });
        String token = UUID.randomUUID().toString();
        List<T> back = new ArrayList<>();
        List<Integer> met = new ArrayList<>();
        call.guarded(() -> {
            statements.log(sql);
            try (PreparedStatement ps = call.connection().prepareStatement(sql)) {
                int index = 1;
                for (int p : toInsert) {
                    index = statements.bind(ps, index, d, rows[p].inserted());
                }
                ps.setString(index++, token);
                ps.setString(index, token);
                int n = table.columns().size();
                try (ResultSet rs = ps.executeQuery()) {
                    long before = 0;
                    while (rs.next()) {
                        back.add(table.reader().read(rs, d));
                        String count = rs.getString(n + 1);
                        long now = count != null && count.startsWith(token + "#")
                                ? Long.parseLong(count.substring(TOKEN + 1)) : 0;
                        met.add(now > before ? 1 : 0);
                        before = now;
                    }
                }
            }
            return null;
        });
        if (back.size() != toInsert.size()) {
            return; // not one row back per row sent: every position goes round again
        }
        for (int i = 0; i < toInsert.size(); i++) {
            if (met.get(i) == 0) {
                outcomes[toInsert.get(i)] = new Outcome<>(back.get(i), true);
            }
        }
    }

    // A key by Java's equality (arrays by content).
    private static List<Object> javaKey(Object[] values) {
        List<Object> key = new ArrayList<>(values.length);
        for (Object v : values) {
            key.add(v instanceof byte[] b ? HexFormat.of().formatHex(b) : v);
        }
        return key;
    }

    // The rows of these positions as stored, by position.
    private static <T, K> Map<Integer, T> read(Call call, Statements<T> statements, KeyBatch<T, K> batch,
            UpdateRow[] rows, List<Integer> positions) throws SQLException {
        TableSpec<T> table = statements.table();
        List<Integer> keyColumns = batch.keySpec().columns();
        String sql = call.schema().statement(List.of("vl-uoc-read", batch.key(), positions.size()),
                () -> "SELECT " + table.writer(call.dialect()).selectList("t") + ", k.goc_ord FROM "
                        + join(call, table, batch.key(), keyColumns, keyColumns, positions.size()));
        statements.log(sql);
        Map<Integer, T> stored = new HashMap<>();
        try (PreparedStatement ps = call.connection().prepareStatement(sql)) {
            bindRows(ps, table, call.dialect(), rows, positions, keyColumns);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    stored.put(rs.getInt(table.columns().size() + 1), table.reader().read(rs, call.dialect()));
                }
            }
        }
        return stored;
    }

    private static void bindRows(PreparedStatement ps, TableSpec<?> table, Dialect dialect, UpdateRow[] rows,
            List<Integer> positions, List<Integer> columns) throws SQLException {
        int index = 1;
        for (int p : positions) {
            ps.setInt(index++, p);
            RowValues values = rows[p].values();
            for (int c : columns) {
                table.columns().get(c).type().bind(ps, index++, values.get(c), dialect);
            }
        }
    }

    private static void bindInserted(PreparedStatement ps, Statements<?> statements, Dialect dialect, UpdateRow[] rows,
            List<Integer> positions) throws SQLException {
        int index = 1;
        for (int p : positions) {
            index = statements.bind(ps, index, dialect, rows[p].inserted());
        }
    }

    // ---- SQL, built once per database, key, set columns and number of rows ----

    // The derived table k(goc_ord, goc_0, ...) of `rows` rows, one value per column in `columns` each.
    private static String keys(Call call, List<Integer> columns, int rows) {
        Dialect d = call.dialect();
        int width = columns.size();
        StringJoiner names = new StringJoiner(", ", "goc_ord, ", "");
        for (int i = 0; i < width; i++) {
            names.add("goc_" + i);
        }
        if (d == Dialect.H2) {
            // H2 types a parameter of a VALUES list as text: each is cast to its column's type.
            StringJoiner row = new StringJoiner(", ", "(CAST(? AS INTEGER), ", ")");
            for (int c : columns) {
                String type = h2Type(call.schema().columns().get(c));
                row.add(type == null ? "?" : "CAST(? AS " + type + ")");
            }
            return "(VALUES " + String.join(", ", Collections.nCopies(rows, row.toString())) + ") AS k(" + names + ")";
        }
        StringJoiner first = new StringJoiner(", ", "SELECT ? AS goc_ord, ", "");
        for (int i = 0; i < width; i++) {
            first.add("? AS goc_" + i);
        }
        List<String> all = new ArrayList<>(Collections.nCopies(rows, "SELECT ?" + ", ?".repeat(width)));
        all.set(0, first.toString());
        return "(" + String.join(" UNION ALL ", all) + ") k";
    }

    // The H2 column's declared type, as a CAST takes it; null for an ENUM, whose values a cast would have to list.
    static String h2Type(ColumnFacts facts) {
        String type = facts.type().toUpperCase(Locale.ROOT);
        if (type.equals("ENUM") || type.isEmpty()) {
            return null;
        }
        if (type.equals("NUMERIC") || type.equals("DECIMAL")) {
            return facts.precision() > 0 ? type + "(" + facts.precision() + ", " + Math.max(0, facts.scale()) + ")" : type;
        }
        if (type.startsWith("CHARACTER") || type.startsWith("BINARY") || type.startsWith("VARCHAR")) {
            return facts.length() > 0 ? type + "(" + facts.length() + ")" : type;
        }
        if ((type.startsWith("TIME")) && facts.fractionalSeconds() >= 0) {
            int space = type.indexOf(' ');
            return space < 0 ? type + "(" + facts.fractionalSeconds() + ")"
                    : type.substring(0, space) + "(" + facts.fractionalSeconds() + ")" + type.substring(space);
        }
        return type;
    }

    // k.goc_i compared under column c's own collation (MariaDB/MySQL: the derived table's strings carry the connection's).
    private static String value(Call call, int column, int i) {
        return call.schema().columns().get(column).comparedAsColumn("k.goc_" + i, call.dialect());
    }

    // "<keys> JOIN t ON <key match>": the keys outside, each looked up through an index that backs the key
    // (see ValuesListBulk's select for why MariaDB is told so).
    private static String join(Call call, TableSpec<?> table, int keyIndex, List<Integer> keyColumns,
            List<Integer> columns, int rows) {
        Dialect d = call.dialect();
        StringJoiner on = new StringJoiner(" AND ");
        for (int i = 0; i < keyColumns.size(); i++) {
            on.add("t." + d.quote(table.columns().get(keyColumns.get(i)).name()) + " = " + value(call, keyColumns.get(i), i));
        }
        String join = d == Dialect.H2 ? " JOIN " : " STRAIGHT_JOIN ";
        String index = d == Dialect.H2 ? ""
                : " FORCE INDEX (" + d.quote(call.schema().keyConstraints().get(keyIndex).stream().sorted().findFirst()
                        .orElseThrow()) + ")";
        return keys(call, columns, rows) + join + d.quote(table.name()) + " t" + index + " ON " + on;
    }

    // The row, its position, a "differs" flag per set column, the row's key columns; locking.
    private static String lockSql(Call call, TableSpec<?> table, int keyIndex, List<Integer> keyColumns,
            List<Integer> setColumns, int rows) {
        Dialect d = call.dialect();
        List<Integer> columns = new ArrayList<>(keyColumns);
        columns.addAll(setColumns);
        StringBuilder sql = new StringBuilder("SELECT ").append(table.writer(d).selectList("t")).append(", k.goc_ord");
        for (int i = 0; i < setColumns.size(); i++) {
            String column = "t." + d.quote(table.columns().get(setColumns.get(i)).name());
            String value = value(call, setColumns.get(i), keyColumns.size() + i);
            sql.append(", ").append(d == Dialect.H2 ? column + " IS DISTINCT FROM " + value
                    : "NOT (" + column + " <=> " + value + ")");
        }
        for (int c : keyColumns) {
            sql.append(", t.").append(d.quote(table.columns().get(c).name()));
        }
        sql.append(" FROM ");
        if (upserts(call)) {
            // A string in @goc_met before the INSERT that counts in it: a variable NULL when a statement starts
            // reads as NULL all through it.
            sql.append("(SELECT @goc_met := '' AS goc_init) goc_init STRAIGHT_JOIN ");
        }
        return sql.append(join(call, table, keyIndex, keyColumns, columns, rows)).append(" FOR UPDATE").toString();
    }

    // Writes each row's set columns that differ from their values.
    private static String updateSql(Call call, TableSpec<?> table, int keyIndex, List<Integer> keyColumns,
            List<Integer> setColumns, int rows) {
        Dialect d = call.dialect();
        List<Integer> columns = new ArrayList<>(keyColumns);
        columns.addAll(setColumns);
        StringJoiner assignments = new StringJoiner(", ");
        for (int i = 0; i < setColumns.size(); i++) {
            String name = d.quote(table.columns().get(setColumns.get(i)).name());
            String value = value(call, setColumns.get(i), keyColumns.size() + i);
            String raw = "k.goc_" + (keyColumns.size() + i);
            assignments.add(d == Dialect.H2
                    ? name + " = CASE WHEN t." + name + " IS DISTINCT FROM " + value + " THEN " + raw + " ELSE t." + name + " END"
                    : "t." + name + " = IF(t." + name + " <=> " + value + ", t." + name + ", " + raw + ")");
        }
        if (d == Dialect.H2) {
            StringJoiner on = new StringJoiner(" AND ");
            for (int i = 0; i < keyColumns.size(); i++) {
                on.add("t." + d.quote(table.columns().get(keyColumns.get(i)).name()) + " = k.goc_" + i);
            }
            return "MERGE INTO " + d.quote(table.name()) + " t USING " + keys(call, columns, rows) + " ON " + on
                    + " WHEN MATCHED THEN UPDATE SET " + assignments;
        }
        return "UPDATE " + join(call, table, keyIndex, keyColumns, columns, rows) + " SET " + assignments;
    }
}
