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
 */
public record ColumnSpec(String component, String name, ColumnType type, boolean notNull, boolean primitive) {
    public ColumnSpec {
        Objects.requireNonNull(component, "component");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(type, "type");
    }
}
