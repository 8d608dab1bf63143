package io.getorcreate.internal;

import java.sql.DatabaseMetaData;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.StringJoiner;

/**
 * H2 and MariaDB/MySQL: the chunk's keys, each with its ordinal, are a derived table joined to the
 * table, so the column's own comparison (its collation) matches keys to rows; then the missing keys go
 * in one multi-row INSERT, in key order so that concurrent calls lock in one order. Two statements per
 * chunk. A unique violation on the key's constraint (a concurrent creator, or two keys that only the
 * collation makes one) fails that INSERT alone: the next round reads again (locking, on MariaDB/MySQL,
 * to see past the transaction's snapshot) and inserts what is still missing one row at a time.
 */
final class ValuesListBulk implements BulkAlgorithm {
    static final ValuesListBulk INSTANCE = new ValuesListBulk();
    /** MariaDB and MySQL accept at most 65,535 placeholders in one statement. */
    private static final int MAX_PARAMETERS = 60_000;

    private ValuesListBulk() {}

    @Override
    public int chunkSize(int keyColumns, int columns) {
        return Math.min(1000, MAX_PARAMETERS / (columns + 1));
    }

    @Override
    public <T, K> void round(Call call, Statements<T> statements, ValueChecker checker, KeyBatch<T, K> batch,
            List<Integer> positions, int round, boolean lastChunk) throws SQLException {
        Dialect dialect = call.dialect();
        boolean locking = round > 1 && dialect.needsLockingReadAfterDuplicate();
        select(call, statements, batch, positions, locking);

        Map<ColumnSet, List<Integer>> byColumns = batch.missingByColumns(positions, checker, call.schema());
        // An INSERT that succeeds answers all its rows, unless they must be read back (MySQL): then a row that
        // vanishes before the read (deleted) would need another write.
        boolean answers = dialect.returning() != Dialect.Returning.READ_BACK;
        int groupsLeft = byColumns.size();
        for (List<Integer> group : byColumns.values()) {
            groupsLeft--;
            boolean lastGroup = lastChunk && answers && groupsLeft == 0;
            if (round == 1) {
                // One statement, all or nothing: a duplicate fails it whole, and the next round starts from
                // nothing written.
                group.sort(batch.canonicalOrder());
                insert(call, statements, batch, group, lastGroup);
            } else {
                // One row at a time, in the database's order of the keys (one query), so that concurrent
                // calls holding rows lock in one order; keys it finds equal in input order, so that the
                // first of them is the one created.
                KeyOrder.Order order = group.size() == 1 ? null
                        : KeyOrder.of(call, statements.table(), batch.key(), group.size(), i -> batch.values(group.get(i)));
                for (int i = 0; i < group.size(); i++) {
                    int position = group.get(order == null ? i : order.positions().get(i));
                    insert(call, statements, batch, List.of(position), lastGroup && i == group.size() - 1);
                }
            }
        }
    }

