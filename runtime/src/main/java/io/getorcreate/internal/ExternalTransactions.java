package io.getorcreate.internal;

import java.sql.Connection;
import org.springframework.jdbc.datasource.ConnectionHolder;
import org.springframework.jdbc.datasource.DataSourceUtils;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Tells whether a connection that a DAO opened itself, with autoCommit off, belongs to a transaction
 * that someone else manages, so that the DAO joins it instead of committing or rolling it back
 * (promise 13).
 *
 * <p>Spring: a {@code Jdbi} built on {@code jdbi3-spring}'s {@code SpringConnectionFactory} or on a
 * {@code TransactionAwareDataSourceProxy} hands out the connection that Spring's transaction manager
 * bound to the thread (a {@code ConnectionHolder}, found under its {@code DataSource}), or a proxy of it.
 * The connection joins when an actual Spring transaction is active and one of the thread's holders
 * holds this very connection: what {@code DataSourceUtils.isConnectionTransactional} calls
 * transactional, without knowing the {@code DataSource}. Outside a Spring transaction (no
 * transaction, or a {@code SUPPORTS} scope that began none) the DAO's work is its own and is committed
 * as before. Spring's JTA transaction manager binds such a holder too; JTA without Spring is not seen.
 *
 * <p>Spring is an optional dependency of the runtime: its classes are looked for once, and the code
 * that names them lives in a nested class that is loaded only when they are there. Without Spring a
 * call costs one read of a constant; with Spring and no transaction, one thread-local read.
 */
final class ExternalTransactions {
    private static final boolean SPRING =
            present("org.springframework.transaction.support.TransactionSynchronizationManager")
                    && present("org.springframework.jdbc.datasource.ConnectionHolder");

    private ExternalTransactions() {}

    /** True when the connection is in a transaction that someone other than the DAO began and will end. */
    static boolean joins(Connection connection) {
        if (!SPRING) {
            return false;
        }
        try {
            return Spring.joins(connection);
        } catch (LinkageError incompatibleSpring) {
            return false; // a Spring without these classes' usual members: as before, the DAO owns its work
        }
    }

    private static boolean present(String className) {
        try {
            Class.forName(className, false, ExternalTransactions.class.getClassLoader());
            return true;
        } catch (ClassNotFoundException | LinkageError absent) {
            return false;
        }
    }

    private static final class Spring {
        private Spring() {}

        static boolean joins(Connection connection) {
            if (!TransactionSynchronizationManager.isActualTransactionActive()) {
                return false;
            }
            // A TransactionAwareDataSourceProxy's connection is a ConnectionProxy over the bound one.
            Connection target = DataSourceUtils.getTargetConnection(connection);
            for (Object resource : TransactionSynchronizationManager.getResourceMap().values()) {
                if (resource instanceof ConnectionHolder holder && holder.getConnectionHandle() != null
                        && holds(holder.getConnection(), connection, target)) {
                    return true;
                }
            }
            return false;
        }

        // As DataSourceUtils compares a held connection with a passed one: identity first, since some
        // pools' connection handles do not implement equals.
        private static boolean holds(Connection held, Connection connection, Connection target) {
            return held == connection || held == target || held.equals(target)
                    || DataSourceUtils.getTargetConnection(held).equals(target);
        }
    }
}
