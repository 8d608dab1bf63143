package io.getorcreate.internal;

import io.getorcreate.InvalidValueException;
import java.math.BigDecimal;
import java.nio.CharBuffer;
import java.nio.charset.Charset;
import java.nio.charset.CharsetEncoder;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Refuses, before any statement is sent, a value its column cannot hold. A key column must hold its
 * value exactly: a key stored differently from the value asked for (rounded, truncated, trimmed,
 * re-encoded) would be created once and then never found again. Other columns keep the milder rule:
 * too long, a character the column cannot store, a NUL on PostgreSQL, NaN or an infinity where the
 * database has none are refused; the database's own rounding is fine, and the returned row shows it.
 * What each column holds comes from the schema check.
 */
final class ValueChecker {
    /** MariaDB/MySQL character set names that Java knows by another name. */
    private static final Map<String, String> JAVA_CHARSETS = Map.of(
            "latin1", "windows-1252", "ascii", "US-ASCII", "utf8mb3", "UTF-8", "utf8", "UTF-8",
            "ucs2", "UTF-16BE", "utf16", "UTF-16BE", "utf32", "UTF-32BE", "latin2", "ISO-8859-2",
            "cp1250", "windows-1250", "cp1251", "windows-1251");

    private final TableSpec<?> table;

    ValueChecker(TableSpec<?> table) {
        this.table = table;
    }

    /** Checks every column the row sets. */
    void check(VerifiedSchema schema, RowValues row) {
        for (int c = 0; c < table.columns().size(); c++) {
            if (row.isSet(c)) {
                check(schema, c, row.get(c));
            }
        }
    }

    /** Checks a key's values, as a find binds them. */
    void checkKey(VerifiedSchema schema, KeySpec key, Object[] values) {
        for (int i = 0; i < values.length; i++) {
            check(schema, key.columns().get(i), values[i]);
        }
    }

    private void check(VerifiedSchema schema, int column, Object value) {
        if (value == null) {
            return;
        }
        ColumnSpec spec = table.columns().get(column);
        ColumnFacts facts = schema.columns().get(column);
        boolean key = table.isKeyColumn(column);
        Dialect dialect = schema.dialect();
        String problem = switch (spec.type()) {
            case STRING -> text((String) value, facts, dialect, key);
            case ENUM -> text(((Enum<?>) value).name(), facts, dialect, key);
            case UUID -> text(value.toString(), facts, dialect, key);
            case BYTES -> ((byte[]) value).length > facts.length() && facts.length() > 0
                    ? ((byte[]) value).length + " bytes are more than the column's " + facts.length() : null;
            case DOUBLE, FLOAT -> notFinite(value, dialect);
            case BIG_DECIMAL -> key ? decimal((BigDecimal) value, facts) : null;
            case SHORT, INT, LONG -> key ? integer(((Number) value).longValue(), facts) : null;
            case LOCAL_TIME -> key ? fraction(((LocalTime) value).getNano(), facts) : null;
            case LOCAL_DATE_TIME -> key ? fraction(((LocalDateTime) value).getNano(), facts) : null;
            case INSTANT -> key ? fraction(((Instant) value).getNano(), facts) : null;
            case OFFSET_DATE_TIME -> key ? fraction(((OffsetDateTime) value).getNano(), facts) : null;
            case BOOLEAN, LOCAL_DATE -> null;
        };
        if (problem != null) {
            throw new InvalidValueException(table.name(), spec.name(),
                    (key ? "the key value " : "the value ") + problem, null);
        }
    }

    private static String text(String text, ColumnFacts facts, Dialect dialect, boolean key) {
        if (dialect == Dialect.POSTGRES && text.indexOf('\0') >= 0) {
            return "contains a NUL character (\\u0000), which PostgreSQL cannot store in text: remove it";
        }
        if (key) {
            for (int i = 0; i < text.length(); i++) {
                char ch = text.charAt(i);
                boolean paired = Character.isHighSurrogate(ch) ? i + 1 < text.length()
                        && Character.isLowSurrogate(text.charAt(i + 1)) : !Character.isLowSurrogate(ch)
                        || (i > 0 && Character.isHighSurrogate(text.charAt(i - 1)));
                if (!paired) {
                    return "is malformed UTF-16: a lone surrogate (\\u" + Integer.toHexString(ch) + ") at index " + i
                            + ", which no database stores as given: pass a well-formed string";
                }
            }
        }
        String unstorable = unstorable(text, facts.charset());
        if (unstorable != null) {
            return "contains " + unstorable + ", which the column's character set " + facts.charset()
                    + " cannot store: convert the column to utf8mb4 (or to a character set that holds it)";
        }
        int max = facts.length();
        int length = dialect.length(text);
        if (max <= 0 || length <= max) {
            return null;
        }
        String excess = text.substring(dialect == Dialect.H2 ? max : text.offsetByCodePoints(0, max));
        boolean spaces = excess.chars().allMatch(ch -> ch == ' ');
        // Databases trim excess trailing spaces instead of failing: harmless for other columns, and for a
        // key only where the column's comparison ignores trailing spaces too.
        if (spaces && (!key || facts.padSpace())) {
            return null;
        }
        return "is " + length + " characters long, longer than the column's " + max
                + (spaces ? " (the database would trim the trailing spaces, and the trimmed key would not be found "
                        + "again)" : "") + ": shorten it, or widen the column";
    }

