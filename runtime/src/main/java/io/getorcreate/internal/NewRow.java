package io.getorcreate.internal;

import java.util.function.Consumer;

/**
 * The row a get-or-create inserts if it finds none: the key's values plus the user's defaults, which
 * are evaluated on first need and at most once per call, however often the call is retried.
 */
final class NewRow {
    private final TableSpec<?> table;
    private final KeySpec key;
    private final Object[] keyValues;
    private final Consumer<RowValues> defaults;
    private RowValues row;

    NewRow(TableSpec<?> table, KeySpec key, Object[] keyValues, Consumer<RowValues> defaults) {
        this.table = table;
        this.key = key;
        this.keyValues = keyValues;
        this.defaults = defaults;
    }

    /** Whether finding the row first is needed before the defaults may be evaluated. */
    boolean hasPendingDefaults() {
        return defaults != null && row == null;
    }

    /** Whether a previous attempt of this call already got as far as inserting. */
    boolean built() {
        return row != null;
    }

    RowValues values() {
        if (row == null) {
            RowValues values = RowValues.forKey(table, key, keyValues);
            if (defaults != null) {
                UserCode.run(defaults, values);
            }
            row = values;
        }
        return row;
    }
}
