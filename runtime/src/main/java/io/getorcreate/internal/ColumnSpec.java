package io.getorcreate.internal;

import java.util.Objects;

/**
 * One record component as a column.
 *
 * @param component the record component's name (used in messages)
 * @param name the column name as written, before the dialect folds its case
 * @param type how it binds and which DDL type it gets
 * @param notNull whether {@code createTable} declares it NOT NULL
 * @param primitive whether the component is a Java primitive, whose column {@code createTable} gives
 *     the Java default (0 or FALSE) as its database default, so that a row created from its key alone
 *     reads back as Java would have it
 * @param length {@code @Column(length)} for a string or byte array column, or {@link #UNSET}
 * @param precision {@code @Column(precision)} for a decimal column, or {@link #UNSET}
 * @param scale {@code @Column(scale)} for a decimal column, or {@link #UNSET} (0 when a precision is set)
 */
public record ColumnSpec(String component, String name, ColumnType type, boolean notNull, boolean primitive,
        int length, int precision, int scale) {
    /** An {@code @Column} size attribute the user left out. */
    public static final int UNSET = -1;

    public ColumnSpec {
        Objects.requireNonNull(component, "component");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(type, "type");
    }

    /** A column without {@code @Column} sizes: {@code createTable} picks the type. */
    public ColumnSpec(String component, String name, ColumnType type, boolean notNull, boolean primitive) {
        this(component, name, type, notNull, primitive, UNSET, UNSET, UNSET);
    }

    /** Whether {@code @Column} gave a length, precision or scale. */
    public boolean sized() {
        return length != UNSET || precision != UNSET || scale != UNSET;
    }
}
