package io.getorcreate;

import java.sql.SQLException;

/**
 * The database cannot keep the get-or-create promise inside the caller's transaction (for example a
 * REPEATABLE READ or SERIALIZABLE transaction on PostgreSQL whose snapshot cannot see a row that a
 * concurrent caller committed, or a deadlock that rolled the transaction back). The caller's
 * transaction must be rolled back and retried. Where the DAO owns the transaction it retries by
 * itself and this is never thrown.
 */
public final class TransactionRetryException extends GetOrCreateException {
    private static final long serialVersionUID = 1L;

    public TransactionRetryException(String table, SQLException cause) {
        super("The caller's transaction must be rolled back and retried: the database could not serve "
                + "get-or-create on table " + table + " inside it (SQLState " + cause.getSQLState() + "): "
                + cause.getMessage(), cause);
    }

    @Override
    public synchronized SQLException getCause() {
        return (SQLException) super.getCause();
    }
}
