package io.getorcreate.internal;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.StringJoiner;
import java.util.function.IntFunction;

/**
 * One order of many keys that every caller shares: the database's own order of the key's columns (their
 * types and collations), in which keys that its equality makes one are neighbours. Calls that lock or
 * insert their keys' rows in this order, whatever order their callers gave, do not deadlock each other;
 * and a call that cuts its keys into chunks along it never splits such equal keys between two chunks, so
 * they keep their input order. One query, which reads no table.
 */
final class KeyOrder {
    private KeyOrder() {}

    /**
     * Positions in the shared order.
     *
     * @param positions {@code 0..count-1} in the shared order, each group of keys the database finds equal
     *     together and in input order
     * @param group per position, its group's number (from 1 up, in the shared order)
     */
    record Order(List<Integer> positions, int[] group) {}

    /** Past this many keys on H2 and MariaDB/MySQL the query would bind too many values: no shared order. */
    private static final int MAX_PARAMETERS = 60_000;

    /**
     * The shared order of {@code count} positions, {@code keys} giving a position's key values; null where
     * the keys are too many to order in one query (H2, MariaDB/MySQL), so that they keep input order.
     */
    static Order of(Call call, TableSpec<?> table, int keyIndex, int count, IntFunction<Object[]> keys)
            throws SQLException {
        List<Integer> columns = table.keys().get(keyIndex).columns();
        Dialect d = call.dialect();
        if (d != Dialect.POSTGRES && (long) count * (columns.size() + 1) > MAX_PARAMETERS) {
            return null;
        }
        StringJoiner order = new StringJoiner(", ");
        for (int i = 0; i < columns.size(); i++) {
            ColumnFacts facts = call.schema().columns().get(columns.get(i));
            String value = facts.comparedAsColumn("k.goc_" + i, d);
            if (d == Dialect.H2) {
                // H2 orders parameters it cannot type by their text (3 before 3.0, "X" apart from "x"): cast
                // them to the column's own type, whose equality (VARCHAR_IGNORECASE's too) then decides.
                String type = ValuesListBulkUpdate.h2Type(facts);
                if (type != null) {
                    value = "CAST(" + value + " AS " + type + ")";
                }
            }
            order.add(value);
        }
        String sql = call.schema().statement(List.of("key-order", keyIndex, d == Dialect.POSTGRES ? 0 : count),
                () -> "SELECT k.goc_ord, DENSE_RANK() OVER (ORDER BY " + order + ") FROM "
                        + keyTable(call, table, columns, count));
        int[] group = new int[count];
        try (PreparedStatement ps = call.connection().prepareStatement(sql)) {
            if (d == Dialect.POSTGRES) {
                for (int c = 0; c < columns.size(); c++) {
                    ColumnType type = table.columns().get(columns.get(c)).type();
                    String[] texts = new String[count];
                    for (int p = 0; p < count; p++) {
                        texts[p] = type.sqlText(keys.apply(p)[c]);
                    }
                    ps.setArray(c + 1, call.connection().createArrayOf("text", texts));
                }
            } else {
                int index = 1;
                for (int p = 0; p < count; p++) {
                    ps.setInt(index++, p + 1);
                    Object[] values = keys.apply(p);
                    for (int c = 0; c < columns.size(); c++) {
                        table.columns().get(columns.get(c)).type().bind(ps, index++, values[c], d);
                    }
                }
            }
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    group[rs.getInt(1) - 1] = rs.getInt(2);
                }
            }
        }
        List<Integer> positions = all(count);
        positions.sort(Comparator.<Integer>comparingInt(p -> group[p]).thenComparingInt(p -> p));
        return new Order(positions, group);
    }

    // The keys as a derived table k(goc_ord, goc_0, ...), goc_ord counting from 1.
    private static String keyTable(Call call, TableSpec<?> table, List<Integer> columns, int count) {
        if (call.dialect() == Dialect.POSTGRES) {
            return PostgresBulk.keys(call, table, columns, "k");
        }
        StringJoiner names = new StringJoiner(", ", "goc_ord, ", "");
        for (int i = 0; i < columns.size(); i++) {
            names.add("goc_" + i);
        }
        if (call.dialect() == Dialect.H2) {
            String row = "(?" + ", ?".repeat(columns.size()) + ")";
            return "(VALUES " + String.join(", ", java.util.Collections.nCopies(count, row)) + ") AS k(" + names + ")";
        }
        StringJoiner first = new StringJoiner(", ", "SELECT ? AS goc_ord, ", "");
        for (int i = 0; i < columns.size(); i++) {
            first.add("? AS goc_" + i);
        }
        List<String> rows = new ArrayList<>(java.util.Collections.nCopies(count, "SELECT ?" + ", ?".repeat(columns.size())));
        rows.set(0, first.toString());
        return "(" + String.join(" UNION ALL ", rows) + ") k";
    }

    /** Cuts {@code positions} into chunks of {@code size}, in their order: for calls that need no shared order. */
    static List<List<Integer>> inInputOrder(List<Integer> positions, int size) {
        List<List<Integer>> chunks = new ArrayList<>();
        for (int from = 0; from < positions.size(); from += size) {
            chunks.add(positions.subList(from, Math.min(from + size, positions.size())));
        }
        return chunks;
    }

    /** The positions {@code 0..count-1}, in input order. */
    static List<Integer> all(int count) {
        List<Integer> positions = new ArrayList<>(count);
        for (int p = 0; p < count; p++) {
            positions.add(p);
        }
        return positions;
    }

    /**
     * Cuts the positions into chunks of {@code size} or a little more, never between two positions of one
     * group, each chunk's positions back in input order.
     */
    static List<List<Integer>> chunks(Order order, int size) {
        List<Integer> all = order.positions();
        int[] group = order.group();
        List<List<Integer>> chunks = new ArrayList<>();
        List<Integer> chunk = new ArrayList<>();
        for (int i = 0; i < all.size(); i++) {
            int p = all.get(i);
            if (chunk.size() >= size && group[p] != group[all.get(i - 1)]) {
                chunk.sort(null);
                chunks.add(chunk);
                chunk = new ArrayList<>();
            }
            chunk.add(p);
        }
        if (!chunk.isEmpty()) {
            chunk.sort(null);
            chunks.add(chunk);
        }
        return chunks;
    }
}