    // The first character the column's character set cannot store, described; null where all can be.
    private static String unstorable(String text, String charset) {
        if (charset == null) {
            return null;
        }
        if (charset.equals("utf8mb3") || charset.equals("utf8")) {
            for (int i = 0; i < text.length(); i = text.offsetByCodePoints(i, 1)) {
                int cp = text.codePointAt(i);
                if (Character.isSupplementaryCodePoint(cp)) {
                    return "the character U+" + Integer.toHexString(cp).toUpperCase(Locale.ROOT)
                            + " (outside the Basic Multilingual Plane, such as an emoji)";
                }
            }
            return null;
        }
        String java = JAVA_CHARSETS.getOrDefault(charset, charset);
        CharsetEncoder encoder;
        try {
            encoder = Charset.forName(java).newEncoder();
        } catch (IllegalArgumentException unknownToJava) {
            return null;
        }
        if (encoder.canEncode(CharBuffer.wrap(text))) {
            return null;
        }
        for (int i = 0; i < text.length(); i = text.offsetByCodePoints(i, 1)) {
            String one = new String(Character.toChars(text.codePointAt(i)));
            if (!encoder.canEncode(one)) {
                return "the character U+" + Integer.toHexString(text.codePointAt(i)).toUpperCase(Locale.ROOT);
            }
        }
        return null;
    }

    private static String notFinite(Object value, Dialect dialect) {
        boolean finite = value instanceof Double d ? Double.isFinite(d) : Float.isFinite((Float) value);
        return finite || !dialect.lacksNonFiniteFloats() ? null
                : value + " cannot be stored: MariaDB and MySQL have no NaN or infinities";
    }

    private static String decimal(BigDecimal value, ColumnFacts facts) {
        BigDecimal exact = value.stripTrailingZeros();
        int scale = Math.max(exact.scale(), 0);
        if (facts.unsigned() && value.signum() < 0) {
            return value.toPlainString() + " is negative, and the column is UNSIGNED: it would be stored as 0";
        }
        long[] range = facts.integerRange();
        if (range != null || facts.type().equals("bigint") || facts.type().equals("int8")) {
            if (scale > 0) {
                return value.toPlainString() + " has a fraction, which the integer column would round away: "
                        + "round it first, or use a DECIMAL column";
            }
            BigDecimal min = BigDecimal.valueOf(range == null ? Long.MIN_VALUE : range[0]);
            BigDecimal max = range == null ? (facts.unsigned() ? new BigDecimal("18446744073709551615")
                    : BigDecimal.valueOf(Long.MAX_VALUE)) : BigDecimal.valueOf(range[1]);
            return value.compareTo(min) < 0 || value.compareTo(max) > 0
                    ? value.toPlainString() + " is out of the " + facts.type() + " column's range " + min + ".." + max
                            + ": widen the column" : null;
        }
        if (facts.scale() != -1 && facts.precision() > 0 && exact.scale() > facts.scale()) {
            return value.toPlainString() + " has " + scale + " fractional digits, more than the column's scale of "
                    + facts.scale() + ", so it would be stored rounded: round it first (setScale(" + facts.scale()
                    + ")), or widen the column";
        }
        int integerDigits = Math.max(exact.precision() - exact.scale(), 0);
        if (facts.precision() > 0 && integerDigits > facts.precision() - facts.scale()) {
            return value.toPlainString() + " has " + integerDigits + " integer digits, more than the column's DECIMAL("
                    + facts.precision() + ", " + facts.scale() + ") holds: widen the column";
        }
        return null;
    }

    private static String integer(long value, ColumnFacts facts) {
        long[] range = facts.integerRange();
        if (range != null && (value < range[0] || value > range[1])) {
            return value + " is out of the " + facts.type() + " column's range " + range[0] + ".." + range[1]
                    + ": widen the column";
        }
        int digits = Long.toString(value).replace("-", "").length();
        if (facts.precision() > 0 && facts.integerRange() == null
                && digits > facts.precision() - facts.scale()) {
            return value + " has more digits than the column's precision of " + facts.precision() + ": widen the column";
        }
        return null;
    }

    private static String fraction(int nanos, ColumnFacts facts) {
        int digits = facts.fractionalSeconds();
        if (digits < 0 || digits >= 9 || nanos % POWERS[9 - digits] == 0) {
            return null;
        }
        return "has fractional seconds (" + String.format(Locale.ROOT, "%09d", nanos) + " ns) beyond the column's "
                + digits + " digit" + (digits == 1 ? "" : "s") + ", so it would be stored rounded: truncate it first "
                + "(e.g. truncatedTo(ChronoUnit." + (digits >= 6 ? "MICROS" : digits >= 3 ? "MILLIS" : "SECONDS")
                + ")), or widen the column";
    }

    private static final int[] POWERS = {1, 10, 100, 1_000, 10_000, 100_000, 1_000_000, 10_000_000, 100_000_000,
        1_000_000_000};

}
