package io.getorcreate;

import java.util.Optional;

/**
 * A value the column cannot hold: a string or byte array longer than the column, a number out of its
 * range, NaN or an infinity where the database has none. Thrown before any SQL is sent where the
 * runtime can tell (it knows each column's declared length from the schema check), otherwise from the
 * database's data exception (SQLState class 22), which is then the cause.
 */
public final class InvalidValueException extends GetOrCreateException {
    private static final long serialVersionUID = 1L;

    private final String table;
    private final String column;

    public InvalidValueException(String table, String column, String problem, Throwable cause) {
        super("Invalid value for table " + table + (column == null ? "" : ", column " + column) + ": " + problem, cause);
        this.table = table;
        this.column = column;
    }

    public String table() {
        return table;
    }

    /** The column, where the runtime or the driver can tell. */
    public Optional<String> column() {
        return Optional.ofNullable(column);
    }
}
