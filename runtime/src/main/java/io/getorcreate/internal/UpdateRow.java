package io.getorcreate.internal;

import java.util.function.Consumer;

/**
 * What one update-or-create writes: the user's {@code values}, evaluated once per call however often the
 * call is retried, and the row it inserts if none exists, from the key, the {@code values} and
 * {@code createOnly} (which wins where both set a column, and is evaluated only when a row is to be
 * created, at most once).
 */
final class UpdateRow {
    private final TableSpec<?> table;
    private final KeySpec key;
    private final Object[] keyValues;
    private final Consumer<RowValues> values;
    private final Consumer<RowValues> createOnly;
    private RowValues set;
    private RowValues inserted;
    private boolean pastSnapshot;

    UpdateRow(TableSpec<?> table, KeySpec key, Object[] keyValues, Consumer<RowValues> values,
            Consumer<RowValues> createOnly) {
        this.table = table;
        this.key = key;
        this.keyValues = keyValues;
        this.values = values;
        this.createOnly = createOnly;
    }

    TableSpec<?> table() {
        return table;
    }

    /** The key's values plus what {@code values} set. */
    RowValues values() {
        if (set == null) {
            RowValues row = RowValues.forKey(table, key, keyValues);
            UserCode.run(values, row);
            set = row;
        }
        return set;
    }

    /** The columns {@code values} set, the key's excepted, as a bit set. */
    ColumnSet setColumns() {
        return values().setByUser();
    }

    /**
     * Whether the call's next attempt must read the latest committed row (a locking read) rather than
     * trust a plain read, which may show the transaction's older snapshot.
     */
    boolean pastSnapshot() {
        return pastSnapshot;
    }

    void readPastSnapshot() {
        pastSnapshot = true;
    }

    /** Whether inserting needs {@code createOnly}, not evaluated yet. */
    boolean hasPendingCreateOnly() {
        return createOnly != null && inserted == null;
    }

    /** The row to insert: key, values, and createOnly over them. */
    RowValues inserted() {
        if (inserted == null) {
            RowValues row = values();
            if (createOnly != null) {
                RowValues extra = RowValues.forKey(table, key, keyValues);
                UserCode.run(createOnly, extra);
                row = row.overriddenBy(extra);
            }
            inserted = row;
        }
        return inserted;
    }
}
