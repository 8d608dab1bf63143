package io.getorcreate;

import java.sql.SQLException;
import java.util.Objects;
import java.util.Optional;

/**
 * A row broke a constraint other than the one that backs the key being looked up (or, from
 * {@code create}, any constraint). It is never mistaken for "found".
 */
public final class IntegrityViolationException extends GetOrCreateException {
    private static final long serialVersionUID = 1L;

    /** Which kind of constraint was violated. */
    public enum Kind {
        UNIQUE,
        NOT_NULL,
        FOREIGN_KEY,
        CHECK,
        OTHER
    }

    private final Kind kind;
    private final String table;
    private final String constraint;

    public IntegrityViolationException(Kind kind, String table, String constraint, SQLException cause) {
        super(message(kind, table, constraint, cause), cause);
        this.kind = Objects.requireNonNull(kind, "kind");
        this.table = Objects.requireNonNull(table, "table");
        this.constraint = constraint;
    }

    private static String message(Kind kind, String table, String constraint, SQLException cause) {
        return kind + " violation on table " + table
                + (constraint == null ? "" : ", constraint " + constraint)
                + ": " + (cause == null ? "" : cause.getMessage());
    }

    public Kind kind() {
        return kind;
    }

    public String table() {
        return table;
    }

    /** The violated constraint's name, where the driver tells it. */
    public Optional<String> constraint() {
        return Optional.ofNullable(constraint);
    }

    @Override
    public synchronized SQLException getCause() {
        return (SQLException) super.getCause();
    }
}
