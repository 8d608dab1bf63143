package io.getorcreate.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.getorcreate.GetOrCreateException;
import io.getorcreate.IntegrityViolationException;
import io.getorcreate.InvalidValueException;
import io.getorcreate.Outcome;
import io.getorcreate.it.EdgeEntities.Code;
import io.getorcreate.it.EdgeEntities.Counter;
import io.getorcreate.it.EdgeEntities.Moment;
import io.getorcreate.it.EdgeEntities.Price;
import io.getorcreate.it.EdgeEntities.Shirt;
import io.getorcreate.it.EdgeEntities.Size;
import io.getorcreate.it.EdgeEntities.Visit;
import java.math.BigDecimal;
import java.sql.Connection;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.util.TimeZone;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The promises at the edges (9, 11 and 12, and 4's constraint names) on one database, on tables written
 * by hand the way users write them.
 */
abstract class EdgesTest {
    private static final String[] TABLES = {"price", "moment", "code", "counter", "shirt", "member", "visit"};

    TestDatabase db;

    abstract TestDatabase.Kind kind();

    boolean is(TestDatabase.Kind kind) {
        return kind() == kind;
    }

    @BeforeEach
    void setUp() {
        db = TestDatabase.open(kind(), 4);
        db.drop(TABLES);
    }

    @AfterEach
    void tearDown() {
        if (db != null) {
            db.drop(TABLES);
            db.close();
        }
    }

    String charset() {
        return is(TestDatabase.Kind.MARIADB) ? " DEFAULT CHARSET=utf8mb4" : "";
    }

    String timestamp(int digits) {
        return (is(TestDatabase.Kind.MARIADB) ? "DATETIME(" : "TIMESTAMP(") + digits + ")";
    }

    /** Refused by the value check itself: no driver exception behind it, and nothing written. */
    static InvalidValueException refusedBeforeSending(Throwable thrown, String column) {
        assertThat(thrown).isInstanceOf(InvalidValueException.class);
        InvalidValueException e = (InvalidValueException) thrown;
        assertThat(e.column()).contains(column);
        assertThat((Object) e.getCause()).as("refused before any statement was sent").isNull();
        return e;
    }

    // ---- promise 9: a key its column cannot hold exactly ----

    @Test
    void aDecimalKeyTheColumnWouldRoundIsRefusedAndFindRefusesItToo() {
        db.exec("CREATE TABLE price (" + db.identity() + ", amount NUMERIC(12, 2) NOT NULL, label VARCHAR(20), "
                + "CONSTRAINT price_amount_key UNIQUE (amount))" + charset());
        EdgeEntities_PriceDao dao = new EdgeEntities_PriceDao(db.jdbi);
        InvalidValueException e = refusedBeforeSending(
                catchThrowableOfType(() -> dao.getOrCreateByAmount(new BigDecimal("1.005")), Throwable.class), "amount");
        assertThat(e.getMessage()).contains("scale").contains("1.005");
        refusedBeforeSending(catchThrowableOfType(() -> dao.findByAmount(new BigDecimal("1.005")), Throwable.class),
                "amount");
        refusedBeforeSending(catchThrowableOfType(() -> dao.getOrCreateByAmount(new BigDecimal("12345678901")),
                Throwable.class), "amount");
        assertThat(db.count("price")).isZero();

        Outcome<Price> created = dao.getOrCreateByAmount(new BigDecimal("1.50"));
        assertThat(created.created()).isTrue();
        assertThat(dao.getOrCreateByAmount(new BigDecimal("1.5")).created()).isFalse();
        assertThat(dao.findByAmount(new BigDecimal("1.500"))).contains(created.entity());
    }

    @Test
    void fractionalSecondsBeyondTheColumnAreRefusedForKeysAndRoundedForOthers() {
        db.exec("CREATE TABLE moment (" + db.identity() + ", at " + timestamp(3) + " NOT NULL, time TIME, "
                + "label VARCHAR(20), CONSTRAINT moment_at_key UNIQUE (at))" + charset());
        EdgeEntities_MomentDao dao = new EdgeEntities_MomentDao(db.jdbi);
        LocalDateTime nanos = LocalDateTime.of(2026, 11, 26, 8, 15, 30, 123_456_789);
        refusedBeforeSending(catchThrowableOfType(() -> dao.getOrCreateByAt(nanos), Throwable.class), "at");
        assertThat(db.count("moment")).isZero();

        LocalDateTime millis = LocalDateTime.of(2026, 11, 26, 8, 15, 30, 123_000_000);
        Outcome<Moment> created = dao.getOrCreateByAt(millis, d -> d.time(LocalTime.of(8, 15, 30, 654_321_000)));
        assertThat(created.created()).isTrue();
        assertThat(created.entity().at()).isEqualTo(millis);
        // A TIME without fractional digits rounds or truncates a non-key value; the entity shows what is stored.
        assertThat(dao.findByAt(millis)).contains(created.entity());
        assertThat(dao.getOrCreateByAt(millis).created()).isFalse();
    }

    @Test
    void stringKeysLongerThanTheColumnAreRefusedUnlessTheComparisonIgnoresTheExcess() {
        db.exec("CREATE TABLE code (" + db.identity() + ", code VARCHAR(5) NOT NULL, note VARCHAR(10), "
                + "CONSTRAINT code_code_key UNIQUE (code), CONSTRAINT code_note_key UNIQUE (note))" + charset());
        EdgeEntities_CodeDao dao = new EdgeEntities_CodeDao(db.jdbi);
        refusedBeforeSending(catchThrowableOfType(() -> dao.getOrCreateByCode("abcdef"), Throwable.class), "code");
        if (is(TestDatabase.Kind.MARIADB)) {
            // A PAD SPACE collation compares 'abcde ' and 'abcde' equal: the trimmed key is found again.
            Outcome<Code> created = dao.getOrCreateByCode("abcde ");
            assertThat(created.created()).isTrue();
            assertThat(dao.getOrCreateByCode("abcde").created()).isFalse();
            assertThat(dao.getOrCreateByCode("abcde ").created()).isFalse();
        } else {
            // Trailing spaces count in the comparison: the trimmed row would never be found by this key.
            refusedBeforeSending(catchThrowableOfType(() -> dao.getOrCreateByCode("abcde "), Throwable.class), "code");
            assertThat(db.count("code")).isZero();
        }
    }

    @Test
    void integerKeysOutOfTheColumnsRangeAreRefused() {
        db.exec("CREATE TABLE counter (" + db.identity() + ", n SMALLINT NOT NULL, CONSTRAINT counter_n_key UNIQUE (n))"
                + charset());
        EdgeEntities_CounterDao dao = new EdgeEntities_CounterDao(db.jdbi);
        refusedBeforeSending(catchThrowableOfType(() -> dao.getOrCreateByN(70_000), Throwable.class), "n");
        refusedBeforeSending(catchThrowableOfType(() -> dao.findByN(-40_000), Throwable.class), "n");
        assertThat(dao.getOrCreateByN(32_767).created()).isTrue();
        assertThat(dao.getOrCreateByN(32_767).created()).isFalse();
    }

    @Test
    void aLoneSurrogateKeyIsRefused() {
        EdgeEntities_CodeDao dao = codes();
        refusedBeforeSending(catchThrowableOfType(() -> dao.getOrCreateByCode("a\uD800b"), Throwable.class), "code");
        refusedBeforeSending(catchThrowableOfType(() -> dao.findByCode("\uDC00"), Throwable.class), "code");
        assertThat(dao.getOrCreateByCode("\uD83D\uDE00").created()).isTrue(); // a well-formed pair is fine
    }

    EdgeEntities_CodeDao codes() {
        db.exec("CREATE TABLE code (" + db.identity() + ", code VARCHAR(20) NOT NULL, note VARCHAR(20), "
                + "CONSTRAINT code_code_key UNIQUE (code), CONSTRAINT code_note_key UNIQUE (note))" + charset());
        return new EdgeEntities_CodeDao(db.jdbi);
    }

    // ---- promises 4 and 11: our exceptions only, each saying what happened ----

    @Test
    void aUniqueViolationOnAnotherConstraintNamesThatConstraint() {
        EdgeEntities_CodeDao dao = codes();
        dao.getOrCreateByCode("one", d -> d.note("same"));
        IntegrityViolationException e = catchThrowableOfType(
                () -> dao.getOrCreateByCode("two", d -> d.note("same")), IntegrityViolationException.class);
        assertThat(e.kind()).isEqualTo(IntegrityViolationException.Kind.UNIQUE);
        assertThat(e.table()).isEqualTo("code");
        assertThat(e.constraint()).hasValueSatisfying(c -> assertThat(c).isEqualToIgnoringCase("code_note_key"));
        assertThat((Object) e.getCause()).isNotNull();
        assertThat(db.count("code")).isEqualTo(1);
    }

    @Test
    void aNotNullColumnWithoutDefaultLeftOutOfTheInsertIsANotNullViolation() {
        db.exec("CREATE TABLE member (" + db.identity() + ", email VARCHAR(50) NOT NULL, nick VARCHAR(20), "
                + "joined " + timestamp(0) + " NOT NULL, CONSTRAINT member_email_key UNIQUE (email))" + charset());
        EdgeEntities_MemberDao dao = new EdgeEntities_MemberDao(db.jdbi);
        IntegrityViolationException e = catchThrowableOfType(() -> dao.getOrCreateByEmail("a@example.com"),
                IntegrityViolationException.class);
        assertThat(e.kind()).isEqualTo(IntegrityViolationException.Kind.NOT_NULL);
        assertThat(e.table()).isEqualTo("member");
        assertThat(db.count("member")).isZero();
    }

    @Test
    void aStoredEnumNameWithoutAConstantIsAGetOrCreateExceptionSayingSo() {
        db.exec("CREATE TABLE shirt (" + db.identity() + ", name VARCHAR(20) NOT NULL, size VARCHAR(10), "
                + "CONSTRAINT shirt_name_key UNIQUE (name))" + charset());
        db.exec("INSERT INTO shirt (name, size) VALUES ('tee', 'MEDIUM')");
        EdgeEntities_ShirtDao dao = new EdgeEntities_ShirtDao(db.jdbi);
        GetOrCreateException e = catchThrowableOfType(() -> dao.findByName("tee"), GetOrCreateException.class);
        assertThat(e.getMessage()).contains("MEDIUM").contains(Size.class.getName());
        assertThat(dao.getOrCreateByName("polo", d -> d.size(Size.LARGE)).entity().size()).isEqualTo(Size.LARGE);
    }

    @Test
    void whatTheDefaultsThrowPassesUnchangedAndNothingIsWritten() {
        EdgeEntities_CodeDao dao = codes();
        IllegalStateException mine = new IllegalStateException("mine");
        assertThatThrownBy(() -> dao.getOrCreateByCode("x", d -> {
            d.note("half");
            throw mine;
        })).isSameAs(mine);
        assertThat(db.count("code")).isZero();
        assertThatThrownBy(() -> dao.getOrCreateByCode("x", d -> d.code("y")))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(db.count("code")).isZero();
    }

    @Test
    void aPoolWithNoConnectionToGiveIsReportedOnceNotRetriedAsALostConnection() throws Exception {
        codes();
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(db.dataSource.getJdbcUrl());
        config.setMaximumPoolSize(1);
        config.setConnectionTimeout(250);
        try (HikariDataSource pool = new HikariDataSource(config); Connection held = pool.getConnection()) {
            EdgeEntities_CodeDao dao = new EdgeEntities_CodeDao(Jdbi.create(pool));
            GetOrCreateException e = catchThrowableOfType(() -> dao.getOrCreateByCode("x"), GetOrCreateException.class);
            assertThat(e.getMessage()).contains("pool");
            assertThat(e.getSuppressed()).as("no retries").isEmpty();
            assertThat(held.isValid(1)).isTrue();
        }
    }

    @Test
    void anInterruptedThreadGetsAGetOrCreateExceptionAndKeepsItsFlag() {
        EdgeEntities_CodeDao dao = codes();
        Thread.currentThread().interrupt();
        try {
            GetOrCreateException e = catchThrowableOfType(() -> dao.getOrCreateByCode("x"), GetOrCreateException.class);
            assertThat(e.getMessage()).contains("interrupt");
            assertThat(Thread.currentThread().isInterrupted()).isTrue();
        } finally {
            Thread.interrupted();
        }
        assertThat(dao.getOrCreateByCode("x").created()).isTrue();
    }

    // ---- promise 12: a hit never writes ----

    @Test
    void aHitSucceedsOnAReadOnlyConnection() throws Exception {
        EdgeEntities_CodeDao dao = codes();
        Code row = dao.getOrCreateByCode("ro").entity();
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(db.dataSource.getJdbcUrl());
        config.setMaximumPoolSize(1);
        config.setReadOnly(true);
        try (HikariDataSource readOnly = new HikariDataSource(config)) {
            EdgeEntities_CodeDao reader = new EdgeEntities_CodeDao(Jdbi.create(readOnly));
            assertThat(reader.getOrCreateByCode("ro")).isEqualTo(new Outcome<>(row, false));
            try (Handle h = Jdbi.create(readOnly).open()) {
                assertThat(reader.on(h).getOrCreateByCode("ro")).isEqualTo(new Outcome<>(row, false));
            }
        }
    }

    // ---- issue 7, finding 5: the entity equals the stored row in any JVM time zone ----

    @Test
    void aLocalDateTimeInADaylightSavingGapOfTheJvmZoneRoundTrips() {
        TimeZone original = TimeZone.getDefault();
        // St. John's: daylight saving, and an offset of -3:30; 2026-03-08 02:30 does not exist there.
        TimeZone.setDefault(TimeZone.getTimeZone("America/St_Johns"));
        try (TestDatabase zoned = TestDatabase.open(kind(), 2)) {
            zoned.exec("CREATE TABLE visit (" + zoned.identity() + ", name VARCHAR(20) NOT NULL, at " + timestamp(6)
                    + ", CONSTRAINT visit_name_key UNIQUE (name))" + charset());
            EdgeEntities_VisitDao dao = new EdgeEntities_VisitDao(zoned.jdbi);
            LocalDateTime gap = LocalDateTime.of(2026, 3, 8, 2, 30, 15, 250_000_000);
            Visit created = dao.getOrCreateByName("gap", d -> d.at(gap)).entity();
            assertThat(created.at()).isEqualTo(gap);
            assertThat(dao.findByName("gap").orElseThrow().at()).isEqualTo(gap);
            String stored = zoned.jdbi.withHandle(h -> h.createQuery("SELECT CAST(at AS "
                    + (is(TestDatabase.Kind.MARIADB) ? "CHAR" : "VARCHAR") + ") FROM visit").mapTo(String.class).one());
            assertThat(stored).startsWith("2026-03-08").contains("02:30:15.25");
        } finally {
            TimeZone.setDefault(original);
        }
    }
}