    private static <T, K> void select(Call call, Statements<T> statements, KeyBatch<T, K> batch, List<Integer> positions,
            boolean locking) throws SQLException {
        TableSpec<T> table = statements.table();
        KeySpec key = batch.keySpec();
        boolean json = jsonKeys(call, table, batch, positions);
        String sql = call.schema().statement(List.of("select", batch.key(), json ? -1 : positions.size(), locking),
                () -> selectSql(call, table, batch.key(), key, json ? -1 : positions.size(), locking));
        statements.log(sql);
        try (PreparedStatement ps = call.connection().prepareStatement(sql)) {
            if (json) {
                ps.setString(1, jsonArray(batch, positions));
            } else {
                int index = 1;
                for (int i = 0; i < positions.size(); i++) {
                    ps.setInt(index++, i);
                    index = statements.bind(ps, index, call.dialect(), key.columns(), batch.values(positions.get(i)));
                }
            }
            int ord = table.columns().size() + 1;
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    batch.found(positions.get(rs.getInt(ord)), table.reader().read(rs, call.dialect()));
                }
            }
        }
    }

    /** A key of at most this many characters fits a JSON_TABLE column of type TEXT (65,535 bytes) whatever its characters. */
    private static final int MAX_JSON_KEY_CHARS = 16_000;

    /**
     * Whether the keys go as one JSON array, read by {@code JSON_TABLE}: MariaDB 10.6 and later, and a key
     * whose every column is text compared under the column's own collation (other types keep their typed
     * parameters). One parameter instead of a derived table of a UNION ALL per key, which MariaDB parses
     * and materialises far more slowly; the join and its collation are the same.
     */
    private static <T, K> boolean jsonKeys(Call call, TableSpec<T> table, KeyBatch<T, K> batch, List<Integer> positions)
            throws SQLException {
        if (call.dialect() != Dialect.MARIADB) {
            return false;
        }
        for (int c : batch.keySpec().columns()) {
            ColumnType type = table.columns().get(c).type();
            if (type != ColumnType.STRING && type != ColumnType.ENUM || call.schema().columns().get(c).collation() == null) {
                return false;
            }
        }
        for (int p : positions) {
            for (Object value : batch.values(p)) {
                if (value instanceof String text && text.length() > MAX_JSON_KEY_CHARS) {
                    return false;
                }
            }
        }
        // The server's version, from the connection's handshake: asked once per database.
        return "json".equals(call.schema().statement(List.of("mariadb-json-table"), () -> {
            try {
                DatabaseMetaData md = call.connection().getMetaData();
                int major = md.getDatabaseMajorVersion();
                return major > 10 || major == 10 && md.getDatabaseMinorVersion() >= 6 ? "json" : "union";
            } catch (SQLException e) {
                return "union";
            }
        }));
    }

    // [["k0 column 0", "k0 column 1"], ["k1 column 0", ...], ...], in the order of positions.
    private static <T, K> String jsonArray(KeyBatch<T, K> batch, List<Integer> positions) {
        StringBuilder json = new StringBuilder(positions.size() * 24).append('[');
        for (int i = 0; i < positions.size(); i++) {
            json.append(i == 0 ? "[" : ",[");
            Object[] values = batch.values(positions.get(i));
            for (int c = 0; c < values.length; c++) {
                if (c > 0) {
                    json.append(',');
                }
                String text = values[c] instanceof Enum<?> e ? e.name() : (String) values[c];
                json.append('"');
                for (int j = 0; j < text.length(); j++) {
                    char ch = text.charAt(j);
                    if (ch == '"' || ch == '\\') {
                        json.append('\\').append(ch);
                    } else if (ch < 0x20) {
                        json.append(String.format(Locale.ROOT, "\\u%04x", (int) ch));
                    } else {
                        json.append(ch);
                    }
                }
                json.append('"');
            }
            json.append(']');
        }
        return json.append(']').toString();
    }

    // Inserts the rows (all setting the same columns); a duplicate on the key leaves them for the next round.
    private static <T, K> void insert(Call call, Statements<T> statements, KeyBatch<T, K> batch, List<Integer> positions,
            boolean last) throws SQLException {
        TableSpec<T> table = statements.table();
        ColumnSet mask = batch.row(positions.get(0)).columns();
        String sql = call.schema().statement(List.of("insert", mask, positions.size()),
                () -> insertSql(call, table, mask, positions.size()));
        statements.log(sql);
        Dialect dialect = call.dialect();
        boolean alone = call.beforeWrite(last);
        try {
            call.guarded(() -> {
                try (PreparedStatement ps = dialect.returning() == Dialect.Returning.GENERATED_KEYS
                        ? call.connection().prepareStatement(sql, table.h2ColumnNames())
                        : call.connection().prepareStatement(sql)) {
                    int index = 1;
                    for (int p : positions) {
                        index = statements.bind(ps, index, dialect, batch.row(p));
                    }
                    readInserted(call, table, batch, positions, ps);
                }
                return null;
            });
            if (alone) {
                call.wroteAlone();
            }
        } catch (SQLException e) {
            LostRace.onKey(call, table, batch.key(), e);
            // A concurrent creator, or two keys the collation makes one: the next round sorts it out.
        }
    }

    private static <T, K> void readInserted(Call call, TableSpec<T> table, KeyBatch<T, K> batch, List<Integer> positions,
            PreparedStatement ps) throws SQLException {
        switch (call.dialect().returning()) {
            case CLAUSE -> {
                try (ResultSet rs = ps.executeQuery()) {
                    readInOrder(call, table, batch, positions, rs);
                }
            }
            case GENERATED_KEYS -> {
                ps.executeUpdate();
                try (ResultSet rs = ps.getGeneratedKeys()) {
                    readInOrder(call, table, batch, positions, rs);
                }
            }
            default -> {
                ps.executeUpdate();
                positions.forEach(batch::inserted); // read back by the next round's SELECT
            }
        }
    }

    // The rows come back in the order of the VALUES list.
    private static <T, K> void readInOrder(Call call, TableSpec<T> table, KeyBatch<T, K> batch, List<Integer> positions,
            ResultSet rs) throws SQLException {
        int i = 0;
        List<T> rows = new ArrayList<>();
        while (rs.next()) {
            rows.add(table.reader().read(rs, call.dialect()));
        }
        if (rows.size() != positions.size()) {
            positions.forEach(batch::inserted);
            return;
        }
        for (int p : positions) {
            batch.created(p, rows.get(i++));
        }
    }

    // ---- SQL, built once per database, key and number of rows ----

    /** @param rows the number of keys, or -1 for one JSON array of them ({@link #jsonKeys}) */
    private static String selectSql(Call call, TableSpec<?> table, int keyIndex, KeySpec key, int rows, boolean locking) {
        Dialect d = call.dialect();
        List<Integer> columns = key.columns();
        StringJoiner names = new StringJoiner(", ", "goc_ord, ", "");
        for (int i = 0; i < columns.size(); i++) {
            names.add("goc_" + i);
        }
        String keys;
        String ord = "k.goc_ord";
        if (rows < 0) {
            StringJoiner json = new StringJoiner(", ", "JSON_TABLE(?, '$[*]' COLUMNS (goc_ord FOR ORDINALITY, ", ")) k");
            for (int i = 0; i < columns.size(); i++) {
                json.add("goc_" + i + " TEXT CHARACTER SET utf8mb4 PATH '$[" + i + "]'");
            }
            keys = json.toString();
            ord = "k.goc_ord - 1"; // FOR ORDINALITY counts from 1
        } else if (d == Dialect.H2) {
            StringJoiner values = new StringJoiner(", ");
            String row = "(" + "?, ".repeat(columns.size()) + "?)";
            for (int r = 0; r < rows; r++) {
                values.add(row);
            }
            keys = "(VALUES " + values + ") AS k(" + names + ")";
        } else {
            StringJoiner union = new StringJoiner(" UNION ALL ");
            StringJoiner first = new StringJoiner(", ", "SELECT ? AS goc_ord, ", "");
            for (int i = 0; i < columns.size(); i++) {
                first.add("? AS goc_" + i);
            }
            union.add(first.toString());
            String next = "SELECT ?" + ", ?".repeat(columns.size());
            for (int r = 1; r < rows; r++) {
                union.add(next);
            }
            keys = "(" + union + ") k";
        }
        String list = table.writer(d).selectList("t");
        StringJoiner on = new StringJoiner(" AND ");
        for (int i = 0; i < columns.size(); i++) {
            String value = call.schema().columns().get(columns.get(i)).comparedAsColumn("k.goc_" + i, d);
            on.add("t." + d.quote(table.columns().get(columns.get(i)).name()) + " = " + value);
        }
        // MariaDB's estimates can make a scan of the table joined through a buffer look cheaper than a lookup
        // per key (a table filled since its statistics were taken looks like one row): hundreds of
        // milliseconds per chunk, and a lock on every row for the locking read. STRAIGHT_JOIN keeps the keys
        // outside and FORCE INDEX looks each one up through an index that backs the key.
        String join = d == Dialect.H2 ? " JOIN " : " STRAIGHT_JOIN ";
        String index = d == Dialect.H2 ? ""
                : " FORCE INDEX (" + d.quote(call.schema().keyConstraints().get(keyIndex).stream().sorted().findFirst()
                        .orElseThrow()) + ")";
        return "SELECT " + list + ", " + ord + " FROM " + keys + join + d.quote(table.name()) + " t" + index + " ON " + on
                + (locking ? " LOCK IN SHARE MODE" : "");
    }

    static String insertSql(Call call, TableSpec<?> table, ColumnSet mask, int rows) {
        Dialect d = call.dialect();
        StringJoiner names = new StringJoiner(", ");
        int count = 0;
        for (int c = 0; c < table.columns().size(); c++) {
            if (mask.contains(c)) {
                names.add(d.quote(table.columns().get(c).name()));
                count++;
            }
        }
        String row = "(" + "?, ".repeat(count - 1) + "?)";
        StringJoiner values = new StringJoiner(", ");
        for (int r = 0; r < rows; r++) {
            values.add(row);
        }
        String insert = "INSERT INTO " + d.quote(table.name()) + " (" + names + ") VALUES " + values;
        if (d.returning() != Dialect.Returning.CLAUSE) {
            return insert;
        }
        return insert + " RETURNING " + table.writer(d).selectList(null);
    }

}
