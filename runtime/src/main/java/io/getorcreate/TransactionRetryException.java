package io.getorcreate;

import java.sql.SQLException;

/**
 * The database cannot keep the get-or-create promise inside the caller's transaction, which must be
 * rolled back and retried as a whole. Examples: a REPEATABLE READ or SERIALIZABLE transaction on
 * PostgreSQL whose snapshot cannot see a row that a concurrent caller committed; a deadlock or a
 * serialization failure that the database resolved by failing this transaction. (A connection lost in
 * the middle of the caller's transaction is a plain {@link GetOrCreateException} that says the
 * transaction is gone.)
 *
 * <p>Thrown only where the caller owns the transaction ({@code on(handle)}, the thread's JDBI
 * transaction, a Spring-managed one). Where the DAO owns the transaction it retries by itself and
 * never throws this.
 */
public final class TransactionRetryException extends GetOrCreateException {
    private static final long serialVersionUID = 1L;

    /**
     * The caller's transaction must be retried.
     *
     * @param table the table the DAO was working on
     * @param cause the driver's exception that said so
     */
    public TransactionRetryException(String table, SQLException cause) {
        super("The caller's transaction must be rolled back and retried: the database could not serve "
                + "get-or-create on table " + table + " inside it (SQLState " + cause.getSQLState() + "): "
                + cause.getMessage(), cause);
    }

    /**
     * The driver's exception.
     *
     * @return the {@link SQLException} that made the transaction unusable
     */
    @Override
    public synchronized SQLException getCause() {
        return (SQLException) super.getCause();
    }
}
