package io.getorcreate.internal;

import java.util.List;
import java.util.Objects;

/**
 * One lookup key: the columns (indexes into the table's column list, in declaration order) that a
 * unique constraint must back.
 *
 * @param name the {@code @Lookup} name ("" for the default key)
 * @param columns the key's column indexes
 */
public record KeySpec(String name, List<Integer> columns) {
    public KeySpec {
        Objects.requireNonNull(name, "name");
        columns = List.copyOf(columns);
        if (columns.isEmpty()) {
            throw new IllegalArgumentException("a key needs at least one column");
        }
    }

    public static KeySpec of(String name, int... columns) {
        Integer[] boxed = new Integer[columns.length];
        for (int i = 0; i < columns.length; i++) {
            boxed[i] = columns[i];
        }
        return new KeySpec(name, List.of(boxed));
    }

    /** The key's columns as a set. */
    ColumnSet set() {
        return ColumnSet.of(columns);
    }
}
