package io.getorcreate.processor;

import java.util.List;

/**
 * One lookup key.
 *
 * @param name the {@code @Lookup} name
 * @param columns indexes into the entity's columns, in declaration order
 */
record KeyModel(String name, List<Integer> columns) {
    KeyModel {
        columns = List.copyOf(columns);
    }
}
