package io.getorcreate.internal;

import java.sql.DatabaseMetaData;
import java.sql.SQLException;
import java.util.Locale;

/**
 * The databases the runtime speaks to. The ordinal indexes the per-dialect SQL that the processor
 * writes into each generated DAO, so the order is part of the generated code's contract with the
 * runtime: append, never reorder.
 */
public enum Dialect {
    /**
     * H2 2.x: no RETURNING; an INSERT asks for every column as a generated key instead (not {@code FINAL
     * TABLE}, which keeps the inserted row when the statement fails on a foreign key).
     */
    H2,
    /** PostgreSQL 12+: one CTE selects the row or inserts it with ON CONFLICT DO NOTHING. */
    POSTGRES,
    /** MariaDB 10.5+: INSERT ... RETURNING; locking reads after a duplicate key inside a transaction. */
    MARIADB,
    /** MySQL 8 (and MariaDB older than 10.5): no RETURNING, so the stored row is read back by id. */
    MYSQL;

    /** Detects the dialect from a connection's metadata; no round trip on the supported drivers. */
    public static Dialect detect(DatabaseMetaData md) throws SQLException {
        String product = md.getDatabaseProductName();
        String version = md.getDatabaseProductVersion();
        String p = product == null ? "" : product.toLowerCase(Locale.ROOT);
        String v = version == null ? "" : version.toLowerCase(Locale.ROOT);
        if (p.contains("h2")) {
            return H2;
        }
        if (p.contains("postgres")) {
            return POSTGRES;
        }
        if (p.contains("mariadb") || v.contains("mariadb")) {
            return mariaDbHasReturning(v) ? MARIADB : MYSQL;
        }
        if (p.contains("mysql")) {
            return MYSQL;
        }
        throw new IllegalStateException("getorcreate supports H2, PostgreSQL and MariaDB/MySQL; this connection is to "
                + product + " " + version);
    }

    // MariaDB reports "10.11.19-MariaDB" (or "5.5.5-10.11.19-MariaDB" through MySQL's driver).
    private static boolean mariaDbHasReturning(String version) {
        String v = version.startsWith("5.5.5-") ? version.substring(6) : version;
        String[] parts = v.split("[.-]");
        try {
            int major = Integer.parseInt(parts[0]);
            int minor = parts.length > 1 ? Integer.parseInt(parts[1]) : 0;
            return major > 10 || (major == 10 && minor >= 5);
        } catch (NumberFormatException e) {
            return false;
        }
    }

    /** How the database stores an unquoted identifier, so that quoting it keeps its meaning. */
    public String fold(String identifier) {
        return switch (this) {
            case H2 -> identifier.toUpperCase(Locale.ROOT);
            case POSTGRES -> identifier.toLowerCase(Locale.ROOT);
            case MARIADB, MYSQL -> identifier;
        };
    }

    /**
     * Quotes an identifier as the database would have stored it unquoted: users' schemas written
     * without quotes still match, and reserved words such as {@code order} work as column names.
     */
    public String quote(String identifier) {
        String folded = fold(identifier);
        return switch (this) {
            case H2, POSTGRES -> '"' + folded + '"';
            case MARIADB, MYSQL -> '`' + folded + '`';
        };
    }

    /** How an INSERT gives back the row as stored. */
    enum Returning {
        /** {@code INSERT ... RETURNING}, one round trip. */
        CLAUSE,
        /** Every column asked for as a generated key, one round trip. */
        GENERATED_KEYS,
        /** The generated id, then a SELECT by id. */
        READ_BACK
    }

    Returning returning() {
        return switch (this) {
            case POSTGRES, MARIADB -> Returning.CLAUSE;
            case H2 -> Returning.GENERATED_KEYS;
            case MYSQL -> Returning.READ_BACK;
        };
    }

    /** The length of a string as the database counts it: UTF-16 units on H2, characters elsewhere. */
    int length(String text) {
        return this == H2 ? text.length() : text.codePointCount(0, text.length());
    }

    /** Whether the driver reads DATETIME values through the JVM's time zone (MariaDB Connector/J does). */
    boolean convertsDateTimesThroughDefaultZone() {
        return this == MARIADB || this == MYSQL;
    }

    /** Whether {@code Instant} and {@code OffsetDateTime} are stored as the UTC local time in a zoneless DATETIME. */
    boolean storesInstantsAsUtcDateTimes() {
        return this == MARIADB || this == MYSQL;
    }

    /** Whether DOUBLE and FLOAT columns hold no NaN or infinities. */
    boolean lacksNonFiniteFloats() {
        return this == MARIADB || this == MYSQL;
    }

    /**
     * Where the connection's unqualified SQL finds tables, as far as the driver knows without a round trip:
     * the current database on MariaDB/MySQL, the current schema on H2; on PostgreSQL the search path,
     * which only the server knows, is left out ("").
     */
    String place(java.sql.Connection connection) throws java.sql.SQLException {
        return switch (this) {
            case MARIADB, MYSQL -> String.valueOf(connection.getCatalog());
            case H2 -> String.valueOf(connection.getSchema());
            case POSTGRES -> "";
        };
    }

    /** Quotes a name exactly as the catalog reported it. */
    String quoteAsIs(String name) {
        return switch (this) {
            case H2, POSTGRES -> '"' + name.replace("\"", "\"\"") + '"';
            case MARIADB, MYSQL -> '`' + name.replace("`", "``") + '`';
        };
    }

    /** Whether a failed statement aborts the whole transaction (so a caller's needs a savepoint). */
    boolean failedStatementAbortsTransaction() {
        return this == POSTGRES;
    }

    /** Whether a read after a duplicate key must lock to see a row committed after the snapshot. */
    boolean needsLockingReadAfterDuplicate() {
        return this == MARIADB || this == MYSQL;
    }

    /**
     * Whether a read inside a transaction can see a row committed after the transaction's snapshot:
     * MariaDB/MySQL with a locking read, PostgreSQL never needs to (its ON CONFLICT reports the snapshot
     * problem itself), H2 cannot, so above READ COMMITTED the caller's transaction must be retried.
     */
    boolean canReadPastSnapshot() {
        return this != H2;
    }
}
