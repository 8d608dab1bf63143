package io.getorcreate.internal;

import java.util.List;
import java.util.Set;

/**
 * What a passed schema check learned about one database: its dialect; per key, the names of the
 * unique indexes and constraints (lower case) that back it, so that a unique violation can be told
 * apart from one on another constraint; and per column, the declared length of a bounded character or
 * binary column (0 where unbounded), so that a value too long is named before it is sent.
 */
record Bound(Dialect dialect, List<Set<String>> keyConstraints, int[] maxLengths) {
    Bound {
        keyConstraints = List.copyOf(keyConstraints);
        maxLengths = maxLengths.clone();
    }
}
