package io.getorcreate.internal;

import java.util.List;
import java.util.Set;

/**
 * What a passed schema check learned about one database: its dialect and, per key, the names of the
 * unique indexes and constraints (lower case) that back it, so that a unique violation can be told
 * apart from one on another constraint.
 */
record Bound(Dialect dialect, List<Set<String>> keyConstraints) {
    Bound {
        keyConstraints = List.copyOf(keyConstraints);
    }
}
