package io.getorcreate.internal;

import java.util.List;
import java.util.Map;

/**
 * What one dialect's catalog reader found for a table.
 *
 * @param columns by lower-case column name
 * @param uniqueIndexes every unique index on the table, backing or not
 * @param statementInsertTriggers whether statement-level INSERT triggers exist (a zero-row INSERT fires them)
 */
record TableFacts(Map<String, ColumnFacts> columns, List<UniqueIndex> uniqueIndexes, boolean statementInsertTriggers) {
    TableFacts {
        columns = Map.copyOf(columns);
        uniqueIndexes = List.copyOf(uniqueIndexes);
    }
}
