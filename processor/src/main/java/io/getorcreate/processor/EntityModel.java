package io.getorcreate.processor;

import com.palantir.javapoet.ClassName;
import java.util.List;

/**
 * Everything the writer needs about one {@code @Entity} record; no {@code Element}s.
 *
 * @param record the record's type
 * @param dao the generated DAO's type
 * @param table the table name as written
 * @param columns one per component, in declaration order
 * @param idIndex the {@code @Id} column, or -1
 * @param keys the lookup keys, in order of first appearance
 */
record EntityModel(ClassName record, ClassName dao, String table, List<ColumnModel> columns, int idIndex,
        List<KeyModel> keys) {
    EntityModel {
        columns = List.copyOf(columns);
        keys = List.copyOf(keys);
    }
}
