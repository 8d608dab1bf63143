package io.getorcreate.internal;

import java.util.Arrays;

/**
 * The values of one row to insert, with the set of columns given. A column left unset is left out of
 * the INSERT, so the database's default applies. The columns of the key being looked up come from
 * the arguments alone: setting one again is an error.
 */
public final class RowValues {
    private final TableSpec<?> table;
    private final Object[] values;
    private final long keyMask;
    private long mask;

    RowValues(TableSpec<?> table, long keyMask, Object[] keyValues, java.util.List<Integer> keyColumns) {
        this.table = table;
        this.values = new Object[table.columns().size()];
        this.keyMask = keyMask;
        for (int i = 0; i < keyValues.length; i++) {
            values[keyColumns.get(i)] = keyValues[i];
        }
        this.mask = keyMask;
    }

    /** Sets a column; called by the generated {@code Defaults} setters. */
    public void set(int column, Object value) {
        long bit = 1L << column;
        if ((keyMask & bit) != 0) {
            String component = table.columns().get(column).component();
            throw new IllegalArgumentException(component + " is part of the key being looked up, so it comes from "
                    + "the arguments alone; set only the other components in defaults");
        }
        values[column] = value;
        mask |= bit;
    }

    long mask() {
        return mask;
    }

    Object get(int column) {
        return values[column];
    }

    @Override
    public String toString() {
        return "RowValues" + Arrays.toString(values);
    }
}
