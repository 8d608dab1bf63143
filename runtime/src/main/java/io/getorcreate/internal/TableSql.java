package io.getorcreate.internal;

import java.util.List;

/**
 * The statements for one table on one dialect, written by the processor at compile time so that no
 * SQL is built on the hot path. Only an INSERT for a particular set of defaults is built at run
 * time, once per set, and cached.
 *
 * @param findById the row by id, or null for a table without {@code @Id}
 * @param insert an insert of every column but the id, returning the stored row where the dialect can
 * @param insertWithId an insert of every column including the id, or null for a table without {@code @Id}
 * @param createTable {@code CREATE TABLE IF NOT EXISTS} with the named unique constraints
 * @param keys one entry per key, in the order of the table's keys
 */
public record TableSql(String findById, String insert, String insertWithId, String createTable, List<KeySql> keys) {
    public TableSql {
        keys = List.copyOf(keys);
    }

    /** The form generated code uses: an array needs no generic inference at compile time. */
    public TableSql(String findById, String insert, String insertWithId, String createTable, KeySql... keys) {
        this(findById, insert, insertWithId, createTable, List.of(keys));
    }
}
