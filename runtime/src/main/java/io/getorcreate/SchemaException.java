package io.getorcreate;

import java.util.List;

/**
 * The database's schema cannot serve a DAO: a missing table or column, or a lookup key that no
 * unique constraint or index backs (which would let concurrent callers create duplicates). The
 * message names the table, the columns and the DDL that would fix it.
 */
public final class SchemaException extends GetOrCreateException {
    private static final long serialVersionUID = 1L;

    private final String table;
    private final List<String> columns;
    private final String fix;

    public SchemaException(String message, String table, List<String> columns, String fix) {
        super(message + (fix == null ? "" : " Fix: " + fix));
        this.table = table;
        this.columns = List.copyOf(columns);
        this.fix = fix;
    }

    public String table() {
        return table;
    }

    /** The columns the problem is about (a key's columns, or the missing ones). */
    public List<String> columns() {
        return columns;
    }

    /** DDL that would fix the schema. */
    public String fix() {
        return fix;
    }
}
