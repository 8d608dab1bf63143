package io.getorcreate.processor;

import com.palantir.javapoet.TypeName;
import io.getorcreate.internal.ColumnType;

/**
 * One record component as the writer needs it.
 *
 * @param component the component's name
 * @param column the column name as written (the dialect folds its case)
 * @param javaType the component's declared type
 * @param type the column type
 * @param notNull whether the column is NOT NULL
 * @param length {@code @Column(length)}, or {@code ColumnSpec.UNSET}
 * @param precision {@code @Column(precision)}, or {@code ColumnSpec.UNSET}
 * @param scale {@code @Column(scale)}, or {@code ColumnSpec.UNSET}
 */
record ColumnModel(String component, String column, TypeName javaType, ColumnType type, boolean notNull,
        int length, int precision, int scale) {
    boolean primitive() {
        return javaType.isPrimitive();
    }
}
