package io.getorcreate.internal;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * What a passed schema check learned about one database, kept for the DAO's later calls.
 *
 * @param dialect the database's dialect
 * @param keyConstraints per key, the lower-case names of the unique indexes and constraints that back
 *     it, so that a unique violation on the key can be told apart from one on another constraint
 * @param columns per column of the table, in the table's order, what its catalog says (promise 9's
 *     exactness check reads them)
 * @param constraintsByIndex lower-case index name to the constraint it enforces, where the database
 *     names the index rather than the constraint in its errors (H2)
 * @param statementInsertTriggers whether a zero-row INSERT would fire a trigger, so that a hit must not
 *     run one
 * @param noOpUpdateTriggers whether an update path that changes nothing could fire a trigger (see
 *     {@link TableFacts}), so that update-or-create must not take it where nothing changes
 * @param otherUniqueIndexes per key, whether the table has a unique index besides the key's and the id's,
 *     which values written to several rows in one statement could break where one row at a time would not
 * @param serverReadOnly set once the server refused a write as read-only (a standby, or
 *     {@code default_transaction_read_only}): from then on a hit is looked for before anything is written
 * @param statements the statements that depend on what the check learned (the bulk calls' casts and
 *     collations, and their number of rows), written once and kept here
 */
record VerifiedSchema(Dialect dialect, List<Set<String>> keyConstraints, List<ColumnFacts> columns,
        Map<String, String> constraintsByIndex, boolean statementInsertTriggers, boolean noOpUpdateTriggers,
        List<Boolean> otherUniqueIndexes, Map<List<Object>, String> statements,
        java.util.concurrent.atomic.AtomicBoolean serverReadOnly) {
    /** Statements kept at most; past it a rare shape (a short last chunk) is written each time. */
    private static final int MAX_STATEMENTS = 256;

    VerifiedSchema {
        keyConstraints = List.copyOf(keyConstraints);
        columns = java.util.Collections.unmodifiableList(new java.util.ArrayList<>(columns));
        constraintsByIndex = Map.copyOf(constraintsByIndex);
    }

    VerifiedSchema(Dialect dialect, List<Set<String>> keyConstraints, List<ColumnFacts> columns,
            Map<String, String> constraintsByIndex, boolean statementInsertTriggers, boolean noOpUpdateTriggers,
            List<Boolean> otherUniqueIndexes) {
        this(dialect, keyConstraints, columns, constraintsByIndex, statementInsertTriggers, noOpUpdateTriggers,
                List.copyOf(otherUniqueIndexes),
                new java.util.concurrent.ConcurrentHashMap<>(), new java.util.concurrent.atomic.AtomicBoolean());
    }

    /** The statement for {@code shape}, written by {@code writer} the first time. */
    String statement(List<Object> shape, java.util.function.Supplier<String> writer) {
        String sql = statements.get(shape);
        if (sql == null) {
            sql = writer.get();
            if (statements.size() < MAX_STATEMENTS) {
                statements.put(shape, sql);
            }
        }
        return sql;
    }

    /** Whether a unique violation named {@code constraint} is on the key's own constraint. */
    boolean backsKey(int key, String constraint) {
        return constraint != null && keyConstraints.get(key).contains(constraint.toLowerCase(Locale.ROOT));
    }

    /** The constraint's name as the user declared it, for a name the driver reported (an index's, on H2). */
    String constraintName(String reported) {
        return reported == null ? null : constraintsByIndex.getOrDefault(reported.toLowerCase(Locale.ROOT), reported);
    }

    /**
     * The violated constraint's name: where the driver named an index (H2), the index as this schema knows
     * it (the constraint behind it, or a plain unique index by its own name) before any guess from its name.
     */
    String constraintName(SqlErrors.Violation violation) {
        if (violation.index() != null) {
            String index = violation.index().toLowerCase(Locale.ROOT);
            if (constraintsByIndex.containsKey(index)) {
                return constraintsByIndex.get(index);
            }
            for (Set<String> names : keyConstraints) {
                if (names.contains(index)) {
                    return violation.index();
                }
            }
        }
        return constraintName(violation.constraint());
    }
}
