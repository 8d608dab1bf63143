package io.getorcreate.internal;

import java.sql.SQLException;
import org.postgresql.util.PSQLException;
import org.postgresql.util.ServerErrorMessage;

/**
 * Reads the constraint name from pgjdbc's server error. Kept apart so that pgjdbc is loaded only
 * when the connection is to PostgreSQL (it is an optional dependency of the runtime).
 */
final class PostgresErrors {
    private PostgresErrors() {}

    static String column(SQLException e) {
        ServerErrorMessage server = server(e);
        return server == null ? null : server.getColumn();
    }

    static String constraint(SQLException e) {
        ServerErrorMessage server = server(e);
        return server == null ? null : server.getConstraint();
    }

    private static ServerErrorMessage server(SQLException e) {
        return e instanceof PSQLException p ? p.getServerErrorMessage() : null;
    }
}
