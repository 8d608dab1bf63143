package io.getorcreate.processor;

import com.palantir.javapoet.TypeName;
import io.getorcreate.internal.ColumnSpec;

/**
 * One record component: the column as the runtime describes it, and the Java type the writer
 * declares parameters and setters with.
 *
 * @param spec the column, exactly as the generated DAO hands it to the runtime
 * @param javaType the component's declared type
 */
record ColumnModel(ColumnSpec spec, TypeName javaType) {
    String component() {
        return spec.component();
    }

    boolean primitive() {
        return javaType.isPrimitive();
    }
}
