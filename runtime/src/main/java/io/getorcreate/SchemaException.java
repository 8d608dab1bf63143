package io.getorcreate;

import java.util.List;

/**
 * The database's schema cannot serve a DAO. Thrown by a DAO's first call on a database (and by each
 * later call until the schema is fixed: a failed check is not remembered as passed) when:
 *
 * <ul>
 *   <li>the table, or one of the record's columns, does not exist;</li>
 *   <li>a lookup key is not backed by a unique constraint or unique index on exactly its columns
 *       (in any order), which would let concurrent callers create duplicates;</li>
 *   <li>the only index on the key's columns does not enforce uniqueness with the equality the lookup
 *       uses, immediately: a partial, expression or prefix index, one with another collation than
 *       the column's, or a {@code DEFERRABLE} constraint.</li>
 * </ul>
 *
 * <p>The message names the table, the columns and why; {@link #fix()} is DDL that would fix it.
 */
public final class SchemaException extends GetOrCreateException {
    private static final long serialVersionUID = 1L;

    /** The table. */
    private final String table;
    /** The columns the problem is about. */
    private final List<String> columns;
    /** DDL that would fix the problem, or null. */
    private final String fix;

    /**
     * A schema problem.
     *
     * @param message what is wrong
     * @param table the table
     * @param columns the columns the problem is about
     * @param fix DDL that would fix the problem, or null if there is none to suggest
     */
    public SchemaException(String message, String table, List<String> columns, String fix) {
        super(message + (fix == null ? "" : " Fix: " + fix));
        this.table = table;
        this.columns = List.copyOf(columns);
        this.fix = fix;
    }

    /**
     * The table the problem is about.
     *
     * @return the table name as the DAO spells it
     */
    public String table() {
        return table;
    }

    /**
     * The columns the problem is about: a key's columns, or the missing ones.
     *
     * @return an unmodifiable list of column names
     */
    public List<String> columns() {
        return columns;
    }

    /**
     * DDL that would fix the schema, such as the {@code ALTER TABLE ... ADD CONSTRAINT ... UNIQUE}
     * statement a key needs.
     *
     * @return the DDL, or null if there is none to suggest
     */
    public String fix() {
        return fix;
    }
}
