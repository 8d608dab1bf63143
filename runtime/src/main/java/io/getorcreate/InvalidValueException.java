package io.getorcreate;

import java.util.Optional;

/**
 * A value its column cannot hold as given: a string or byte array longer than the column, a number
 * out of its range, NaN or an infinity where the database has none, characters the column cannot
 * store. For a key component this matters most: a value the column would store differently would be
 * created and then never found again, so the DAO checks key values against the column's real type
 * (read by the schema check) and throws this before any statement is sent.
 *
 * <p>Where only the database can tell (its data exception, SQLState class 22), that exception is the
 * cause.
 */
public final class InvalidValueException extends GetOrCreateException {
    private static final long serialVersionUID = 1L;

    /** The table. */
    private final String table;
    /** The column, or null where it is not known. */
    private final String column;

    /**
     * A value that a column cannot hold.
     *
     * @param table the table
     * @param column the column, or null where neither the runtime nor the driver can tell
     * @param problem what is wrong with the value and what to do about it
     * @param cause the database's exception, or null where the DAO found the problem before sending
     */
    public InvalidValueException(String table, String column, String problem, Throwable cause) {
        super("Invalid value for table " + table + (column == null ? "" : ", column " + column) + ": " + problem, cause);
        this.table = table;
        this.column = column;
    }

    /**
     * The table the value was meant for.
     *
     * @return the table name as the DAO spells it
     */
    public String table() {
        return table;
    }

    /**
     * The column the value was meant for: present whenever the column is known, always for a key
     * component.
     *
     * @return the column name, or empty
     */
    public Optional<String> column() {
        return Optional.ofNullable(column);
    }
}
