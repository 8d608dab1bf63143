package io.getorcreate.internal;

import java.sql.Connection;
import java.sql.SQLException;

/**
 * Reads a table's columns, unique indexes and triggers from one dialect's catalog, finding the table
 * the way the connection's unqualified SQL would.
 */
interface Catalog {
    /** The table's facts, or null where unqualified SQL on this connection would not find it. */
    TableFacts read(Connection connection, String table) throws SQLException;

    /** Where unqualified SQL looks for tables on this connection, for the message about a missing table. */
    String searchedIn(Connection connection) throws SQLException;

    static Catalog of(Dialect dialect) {
        return switch (dialect) {
            case H2 -> new H2Catalog();
            case POSTGRES -> new PostgresCatalog();
            case MARIADB, MYSQL -> new MariaDbCatalog();
        };
    }
}
