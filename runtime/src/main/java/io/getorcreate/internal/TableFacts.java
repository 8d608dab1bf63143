package io.getorcreate.internal;

import java.util.List;
import java.util.Map;

/**
 * What one dialect's catalog reader found for a table.
 *
 * @param columns by lower-case column name
 * @param uniqueIndexes every unique index on the table, backing or not
 * @param statementInsertTriggers whether statement-level INSERT triggers exist (a zero-row INSERT fires them)
 * @param noOpUpdateTriggers whether an update that changes no row could still fire a trigger: PostgreSQL's
 *     statement-level UPDATE triggers (a zero-row UPDATE fires them), MariaDB's and MySQL's row-level
 *     INSERT and UPDATE triggers (INSERT ... ON DUPLICATE KEY UPDATE fires BEFORE INSERT and the UPDATE
 *     triggers for a row it leaves as it was)
 */
record TableFacts(Map<String, ColumnFacts> columns, List<UniqueIndex> uniqueIndexes, boolean statementInsertTriggers,
        boolean noOpUpdateTriggers) {
    TableFacts {
        columns = Map.copyOf(columns);
        uniqueIndexes = List.copyOf(uniqueIndexes);
    }
}
