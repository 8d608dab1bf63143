package io.getorcreate.internal;

import java.util.Arrays;

/**
 * The values of one row to insert, and which columns they set. A column left unset is left out of the
 * INSERT, so the database's default applies. Columns fixed by the key being looked up come from the
 * arguments alone: setting one again is an error.
 */
public final class RowValues {
    private final TableSpec<?> table;
    private final Object[] values;
    private final ColumnSet fixed;
    private ColumnSet set;

    private RowValues(TableSpec<?> table, Object[] values, ColumnSet fixed, ColumnSet set) {
        this.table = table;
        this.values = values;
        this.fixed = fixed;
        this.set = set;
    }

    /** A row holding a key's values, to which the user's defaults add. */
    static RowValues forKey(TableSpec<?> table, KeySpec key, Object[] keyValues) {
        Object[] values = new Object[table.columns().size()];
        for (int i = 0; i < keyValues.length; i++) {
            values[key.columns().get(i)] = keyValues[i];
        }
        return new RowValues(table, values, key.set(), key.set());
    }

    /** A row of every component as given, the id excepted where it is unset (null or 0): the database generates it. */
    static RowValues forCreate(TableSpec<?> table, Object[] components) {
        ColumnSet set = table.allColumns();
        int id = table.idIndex();
        if (id >= 0 && isUnsetId(components[id])) {
            set = set.without(id);
        }
        return new RowValues(table, components.clone(), ColumnSet.EMPTY, set);
    }

    private static boolean isUnsetId(Object id) {
        return id == null || (id instanceof Number n && n.longValue() == 0);
    }

    /** Sets a column; called by the generated {@code Defaults} setters. */
    public void set(int column, Object value) {
        if (fixed.contains(column)) {
            String component = table.columns().get(column).component();
            throw new IllegalArgumentException(component + " is part of the key being looked up, so it comes from "
                    + "the arguments alone; set only the other components (in defaults, values or createOnly)");
        }
        values[column] = value;
        set = set.with(column);
    }

    /** The columns set. */
    ColumnSet columns() {
        return set;
    }

    boolean isSet(int column) {
        return set.contains(column);
    }

    Object get(int column) {
        return values[column];
    }

    /** The columns set here but not fixed by the key: what a user's callback set. */
    ColumnSet setByUser() {
        return set.minus(fixed);
    }

    /** A row with this row's values, overridden where {@code over} sets a column. */
    RowValues overriddenBy(RowValues over) {
        Object[] merged = values.clone();
        for (int c = 0; c < merged.length; c++) {
            if (over.isSet(c)) {
                merged[c] = over.get(c);
            }
        }
        return new RowValues(table, merged, fixed.union(over.fixed), set.union(over.set));
    }

    @Override
    public String toString() {
        return "RowValues" + Arrays.toString(values);
    }
}
