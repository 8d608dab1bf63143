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
 */
record ColumnModel(String component, String column, TypeName javaType, ColumnType type, boolean notNull) {
    boolean primitive() {
        return javaType.isPrimitive();
    }
}
