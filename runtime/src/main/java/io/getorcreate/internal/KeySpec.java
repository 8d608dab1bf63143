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

    public static KeySpec of(String name, Integer... columns) {
        return new KeySpec(name, List.of(columns));
    }

    /** The key's columns as a bit set over the table's column indexes. */
    public long mask() {
        long mask = 0;
        for (int c : columns) {
            mask |= 1L << c;
        }
        return mask;
    }
}
