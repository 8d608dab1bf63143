package io.getorcreate.internal;

import java.math.BigDecimal;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.UUID;

/**
 * The supported component types, with how each binds and which column type {@code createTable}
 * gives it on each dialect. Reading is done by the generated row mapper through {@link ColumnReaders}.
 */
public enum ColumnType {
    STRING(Types.VARCHAR),
    BOOLEAN(Types.BOOLEAN),
    SHORT(Types.SMALLINT),
    INT(Types.INTEGER),
    LONG(Types.BIGINT),
    DOUBLE(Types.DOUBLE),
    FLOAT(Types.REAL),
    BIG_DECIMAL(Types.NUMERIC),
    LOCAL_DATE(Types.DATE),
    LOCAL_DATE_TIME(Types.TIMESTAMP),
    LOCAL_TIME(Types.TIME),
    INSTANT(Types.TIMESTAMP_WITH_TIMEZONE),
    OFFSET_DATE_TIME(Types.TIMESTAMP_WITH_TIMEZONE),
    UUID(Types.VARCHAR),
    BYTES(Types.VARBINARY),
    ENUM(Types.VARCHAR);

    private final int sqlType;

    ColumnType(int sqlType) {
        this.sqlType = sqlType;
    }

    /** Binds a value (null binds SQL NULL) the way every supported column type for it accepts. */
    public void bind(PreparedStatement ps, int index, Object value, Dialect dialect) throws SQLException {
        if (value == null) {
            // PostgreSQL infers the type of an untyped NULL from the column; others take the JDBC type.
            ps.setNull(index, dialect == Dialect.POSTGRES ? Types.NULL : nullType(dialect));
            return;
        }
        switch (this) {
            case STRING -> ps.setString(index, (String) value);
            case BOOLEAN -> ps.setBoolean(index, (Boolean) value);
            case SHORT -> ps.setShort(index, (Short) value);
            case INT -> ps.setInt(index, (Integer) value);
            case LONG -> ps.setLong(index, (Long) value);
            case DOUBLE -> ps.setDouble(index, (Double) value);
            // MariaDB/MySQL read a float parameter as the decimal text of the float ("0.1"), a double, and
            // compare a FLOAT column with it widened (0.100000001...): never equal. The float's own value as
            // a double compares equal, and stores as the same float.
            case FLOAT -> {
                if (dialect == Dialect.MARIADB || dialect == Dialect.MYSQL) {
                    ps.setDouble(index, (Float) value);
                } else {
                    ps.setFloat(index, (Float) value);
                }
            }
            case BIG_DECIMAL -> ps.setBigDecimal(index, (BigDecimal) value);
            case LOCAL_DATE -> ps.setObject(index, value);
            case LOCAL_DATE_TIME -> ps.setObject(index, value);
            case LOCAL_TIME -> ps.setObject(index, value);
            case INSTANT -> bindOffsetDateTime(ps, index, ((Instant) value).atOffset(ZoneOffset.UTC), dialect);
            case OFFSET_DATE_TIME -> bindOffsetDateTime(ps, index, (OffsetDateTime) value, dialect);
            case UUID -> {
                String text = value.toString();
                if (dialect == Dialect.POSTGRES) {
                    // Untyped, so the server takes it for a uuid column and a CHAR(36) column alike.
                    ps.setObject(index, text, Types.OTHER);
                } else {
                    ps.setString(index, text);
                }
            }
            case BYTES -> ps.setBytes(index, (byte[]) value);
            case ENUM -> ps.setString(index, ((Enum<?>) value).name());
        }
    }

    /**
     * The value as the text that the database's own input for the column's type reads back exactly; for
     * PostgreSQL, which binds many keys at once as text arrays cast to each column's type.
     */
    String sqlText(Object value) {
        if (value == null) {
            return null;
        }
        return switch (this) {
            case BIG_DECIMAL -> ((BigDecimal) value).toPlainString();
            case ENUM -> ((Enum<?>) value).name();
            case BYTES -> {
                StringBuilder hex = new StringBuilder("\\x");
                for (byte b : (byte[]) value) {
                    hex.append(Character.forDigit((b >> 4) & 0xf, 16)).append(Character.forDigit(b & 0xf, 16));
                }
                yield hex.toString();
            }
            case DOUBLE, FLOAT -> {
                double d = ((Number) value).doubleValue();
                yield Double.isNaN(d) ? "NaN" : Double.isInfinite(d) ? (d > 0 ? "Infinity" : "-Infinity") : value.toString();
            }
            case LOCAL_DATE -> postgresDate((LocalDate) value, "");
            case LOCAL_DATE_TIME -> postgresDate(((LocalDateTime) value).toLocalDate(), " " + ((LocalDateTime) value).toLocalTime());
            case INSTANT -> sqlTextOfOffset(((Instant) value).atOffset(ZoneOffset.UTC));
            case OFFSET_DATE_TIME -> sqlTextOfOffset((OffsetDateTime) value);
            default -> value.toString();
        };
    }

    private static String sqlTextOfOffset(OffsetDateTime value) {
        String offset = value.getOffset().equals(ZoneOffset.UTC) ? "+00:00" : value.getOffset().getId();
        return postgresDate(value.toLocalDate(), " " + value.toLocalTime() + offset);
    }

    // PostgreSQL reads neither Java's signed years (year 0 is 1 BC) nor its "+" before years past 9999.
    private static String postgresDate(LocalDate date, String rest) {
        int year = date.getYear();
        boolean bc = year <= 0;
        return String.format(java.util.Locale.ROOT, "%04d-%02d-%02d", bc ? 1 - year : year, date.getMonthValue(),
                date.getDayOfMonth()) + rest + (bc ? " BC" : "");
    }

