package io.getorcreate.internal;

import io.getorcreate.IntegrityViolationException.Kind;
import java.sql.SQLException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Classifies a driver's exception by SQLState and vendor code: which integrity constraint it broke
 * (and that constraint's name, where the driver tells it), or whether it is a transient failure
 * (serialization failure, deadlock, lock timeout) that a retried transaction would not meet.
 */
final class SqlErrors {
    private static final Pattern MARIADB_DUPLICATE_KEY = Pattern.compile("for key '(?:[^'.]*\\.)?([^']+)'$");
    private static final Pattern MARIADB_CONSTRAINT = Pattern.compile("CONSTRAINT `([^`]+)`");
    private static final Pattern H2_INDEX = Pattern.compile("\"(?:[^\".\\s]+\\.)?([^\".\\s]+) ON ");
    private static final Pattern H2_NAMED = Pattern.compile("\"(?:[^\".\\s:]+\\.)?([^\".\\s:]+): ");
    private static final Pattern MARIADB_COLUMN = Pattern.compile("column (?:'([^']+)'|`(?:[^`]*`\\.`)*([^`]+)`)");
    private static final Pattern H2_COLUMN = Pattern.compile("column \"([^\" ]+)");
    private static final Pattern H2_INDEX_SUFFIX = Pattern.compile("_INDEX_[0-9A-F]+$");

    private SqlErrors() {}

    /** An integrity violation's kind and constraint, or null when the exception is not one. */
    record Violation(Kind kind, String constraint, String index) {
        Violation(Kind kind, String constraint) {
            this(kind, constraint, null);
        }
    }

    static Violation violation(Dialect dialect, SQLException e) {
        String state = e.getSQLState();
        if (dialect == Dialect.MARIADB || dialect == Dialect.MYSQL) {
            // By error code: some integrity errors come with SQLState HY000 (1364, a NOT NULL column
            // without a default left out of the INSERT).
            return mariaDb(state, e.getErrorCode(), e.getMessage());
        }
        if (state == null || !state.startsWith("23")) {
            return null;
        }
        return switch (dialect) {
            case POSTGRES -> new Violation(switch (state) {
                case "23505" -> Kind.UNIQUE;
                case "23502" -> Kind.NOT_NULL;
                case "23503" -> Kind.FOREIGN_KEY;
                case "23514" -> Kind.CHECK;
                default -> Kind.OTHER;
            }, postgresConstraint(e));
            case H2 -> h2(state, e.getMessage());
            case MARIADB, MYSQL -> mariaDb(state, e.getErrorCode(), e.getMessage());
        };
    }

    private static Violation h2(String state, String message) {
        String msg = message == null ? "" : message;
        return switch (state) {
            case "23505" -> new Violation(Kind.UNIQUE, h2IndexConstraint(msg), group(H2_INDEX, msg));
            case "23502" -> new Violation(Kind.NOT_NULL, null);
            case "23503", "23506" -> new Violation(Kind.FOREIGN_KEY, group(H2_NAMED, msg));
            case "23513", "23514" -> new Violation(Kind.CHECK, group(H2_NAMED, msg));
            default -> new Violation(Kind.OTHER, null);
        };
    }

    // H2 names the index, which for a constraint is "<CONSTRAINT>_INDEX_<n>".
    private static String h2IndexConstraint(String msg) {
        String index = group(H2_INDEX, msg);
        return index == null ? null : H2_INDEX_SUFFIX.matcher(index).replaceFirst("");
    }

    private static Violation mariaDb(String state, int code, String message) {
        String msg = message == null ? "" : message;
        return switch (code) {
            case 1062, 1586 -> new Violation(Kind.UNIQUE, group(MARIADB_DUPLICATE_KEY, msg));
            case 1048, 1364 -> new Violation(Kind.NOT_NULL, null);
            case 1451, 1452, 1216, 1217 -> new Violation(Kind.FOREIGN_KEY, group(MARIADB_CONSTRAINT, msg));
            case 3819, 4025 -> new Violation(Kind.CHECK, group(MARIADB_CONSTRAINT, msg));
            default -> state != null && state.startsWith("23") ? new Violation(Kind.OTHER, null) : null;
        };
    }

    /**
     * Whether the statement met another table than the one the schema check passed: no unique index for
     * ON CONFLICT, or an undefined table or column (PostgreSQL, whose search path can change under a DAO).
     */
    static boolean isSchemaMismatch(Dialect dialect, SQLException e) {
        String state = e.getSQLState();
        return dialect == Dialect.POSTGRES && ("42P10".equals(state) || "42P01".equals(state) || "42703".equals(state));
    }

    /** Whether the failure is a data exception: a value the column cannot hold (SQLState class 22). */
    static boolean isDataException(Dialect dialect, SQLException e) {
        String state = e.getSQLState();
        if (state != null && state.startsWith("22")) {
            return true;
        }
        // MariaDB reports some with SQLState HY000: incorrect string value, out of range, data too long.
        return (dialect == Dialect.MARIADB || dialect == Dialect.MYSQL)
                && (e.getErrorCode() == 1366 || e.getErrorCode() == 1264 || e.getErrorCode() == 1406);
    }

    /** The column a data exception (SQLState class 22) names, where the driver names one. */
    static String dataColumn(Dialect dialect, SQLException e) {
        String msg = e.getMessage() == null ? "" : e.getMessage();
        return switch (dialect) {
            case POSTGRES -> {
                try {
                    yield PostgresErrors.column(e);
                } catch (LinkageError driverNotOnClassPath) {
                    yield null;
                }
            }
            case H2 -> group(H2_COLUMN, msg);
            case MARIADB, MYSQL -> {
                Matcher m = MARIADB_COLUMN.matcher(msg);
                yield m.find() ? (m.group(1) != null ? m.group(1) : m.group(2)) : null;
            }
        };
    }

    private static String postgresConstraint(SQLException e) {
        try {
            return PostgresErrors.constraint(e);
        } catch (LinkageError driverNotOnClassPath) {
            return null;
        }
    }

    private static String group(Pattern pattern, String message) {
        Matcher m = pattern.matcher(message);
        return m.find() ? m.group(1) : null;
    }

    /**
     * Whether the failure is a serialization failure, deadlock or lock timeout: the statement (or,
     * for a deadlock, the transaction) was rolled back and running it again may succeed.
     */
    static boolean isTransient(Dialect dialect, SQLException e) {
        String state = e.getSQLState();
        if ("40001".equals(state) || "40P01".equals(state)) {
            return true;
        }
        return switch (dialect) {
            case MARIADB, MYSQL -> e.getErrorCode() == 1213 || e.getErrorCode() == 1205;
            case H2 -> e.getErrorCode() == 50200 || e.getErrorCode() == 40001;
            case POSTGRES -> false;
        };
    }

    /**
     * Whether the connection was lost (SQLState class 08, or PostgreSQL's admin shutdown 57P01 to 57P03):
     * whatever the call did and did not commit, the connection is gone.
     */
    static boolean isConnectionLoss(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof java.sql.SQLNonTransientConnectionException
                    || t instanceof java.sql.SQLTransientConnectionException) {
                return true;
            }
            if (t instanceof SQLException sql && sql.getSQLState() != null) {
                String state = sql.getSQLState();
                if (state.startsWith("08") || state.equals("57P01") || state.equals("57P02") || state.equals("57P03")) {
                    return true;
                }
                if (state.equals("70100") && sql.getErrorCode() == 1927) {
                    return true; // MariaDB's "Connection was killed", when the query beat the socket's close
                }
            }
        }
        return false;
    }
}
