package io.getorcreate.internal;

import io.getorcreate.GetOrCreateException;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Date;
import java.util.GregorianCalendar;
import java.util.TimeZone;
import java.util.UUID;

/** Column readers that generated row mappers call, one per supported type that is not a plain JDBC getter. */
public final class ColumnReaders {
    private static final TimeZone UTC = TimeZone.getTimeZone("UTC");

    private ColumnReaders() {}

    public static Boolean getBoolean(ResultSet rs, int i) throws SQLException {
        boolean v = rs.getBoolean(i);
        return rs.wasNull() ? null : v;
    }

    public static Short getShort(ResultSet rs, int i) throws SQLException {
        short v = rs.getShort(i);
        return rs.wasNull() ? null : v;
    }

    public static Integer getInt(ResultSet rs, int i) throws SQLException {
        int v = rs.getInt(i);
        return rs.wasNull() ? null : v;
    }

    public static Long getLong(ResultSet rs, int i) throws SQLException {
        long v = rs.getLong(i);
        return rs.wasNull() ? null : v;
    }

    public static Double getDouble(ResultSet rs, int i) throws SQLException {
        double v = rs.getDouble(i);
        return rs.wasNull() ? null : v;
    }

    public static Float getFloat(ResultSet rs, int i) throws SQLException {
        float v = rs.getFloat(i);
        return rs.wasNull() ? null : v;
    }


    public static LocalDate getLocalDate(ResultSet rs, int i) throws SQLException {
        return rs.getObject(i, LocalDate.class);
    }

    public static LocalDateTime getLocalDateTime(ResultSet rs, int i) throws SQLException {
        return rs.getObject(i, LocalDateTime.class);
    }

    /**
     * A DATETIME or TIMESTAMP as stored, whatever the JVM's time zone. MariaDB's driver converts through the
     * JVM's zone, which moves a value that falls in a daylight-saving gap there by an hour; read through a
     * proleptic Gregorian calendar in UTC, which has no gaps and no calendar switch, it comes back exact.
     */
    public static LocalDateTime getLocalDateTime(ResultSet rs, int i, Dialect dialect) throws SQLException {
        if (!dialect.convertsDateTimesThroughDefaultZone()) {
            return rs.getObject(i, LocalDateTime.class);
        }
        GregorianCalendar utc = new GregorianCalendar(UTC);
        utc.setGregorianChange(new Date(Long.MIN_VALUE));
        Timestamp t = rs.getTimestamp(i, utc);
        return t == null ? null
                : LocalDateTime.ofEpochSecond(Math.floorDiv(t.getTime(), 1000L), t.getNanos(), ZoneOffset.UTC);
    }

    public static LocalTime getLocalTime(ResultSet rs, int i) throws SQLException {
        return rs.getObject(i, LocalTime.class);
    }

    public static OffsetDateTime getOffsetDateTime(ResultSet rs, int i, Dialect dialect) throws SQLException {
        if (dialect.storesInstantsAsUtcDateTimes()) {
            LocalDateTime utc = getLocalDateTime(rs, i, dialect);
            return utc == null ? null : utc.atOffset(ZoneOffset.UTC);
        }
        return rs.getObject(i, OffsetDateTime.class);
    }

    public static Instant getInstant(ResultSet rs, int i, Dialect dialect) throws SQLException {
        OffsetDateTime v = getOffsetDateTime(rs, i, dialect);
        return v == null ? null : v.toInstant();
    }

    public static UUID getUuid(ResultSet rs, int i) throws SQLException {
        String v = rs.getString(i);
        return v == null ? null : UUID.fromString(v.trim());
    }


    public static <E extends Enum<E>> E getEnum(ResultSet rs, int i, Class<E> type) throws SQLException {
        String v = rs.getString(i);
        if (v == null) {
            return null;
        }
        try {
            return Enum.valueOf(type, v);
        } catch (IllegalArgumentException noSuchConstant) {
            throw new GetOrCreateException("Column " + rs.getMetaData().getColumnName(i) + " of table "
                    + rs.getMetaData().getTableName(i) + " holds '" + v + "', which " + type.getName()
                    + " has no constant for: add the constant, or update the row", noSuchConstant);
        }
    }
}
