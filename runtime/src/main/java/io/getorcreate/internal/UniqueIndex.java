package io.getorcreate.internal;

import java.util.Set;

/**
 * A unique index (or the index behind a unique or primary-key constraint) as the catalog describes it.
 *
 * @param name the index's name
 * @param constraint the constraint it enforces, or null for a plain unique index
 * @param columns its key columns, lower case (INCLUDE columns left out)
 * @param refusal null where it enforces uniqueness with the lookup's own equality, immediately;
 *     otherwise why it does not (partial, on an expression, a prefix, another collation, deferrable...)
 * @param inTheWay whether it must be dropped before a backing constraint can serve (PostgreSQL's
 *     {@code ON CONFLICT} refuses a column list that a DEFERRABLE constraint also covers)
 */
record UniqueIndex(String name, String constraint, Set<String> columns, String refusal, boolean inTheWay) {
    UniqueIndex {
        columns = Set.copyOf(columns);
    }
}
