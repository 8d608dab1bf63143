package io.getorcreate.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.getorcreate.internal.ColumnSpec;
import io.getorcreate.internal.ColumnType;
import io.getorcreate.internal.ColumnReaders;
import io.getorcreate.internal.Dialect;
import io.getorcreate.internal.KeySpec;
import io.getorcreate.internal.SqlWriter;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The column types createTable() declares hold every Java value exactly where the database can:
 * fractional seconds to nanoseconds on H2 and to microseconds (their maximum) on PostgreSQL and
 * MariaDB, a BigDecimal with 30 integer and 20 fractional digits everywhere; and the sizes that
 * {@code @Column} sets are the ones declared. Each value is written into a table created from
 * {@link SqlWriter#createTable()}, found again by an equality lookup on its own unique key, and read
 * back equal. The table carries a name unique to this run and is dropped afterwards.
 */
abstract class ExactTypesTest {
    private static final ColumnType[] KEY_TYPES = {ColumnType.INSTANT, ColumnType.LOCAL_DATE_TIME,
        ColumnType.LOCAL_TIME, ColumnType.OFFSET_DATE_TIME, ColumnType.BIG_DECIMAL};

    TestDatabase db;
    String table;

    abstract TestDatabase.Kind kind();

    @BeforeEach
    void setUp() {
        db = TestDatabase.open(kind(), 2);
        table = "exact_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
    }

    @AfterEach
    void tearDown() {
        if (db != null) {
            db.drop(table);
            db.close();
        }
    }

    /** Nanoseconds where the database keeps them, microseconds elsewhere. */
    private int nanos() {
        return kind() == TestDatabase.Kind.H2 ? 654_321_987 : 654_321_000;
    }

    List<Object> keyValues() {
        return List.of(
                Instant.parse("2024-02-29T12:34:56Z").plusNanos(nanos()),
                LocalDateTime.of(2021, 3, 4, 5, 6, 7, nanos()),
                LocalTime.of(8, 15, 30, nanos()),
                OffsetDateTime.of(2023, 1, 2, 3, 4, 5, nanos(), ZoneOffset.ofHoursMinutes(5, 30)),
                new BigDecimal("123456789012345678901234567890.12345678901234567890"));
    }

    @Test
    void createTableTypesHoldEveryKeyValueExactly() throws SQLException {
        List<ColumnSpec> columns = new ArrayList<>();
        columns.add(new ColumnSpec("id", "id", ColumnType.LONG, true, false));
        List<KeySpec> keys = new ArrayList<>();
        for (int i = 0; i < KEY_TYPES.length; i++) {
            columns.add(new ColumnSpec("k" + i, "k" + i, KEY_TYPES[i], true, false));
            keys.add(KeySpec.of("", i + 1));
        }
        columns.add(new ColumnSpec("price", "price", ColumnType.BIG_DECIMAL, false, false, -1, 12, 2));
        columns.add(new ColumnSpec("code", "code", ColumnType.STRING, false, false, 20, -1, -1));
        columns.add(new ColumnSpec("tag", "tag", ColumnType.BYTES, false, false, 8, -1, -1));

        List<Object> values = new ArrayList<>();
        values.add(null);
        values.addAll(keyValues());
        values.add(new BigDecimal("1234567890.12"));
        values.add("x".repeat(20));
        values.add(new byte[] {1, 2, 3, 4, 5, 6, 7, 8});

        try (Connection c = db.dataSource.getConnection()) {
            Dialect dialect = Dialect.detect(c.getMetaData());
            SqlWriter writer = new SqlWriter(dialect, table, columns, 0, keys);
            c.createStatement().execute(writer.createTable());

            // Every column but the id, as the DAO's create() writes it.
            try (PreparedStatement insert = c.prepareStatement(writer.tableSql().insert())) {
                for (int i = 1; i < columns.size(); i++) {
                    columns.get(i).type().bind(insert, i, values.get(i), dialect);
                }
                insert.execute(); // a RETURNING insert on PostgreSQL and MariaDB
            }

            for (int k = 0; k < keys.size(); k++) {
                int column = k + 1;
                try (PreparedStatement select = c.prepareStatement(writer.select(List.of(column), false))) {
                    columns.get(column).type().bind(select, 1, values.get(column), dialect);
                    try (ResultSet rs = select.executeQuery()) {
                        assertThat(rs.next()).as("the row found again by %s", KEY_TYPES[k]).isTrue();
                        assertThat(read(rs, 2, dialect)).as("instant").isEqualTo(values.get(1));
                        assertThat(read(rs, 3, dialect)).as("local date-time").isEqualTo(values.get(2));
                        assertThat(read(rs, 4, dialect)).as("local time").isEqualTo(values.get(3));
                        assertThat(((OffsetDateTime) read(rs, 5, dialect)).toInstant()).as("offset date-time")
                                .isEqualTo(((OffsetDateTime) values.get(4)).toInstant());
                        assertThat(rs.getBigDecimal(6)).as("decimal").isEqualByComparingTo((BigDecimal) values.get(5));
                        assertThat(rs.getBigDecimal(7)).isEqualTo(new BigDecimal("1234567890.12"));
                        assertThat(rs.getString(8)).isEqualTo("x".repeat(20));
                        assertThat(rs.getBytes(9)).containsExactly(1, 2, 3, 4, 5, 6, 7, 8);
                    }
                }
            }
            assertDeclaredSizes(c, dialect);
        }
    }

    private static Object read(ResultSet rs, int index, Dialect dialect) throws SQLException {
        return switch (index) {
            case 2 -> ColumnReaders.getInstant(rs, index, dialect);
            case 3 -> ColumnReaders.getLocalDateTime(rs, index);
            case 4 -> ColumnReaders.getLocalTime(rs, index);
            default -> ColumnReaders.getOffsetDateTime(rs, index, dialect);
        };
    }

    /** The time columns' fractional digits and @Column's sizes, as the database reports them. */
    private void assertDeclaredSizes(Connection c, Dialect dialect) throws SQLException {
        String stored = dialect.fold(table);
        try (ResultSet rs = c.getMetaData().getColumns(c.getCatalog(), null, stored, null)) {
            int seen = 0;
            while (rs.next()) {
                String column = rs.getString("COLUMN_NAME").toLowerCase(Locale.ROOT);
                switch (column) {
                    case "price" -> {
                        assertThat(rs.getInt("COLUMN_SIZE")).as("price precision").isEqualTo(12);
                        assertThat(rs.getInt("DECIMAL_DIGITS")).as("price scale").isEqualTo(2);
                    }
                    case "code" -> assertThat(rs.getInt("COLUMN_SIZE")).as("code length").isEqualTo(20);
                    case "tag" -> {
                        if (dialect != Dialect.POSTGRES) { // PostgreSQL has no bounded binary type
                            assertThat(rs.getInt("COLUMN_SIZE")).as("tag length").isEqualTo(8);
                        }
                    }
                    default -> {
                        continue;
                    }
                }
                seen++;
            }
            assertThat(seen).as("columns of " + stored).isEqualTo(3);
        }
    }
}
