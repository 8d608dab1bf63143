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

    /** PostgreSQL: the shared order of {@code count} positions, {@code keys} giving a position's key values. */
    static Order of(Call call, TableSpec<?> table, int keyIndex, int count, IntFunction<Object[]> keys)
            throws SQLException {
        KeySpec key = table.keys().get(keyIndex);
        List<Integer> columns = key.columns();
        StringJoiner names = new StringJoiner(", ");
        for (int i = 0; i < columns.size(); i++) {
            names.add("goc_" + i);
        }
        String sql = call.schema().statement(List.of("pg-key-order", keyIndex),
                () -> "SELECT goc_ord, dense_rank() OVER (ORDER BY " + names + ") FROM "
                        + PostgresBulk.keys(call, table, columns, "k"));
        int[] group = new int[count];
        try (PreparedStatement ps = call.connection().prepareStatement(sql)) {
            for (int c = 0; c < columns.size(); c++) {
                ColumnType type = table.columns().get(columns.get(c)).type();
                String[] texts = new String[count];
                for (int p = 0; p < count; p++) {
                    texts[p] = type.sqlText(keys.apply(p)[c]);
                }
                ps.setArray(c + 1, call.connection().createArrayOf("text", texts));
            }
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    group[rs.getInt(1) - 1] = rs.getInt(2);
                }
            }
        }
        List<Integer> positions = new ArrayList<>(count);
        for (int p = 0; p < count; p++) {
            positions.add(p);
        }
        positions.sort(Comparator.<Integer>comparingInt(p -> group[p]).thenComparingInt(p -> p));
        return new Order(positions, group);
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
