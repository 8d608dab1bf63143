package io.getorcreate.internal;

import io.getorcreate.Outcome;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.BiConsumer;
import java.util.function.Function;

/**
 * The keys of one {@code getOrCreateAll} call and what has been learned about them. Keys equal in Java
 * (a repeated element) are sent once: every later position follows the first ("its leader"), gets the
 * same row, and never carries {@code created}. Keys that only the database's equality makes one (a
 * collation that folds case) are told apart by the database itself.
 *
 * @param <T> the entity record
 * @param <K> the caller's key type
 */
final class KeyBatch<T, K> {
    private final TableSpec<T> table;
    private final int key;
    private final List<K> keys;
    private final Object[][] values;
    private final int[] leader;
    private final BiConsumer<K, RowValues> defaults;
    private final RowValues[] rows;
    private final Outcome<T>[] outcomes;
    private final boolean[] inserted;

    @SuppressWarnings("unchecked")
    private KeyBatch(TableSpec<T> table, int key, List<K> keys, Object[][] values, BiConsumer<K, RowValues> defaults) {
        this.table = table;
        this.key = key;
        this.keys = keys;
        this.values = values;
        this.defaults = defaults;
        this.leader = new int[values.length];
        this.rows = new RowValues[values.length];
        this.outcomes = new Outcome[values.length];
        this.inserted = new boolean[values.length];
        Map<Object, Integer> first = new HashMap<>(values.length * 4 / 3 + 1);
        for (int i = 0; i < values.length; i++) {
            Integer earlier = first.putIfAbsent(identity(values[i]), i);
            leader[i] = earlier == null ? i : earlier;
        }
    }

    // Java equality over the key's values, byte arrays by content: the value itself for a key of one
    // column (every key of a batch has the same number), else a list of them.
    private static Object identity(Object[] value) {
        if (value.length == 1) {
            return identity(value[0]);
        }
        List<Object> id = new ArrayList<>(value.length);
        for (Object v : value) {
            id.add(identity(v));
        }
        return id;
    }

    private static Object identity(Object v) {
        return v instanceof byte[] bytes ? new Bytes(bytes) : v;
    }

    private record Bytes(byte[] bytes) {
        @Override
        public boolean equals(Object o) {
            return o instanceof Bytes other && Arrays.equals(bytes, other.bytes);
        }

        @Override
        public int hashCode() {
            return Arrays.hashCode(bytes);
        }
    }

    /**
     * Checks the caller's keys before any statement: a null collection, a null element, or a null
     * component of a composite key is a {@code NullPointerException} naming the position.
     */
    static <T, K> KeyBatch<T, K> of(TableSpec<T> table, int key, Collection<K> keys, String parameter,
            Function<K, Object[]> components, BiConsumer<K, RowValues> defaults) {
        Objects.requireNonNull(keys, parameter);
        List<K> list = new ArrayList<>(keys);
        KeySpec spec = table.keys().get(key);
        Object[][] values = new Object[list.size()][];
        for (int i = 0; i < values.length; i++) {
            K k = list.get(i);
            String position = parameter + "[" + i + "]";
            Objects.requireNonNull(k, position);
            Object[] v = components.apply(k);
            for (int c = 0; c < v.length; c++) {
                if (v[c] == null) {
                    throw new NullPointerException(v.length == 1 ? position
                            : position + "." + table.columns().get(spec.columns().get(c)).component());
                }
            }
            values[i] = v;
        }
        return new KeyBatch<>(table, key, list, values, defaults);
    }

    int size() {
        return values.length;
    }

    int key() {
        return key;
    }

    KeySpec keySpec() {
        return table.keys().get(key);
    }

    /** The caller's key at a position. */
    K key(int position) {
        return keys.get(position);
    }

    Object[] values(int position) {
        return values[position];
    }

    boolean hasDefaults() {
        return defaults != null;
    }

    /** The positions the database must answer: the first of each run of Java-equal keys, in input order. */
    List<Integer> leaders() {
        List<Integer> leaders = new ArrayList<>();
        for (int i = 0; i < leader.length; i++) {
            if (leader[i] == i) {
                leaders.add(i);
            }
        }
        return leaders;
    }

    /** Forgets what an attempt learned, for a transaction that was rolled back and runs again. */
    void reset() {
        Arrays.fill(outcomes, null);
        Arrays.fill(inserted, false);
    }

    boolean resolved(int position) {
        return outcomes[position] != null;
    }

    void found(int position, T entity) {
        outcomes[position] = new Outcome<>(entity, inserted[position]);
    }

    void created(int position, T entity) {
        inserted[position] = true;
        outcomes[position] = new Outcome<>(entity, true);
    }

    /** Marks a row inserted whose stored form a later read brings back. */
    void inserted(int position) {
        inserted[position] = true;
    }

    /**
     * The row to insert for a missing key: the key plus the user's defaults, evaluated once for this key
     * however often the call runs again.
     */
    RowValues row(int position) {
        if (rows[position] == null) {
            RowValues row = RowValues.forKey(table, keySpec(), values[position]);
            if (defaults != null) {
                K k = keys.get(position);
                UserCode.run(values -> defaults.accept(k, values), row);
            }
            rows[position] = row;
        }
        return rows[position];
    }

    /**
     * The positions still unanswered, grouped by the columns their rows set (one INSERT per group), each
     * row checked before anything is sent; evaluates {@code defaults} for those keys.
     */
    Map<ColumnSet, List<Integer>> missingByColumns(List<Integer> positions, ValueChecker checker,
            VerifiedSchema schema) {
        Map<ColumnSet, List<Integer>> byColumns = new java.util.LinkedHashMap<>();
        for (int p : positions) {
            if (!resolved(p)) {
                RowValues row = row(p);
                checker.check(schema, row);
                byColumns.computeIfAbsent(row.columns(), m -> new ArrayList<>()).add(p);
            }
        }
        return byColumns;
    }

    /** Every position's outcome, followers taking their leader's row without {@code created}. */
    List<Outcome<T>> outcomes() {
        List<Outcome<T>> result = new ArrayList<>(outcomes.length);
        for (int i = 0; i < outcomes.length; i++) {
            Outcome<T> own = outcomes[leader[i]];
            result.add(leader[i] == i ? own : new Outcome<>(own.entity(), false));
        }
        return result;
    }

    /** Orders positions by their keys, so that every caller inserts, and so locks, in one order. */
    Comparator<Integer> canonicalOrder() {
        return (a, b) -> compareKeys(values[a], values[b]);
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static int compareKeys(Object[] a, Object[] b) {
        for (int i = 0; i < a.length; i++) {
            int c;
            if (a[i] instanceof byte[] x && b[i] instanceof byte[] y) {
                c = Arrays.compare(x, y);
            } else if (a[i] instanceof Comparable x) {
                c = x.compareTo(b[i]);
            } else {
                c = 0;
            }
            if (c != 0) {
                return c;
            }
        }
        return 0;
    }
}
