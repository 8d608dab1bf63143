package io.getorcreate.processor;

import java.util.ArrayList;
import java.util.List;

/**
 * One lookup key.
 *
 * @param name the {@code @Lookup} name, empty for a bare {@code @Lookup} (a key of that one component)
 * @param columns indexes into the entity's columns, in declaration order
 */
record KeyModel(String name, List<Integer> columns) {
    KeyModel {
        columns = List.copyOf(columns);
    }

    /** Gathers the components of one key as the parser meets them. */
    static final class Builder {
        private final String name;
        private final List<Integer> columns = new ArrayList<>();

        Builder(String name) {
            this.name = name;
        }

        void add(int column) {
            columns.add(column);
        }

        KeyModel build() {
            return new KeyModel(name, columns);
        }
    }
}
