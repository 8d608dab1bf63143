package io.getorcreate;

import java.sql.SQLException;
import java.util.Objects;
import java.util.Optional;

/**
 * A row broke a constraint other than the one that backs the key being looked up: a NOT NULL,
 * CHECK or foreign-key constraint, or a unique constraint on other columns. Only a unique violation
 * on the key's own constraint means "another caller created it first"; this exception is never
 * mistaken for that. {@code create} throws it for any constraint.
 *
 * <p>Inside a caller's transaction the transaction is still usable after this exception: the DAO
 * undid only its own failed statement.
 */
public final class IntegrityViolationException extends GetOrCreateException {
    private static final long serialVersionUID = 1L;

    /** The kind of constraint that was violated. */
    public enum Kind {
        /** A unique constraint or unique index other than the key's own. */
        UNIQUE,
        /** A NOT NULL column was given no value, or NULL. */
        NOT_NULL,
        /** A foreign key refers to a row that does not exist (or a referenced row is in use). */
        FOREIGN_KEY,
        /** A CHECK constraint. */
        CHECK,
        /** An integrity violation the driver reports without saying which kind. */
        OTHER
    }

    /** The kind of constraint. */
    private final Kind kind;
    /** The table the DAO wrote to. */
    private final String table;
    /** The constraint's name, or null where the driver does not tell it. */
    private final String constraint;

    /**
     * An integrity violation reported by the database.
     *
     * @param kind the kind of constraint, never null
     * @param table the table the DAO wrote to, never null
     * @param constraint the violated constraint's name, or null where the driver does not tell it
     * @param cause the driver's exception
     */
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

    /**
     * The kind of constraint that was violated.
     *
     * @return the kind, never null
     */
    public Kind kind() {
        return kind;
    }

    /**
     * The table the DAO wrote to.
     *
     * @return the table name as the DAO spells it
     */
    public String table() {
        return table;
    }

    /**
     * The violated constraint's name, where the driver tells it.
     *
     * @return the constraint's name, or empty
     */
    public Optional<String> constraint() {
        return Optional.ofNullable(constraint);
    }

    /**
     * The driver's exception.
     *
     * @return the {@link SQLException} that reported the violation
     */
    @Override
    public synchronized SQLException getCause() {
        return (SQLException) super.getCause();
    }
}