    private int nullType(Dialect dialect) {
        if (this == UUID || this == ENUM) {
            return Types.VARCHAR;
        }
        if ((this == INSTANT || this == OFFSET_DATE_TIME) && dialect != Dialect.H2) {
            return Types.TIMESTAMP;
        }
        return sqlType;
    }

    private static void bindOffsetDateTime(PreparedStatement ps, int index, OffsetDateTime value, Dialect dialect)
            throws SQLException {
        if (dialect.storesInstantsAsUtcDateTimes()) {
            // DATETIME(6) holds no zone: store the instant in UTC.
            ps.setObject(index, value.withOffsetSameInstant(ZoneOffset.UTC).toLocalDateTime());
        } else {
            ps.setObject(index, value);
        }
    }

    /**
     * The column type {@code createTable} declares: one that holds every Java value of this type
     * exactly where the database can (nanoseconds on H2, microseconds, their maximum, on PostgreSQL
     * and MariaDB; any {@code BigDecimal} on H2 and PostgreSQL, 35 integer and 30 fractional digits,
     * MariaDB's maximum, there), unless {@code @Column} sized it.
     *
     * @param length {@code @Column(length)} or {@link ColumnSpec#UNSET}
     * @param precision {@code @Column(precision)} or {@link ColumnSpec#UNSET}
     * @param scale {@code @Column(scale)} or {@link ColumnSpec#UNSET}
     * @param inKey whether the column is part of a unique key (MariaDB limits key length)
     * @param keyStringColumns how many string-like columns share that key
     */
    public String ddlType(Dialect dialect, int length, int precision, int scale, boolean inKey,
            int keyStringColumns) {
        boolean maria = dialect == Dialect.MARIADB || dialect == Dialect.MYSQL;
        return switch (this) {
            case STRING -> length != ColumnSpec.UNSET ? "VARCHAR(" + length + ")" : switch (dialect) {
                case H2 -> "VARCHAR";
                case POSTGRES -> "TEXT";
                case MARIADB, MYSQL -> "VARCHAR(" + (inKey ? keyLength(keyStringColumns) : 255) + ")";
            };
            case BOOLEAN -> "BOOLEAN";
            case SHORT -> "SMALLINT";
            case INT -> "INTEGER";
            case LONG -> "BIGINT";
            case DOUBLE -> maria ? "DOUBLE" : "DOUBLE PRECISION";
            case FLOAT -> maria ? "FLOAT" : "REAL";
            case BIG_DECIMAL -> {
                if (precision != ColumnSpec.UNSET) {
                    yield (dialect == Dialect.POSTGRES ? "NUMERIC(" : "DECIMAL(") + precision + ", "
                            + (scale == ColumnSpec.UNSET ? 0 : scale) + ")";
                }
                yield switch (dialect) {
                    // DECFLOAT, not NUMERIC: H2's NUMERIC without a scale has scale 0 and rounds to integers.
                    case H2 -> "DECFLOAT";
                    case POSTGRES -> "NUMERIC";
                    case MARIADB, MYSQL -> "DECIMAL(65, 30)";
                };
            }
            case LOCAL_DATE -> "DATE";
            case LOCAL_DATE_TIME -> switch (dialect) {
                case H2 -> "TIMESTAMP(9)";
                case POSTGRES -> "TIMESTAMP";
                case MARIADB, MYSQL -> "DATETIME(6)";
            };
            case LOCAL_TIME -> switch (dialect) {
                // H2's TIME without a precision keeps whole seconds only.
                case H2 -> "TIME(9)";
                case POSTGRES -> "TIME";
                case MARIADB, MYSQL -> "TIME(6)";
            };
            case INSTANT, OFFSET_DATE_TIME -> switch (dialect) {
                case H2 -> "TIMESTAMP(9) WITH TIME ZONE";
                case POSTGRES -> "TIMESTAMPTZ";
                case MARIADB, MYSQL -> "DATETIME(6)";
            };
            case UUID -> switch (dialect) {
                case H2, POSTGRES -> "UUID";
                case MARIADB, MYSQL -> "CHAR(36)";
            };
            case BYTES -> switch (dialect) {
                case H2 -> length != ColumnSpec.UNSET ? "VARBINARY(" + length + ")" : "VARBINARY";
                // PostgreSQL has no bounded binary type.
                case POSTGRES -> "BYTEA";
                case MARIADB, MYSQL -> length != ColumnSpec.UNSET ? "VARBINARY(" + length + ")"
                        : inKey ? "VARBINARY(" + keyLength(keyStringColumns) + ")" : "BLOB";
            };
            case ENUM -> switch (dialect) {
                case H2 -> "VARCHAR";
                case POSTGRES -> "TEXT";
                case MARIADB, MYSQL -> "VARCHAR(" + (inKey ? keyLength(keyStringColumns) : 255) + ")";
            };
        };
    }

    // InnoDB keys hold at most 3072 bytes; utf8mb4 takes up to 4 bytes a character.
    private static int keyLength(int stringColumns) {
        return Math.min(255, 3072 / 4 / Math.max(1, stringColumns));
    }

    /** Whether {@link #ddlType} sizes this type by its key's other string-like columns. */
    public boolean stringLike() {
        return this == STRING || this == ENUM || this == BYTES;
    }
}
