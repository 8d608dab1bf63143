package io.getorcreate.internal;

import java.util.Locale;

/**
 * What the database's catalog says about one column: enough to tell, before a statement is sent,
 * whether the column can hold a value exactly.
 *
 * @param type the type's name as the catalog spells it, lower case ({@code varchar}, {@code numeric},
 *     {@code character varying}, {@code timestamptz}, {@code int2}...)
 * @param length the most characters (or bytes, for binary columns) it holds; 0 where unbounded
 * @param precision the most significant digits of a numeric column; 0 where unbounded or not numeric
 * @param scale the most fractional digits of a numeric column; -1 where unbounded or not numeric
 * @param fractionalSeconds the fractional-second digits of a time or timestamp column; -1 where not one
 * @param charset the column's character set, lower case ({@code utf8mb3}, {@code latin1}, {@code utf8}...);
 *     null where any character is stored
 * @param padSpace whether the column's comparison ignores trailing spaces
 * @param unsigned whether an integer column is unsigned (MariaDB/MySQL)
 * @param collation where a value compared with the column must be given the column's comparison
 *     explicitly, the SQL that does so: {@code COLLATE "x"} on PostgreSQL, the collation's name on
 *     MariaDB/MySQL; null otherwise
 * @param castType the type a text value is cast to for this column (PostgreSQL, which binds many keys as
 *     text arrays); null elsewhere
 */
record ColumnFacts(String type, int length, int precision, int scale, int fractionalSeconds, String charset,
        boolean padSpace, boolean unsigned, String collation, String castType) {

    /**
     * {@code expression} (a bound value's column in a derived table) as MariaDB/MySQL compare it with this
     * column: a derived table's strings carry the connection's character set and collation, so they are
     * converted to the column's. Elsewhere, and for a column without a collation, the expression as it is.
     */
    String comparedAsColumn(String expression, Dialect dialect) {
        if (collation == null || (dialect != Dialect.MARIADB && dialect != Dialect.MYSQL)) {
            return expression;
        }
        String charset = collation.substring(0, collation.indexOf('_')).toLowerCase(Locale.ROOT);
        return "CONVERT(" + expression + " USING " + charset + ") COLLATE " + collation;
    }

    /** Sizes from here up are the catalogs' way of saying "no limit". */
    static final int UNBOUNDED = 100_000_000;

    ColumnFacts {
        type = type == null ? "" : type.toLowerCase(Locale.ROOT);
        length = length >= UNBOUNDED || length < 0 ? 0 : length;
        precision = precision >= UNBOUNDED || precision < 0 ? 0 : precision;
        charset = charset == null ? null : charset.toLowerCase(Locale.ROOT);
    }

    /** The range an integer column holds, as {min, max}, or null for a column that is not a bounded integer. */
    long[] integerRange() {
        return switch (type) {
            case "tinyint" -> unsigned ? new long[] {0, 255} : new long[] {Byte.MIN_VALUE, Byte.MAX_VALUE};
            case "smallint", "int2" -> unsigned ? new long[] {0, 65_535} : new long[] {Short.MIN_VALUE, Short.MAX_VALUE};
            case "mediumint" -> unsigned ? new long[] {0, 16_777_215} : new long[] {-8_388_608, 8_388_607};
            case "int", "integer", "int4" -> unsigned ? new long[] {0, 4_294_967_295L}
                    : new long[] {Integer.MIN_VALUE, Integer.MAX_VALUE};
            case "bigint", "int8" -> unsigned ? new long[] {0, Long.MAX_VALUE} : null;
            default -> null;
        };
    }
}
