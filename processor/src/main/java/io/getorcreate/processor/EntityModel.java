package io.getorcreate.processor;

import com.palantir.javapoet.ClassName;
import io.getorcreate.internal.ColumnSpec;
import io.getorcreate.internal.KeySpec;
import java.util.List;
import java.util.Optional;

/**
 * Everything the writer needs about one {@code @Entity} record; no {@code Element}s. Columns and keys
 * are the runtime's own descriptions, which the writer embeds as they are.
 *
 * @param record the record's type
 * @param dao the generated DAO's type
 * @param table the table name as written
 * @param columns one per component, in declaration order
 * @param idIndex the {@code @Id} column, or {@link #NO_ID} (the runtime's {@code TableSpec} takes it so)
 * @param keys the lookup keys, in order of first appearance
 */
record EntityModel(ClassName record, ClassName dao, String table, List<ColumnModel> columns, int idIndex,
        List<KeySpec> keys) {
    static final int NO_ID = -1;

    EntityModel {
        columns = List.copyOf(columns);
        keys = List.copyOf(keys);
    }

    Optional<ColumnModel> id() {
        return idIndex == NO_ID ? Optional.empty() : Optional.of(columns.get(idIndex));
    }

    List<ColumnSpec> columnSpecs() {
        return columns.stream().map(ColumnModel::spec).toList();
    }
}
