package io.getorcreate.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.getorcreate.Outcome;
import io.getorcreate.SchemaException;
import io.getorcreate.TransactionRetryException;
import io.getorcreate.it.AttackEntities.Big;
import io.getorcreate.it.AttackEntities.Clock;
import io.getorcreate.it.AttackEntities.Local;
import io.getorcreate.it.AttackEntities.Offset;
import io.getorcreate.it.AttackEntities.Stamp;
import io.getorcreate.it.AttackEntities.Text;
import java.math.BigDecimal;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.TimeZone;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.transaction.TransactionIsolationLevel;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * An adversarial user's tries at API.md's promises on one database: time zones with daylight saving and
 * odd offsets, keys at the very edge of what their columns hold, a concurrent creator that commits
 * between the DAO's lookup and its insert under every isolation level and transaction owner, and one
 * DAO used on more than one schema. A test here fails where the runtime breaks a promise.
 */
abstract class AttackTest {
    static final String[] TABLES = {"atk_text", "atk_amount", "atk_big", "atk_stamp", "atk_offset", "atk_local",
        "atk_clock", "atk_log"};

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

    String table(String name, String keyColumn) {
        return "CREATE TABLE " + name + " (" + db.identity() + ", " + keyColumn + " NOT NULL, CONSTRAINT " + name
                + "_key UNIQUE (" + keyColumn.substring(0, keyColumn.indexOf(' ')) + "))" + charset();
    }

    AttackEntities_TextDao texts(TestDatabase on, String keyType) {
        on.exec("CREATE TABLE atk_text (" + on.identity() + ", code " + keyType + " NOT NULL, note VARCHAR(20), "
                + "CONSTRAINT atk_text_key UNIQUE (code))" + charset());
        return new AttackEntities_TextDao(on.jdbi);
    }

    static <T> void createdThenFound(Outcome<T> first, Outcome<T> second) {
        assertThat(first.created()).as("first call creates").isTrue();
        assertThat(second).as("second call finds the same row").isEqualTo(new Outcome<>(first.entity(), false));
    }

    // ---- promise 9: no false positives at the edge of a column ----

    @Test
    void multiByteKeysExactlyAtTheColumnLengthAreAccepted() {
        AttackEntities_TextDao dao = texts(db, "VARCHAR(5)");
        String accents = "\u00e9\u00e9\u00e9\u00e9\u00e9";
        createdThenFound(dao.getOrCreateByCode(accents), dao.getOrCreateByCode(accents));
        if (!is(TestDatabase.Kind.H2)) { // H2 counts UTF-16 units; PostgreSQL and MariaDB count characters
            String emoji = "\uD83D\uDE00".repeat(5);
            createdThenFound(dao.getOrCreateByCode(emoji), dao.getOrCreateByCode(emoji));
            assertThat(dao.findByCode(emoji)).isPresent();
        }
    }

    @Test
    void decimalKeysWithTrailingZerosOrANegativeScaleAreAccepted() {
        db.exec(table("atk_amount", "amount NUMERIC(12, 2)"));
        AttackEntities_AmountDao dao = new AttackEntities_AmountDao(db.jdbi);
        createdThenFound(dao.getOrCreateByAmount(new BigDecimal("1.500")), dao.getOrCreateByAmount(new BigDecimal("1.5")));
        createdThenFound(dao.getOrCreateByAmount(new BigDecimal("1E+3")),
                dao.getOrCreateByAmount(new BigDecimal("1000.00")));
        createdThenFound(dao.getOrCreateByAmount(new BigDecimal("-0.10")), dao.getOrCreateByAmount(new BigDecimal("-0.1")));
        createdThenFound(dao.getOrCreateByAmount(new BigDecimal("9999999999.99")),
                dao.getOrCreateByAmount(new BigDecimal("9999999999.990")));
        assertThat(dao.findByAmount(new BigDecimal("1E+3"))).isPresent();
    }

    @Test
    void theExtremeLongKeysAreAccepted() {
        db.exec(table("atk_big", "n BIGINT"));
        AttackEntities_BigDao dao = new AttackEntities_BigDao(db.jdbi);
        createdThenFound(dao.getOrCreateByN(Long.MAX_VALUE), dao.getOrCreateByN(Long.MAX_VALUE));
        createdThenFound(dao.getOrCreateByN(Long.MIN_VALUE), dao.getOrCreateByN(Long.MIN_VALUE));
        assertThat(dao.findByN(Long.MIN_VALUE)).isPresent();
    }

    @Test
    void charKeysAreFoundAgain() {
        AttackEntities_TextDao dao = texts(db, "CHAR(5)");
        Outcome<Text> first = dao.getOrCreateByCode("ab");
        assertThat(first.created()).isTrue();
        assertThat(dao.getOrCreateByCode("ab").created()).isFalse();
        assertThat(dao.findByCode("ab")).isPresent();
        // A trailing space within the length: CHAR's own comparison ignores it, so the lookup must too.
        Outcome<Text> spaced = dao.getOrCreateByCode("cd ");
        assertThat(spaced.created()).isTrue();
        assertThat(catchThrowable(() -> dao.getOrCreateByCode("cd "))).as("the same key again").isNull();
        assertThat(dao.findByCode("cd ")).isPresent();
        assertThat(db.count("atk_text")).isEqualTo(2);
    }

    // ---- issue 7, finding 5, for keys: time keys round-trip in any JVM zone ----

    String timestampTz() {
        return switch (kind()) {
            case H2 -> "TIMESTAMP(9) WITH TIME ZONE";
            case POSTGRES -> "TIMESTAMPTZ";
            case MARIADB -> "DATETIME(6)";
        };
    }

    String timestamp() {
        return is(TestDatabase.Kind.MARIADB) ? "DATETIME(6)" : is(TestDatabase.Kind.H2) ? "TIMESTAMP(9)" : "TIMESTAMP(6)";
    }

    String time() {
        return is(TestDatabase.Kind.H2) ? "TIME(9)" : "TIME(6)";
    }

    @ParameterizedTest
    @ValueSource(strings = {"America/St_Johns", "Asia/Kathmandu"})
    void timeKeysRoundTripInAJvmZoneWithDaylightSavingOrAnOddOffset(String zone) {
        TimeZone original = TimeZone.getDefault();
        TimeZone.setDefault(TimeZone.getTimeZone(zone));
        try (TestDatabase zoned = TestDatabase.open(kind(), 2)) {
            zoned.exec(table("atk_stamp", "at " + timestampTz()), table("atk_offset", "at " + timestampTz()),
                    table("atk_local", "at " + timestamp()), table("atk_clock", "at " + time()));
            ZoneId z = ZoneId.of(zone);
            // St. John's: 2026-03-08 02:30 falls in the spring gap, 2026-11-01 01:30 twice in the autumn;
            // Kathmandu: 1986-01-01 00:05 never happened (+05:30 became +05:45).
            List<LocalDateTime> locals = List.of(LocalDateTime.of(2026, 3, 8, 2, 30, 15, 250_000_000),
                    LocalDateTime.of(2026, 11, 1, 1, 30, 0, 500_000_000), LocalDateTime.of(1986, 1, 1, 0, 5),
                    LocalDateTime.of(1970, 1, 1, 0, 0));

            AttackEntities_LocalDao localDao = new AttackEntities_LocalDao(zoned.jdbi);
            for (LocalDateTime at : locals) {
                Outcome<Local> first = localDao.getOrCreateByAt(at);
                assertThat(first.entity().at()).as("stored LocalDateTime key %s", at).isEqualTo(at);
                createdThenFound(first, localDao.getOrCreateByAt(at));
            }

            AttackEntities_StampDao stampDao = new AttackEntities_StampDao(zoned.jdbi);
            AttackEntities_OffsetDao offsetDao = new AttackEntities_OffsetDao(zoned.jdbi);
            for (LocalDateTime local : locals) {
                ZonedDateTime earlier = ZonedDateTime.ofLocal(local, z, null).withEarlierOffsetAtOverlap();
                for (ZonedDateTime zdt : List.of(earlier, earlier.withLaterOffsetAtOverlap())) {
                    Instant instant = zdt.toInstant();
                    Outcome<Stamp> first = stampDao.getOrCreateByAt(instant);
                    if (first.created()) {
                        assertThat(first.entity().at()).isEqualTo(instant);
                        createdThenFound(first, stampDao.getOrCreateByAt(instant));
                    } else {
                        assertThat(first.entity().at()).as("a different instant found").isEqualTo(instant);
                    }
                    OffsetDateTime odt = zdt.toOffsetDateTime();
                    Outcome<Offset> firstOffset = offsetDao.getOrCreateByAt(odt);
                    assertThat(firstOffset.entity().at().toInstant()).isEqualTo(instant);
                    Outcome<Offset> sameInstantElsewhere =
                            offsetDao.getOrCreateByAt(odt.withOffsetSameInstant(ZoneOffset.ofHoursMinutes(5, 45)));
                    assertThat(sameInstantElsewhere.created()).isFalse();
                    assertThat(sameInstantElsewhere.entity().id()).isEqualTo(firstOffset.entity().id());
                }
            }
            long overlapInstants = zoned.count("atk_stamp");
            assertThat(overlapInstants).as("distinct instants, distinct rows")
                    .isEqualTo(locals.stream().map(l -> ZonedDateTime.ofLocal(l, z, null))
                            .mapToLong(zdt -> zdt.withEarlierOffsetAtOverlap().equals(zdt.withLaterOffsetAtOverlap()) ? 1 : 2)
                            .sum());

            AttackEntities_ClockDao clockDao = new AttackEntities_ClockDao(zoned.jdbi);
            for (LocalTime at : List.of(LocalTime.of(2, 30, 15, 250_000_000), LocalTime.MIDNIGHT,
                    LocalTime.of(23, 59, 59, 999_999_000))) {
                Outcome<Clock> first = clockDao.getOrCreateByAt(at);
                assertThat(first.entity().at()).isEqualTo(at);
                createdThenFound(first, clockDao.getOrCreateByAt(at));
            }
        } finally {
            TimeZone.setDefault(original);
        }
    }

    // ---- promises 3, 5, 8 and 13: a creator that commits between the DAO's lookup and its insert ----

    /** Inserts and commits {@code key} on a connection of its own, from inside the DAO's {@code defaults}. */
    void winnerCommits(String key, AtomicBoolean blocked) {
        try (Handle h = db.jdbi.open()) {
            h.execute(switch (kind()) {
                case H2 -> "SET LOCK_TIMEOUT 2000";
                case POSTGRES -> "SET lock_timeout = '2s'";
                case MARIADB -> "SET SESSION innodb_lock_wait_timeout = 2";
            });
            try {
                h.execute("INSERT INTO atk_text (code, note) VALUES (?, 'winner')", key);
            } catch (RuntimeException lockedOut) {
                blocked.set(true); // the DAO's lookup locked the key: no race can happen at this level
            }
        }
    }

    /** The loser's outcome: it found the winner's row, or (in a caller's snapshot) asks for a retry. */
    void lostTheRace(Throwable thrown, Outcome<Text> outcome, boolean retryAllowed, AtomicBoolean blocked) {
        if (blocked.get()) {
            assertThat(thrown).isNull();
            assertThat(outcome.created()).isTrue();
            return;
        }
        if (thrown != null) {
            assertThat(retryAllowed).as("only a caller's snapshot may ask for a retry, but got %s", thrown).isTrue();
            assertThat(thrown).isInstanceOf(TransactionRetryException.class);
            return;
        }
        assertThat(outcome.created()).isFalse();
        assertThat(outcome.entity().note()).isEqualTo("winner");
    }

    static boolean snapshot(TransactionIsolationLevel level) {
        return level == TransactionIsolationLevel.REPEATABLE_READ || level == TransactionIsolationLevel.SERIALIZABLE;
    }

    @ParameterizedTest
    @EnumSource(value = TransactionIsolationLevel.class, names = {"READ_COMMITTED", "REPEATABLE_READ", "SERIALIZABLE"})
    void aDaoOwnedTransactionOnAnAutoCommitOffPoolFindsALateWinnerAtAnyIsolation(TransactionIsolationLevel level)
            throws Exception {
        texts(db, "VARCHAR(20)");
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(db.url());
        config.setMaximumPoolSize(1);
        config.setAutoCommit(false);
        config.setTransactionIsolation("TRANSACTION_" + level.name());
        try (HikariDataSource pool = new HikariDataSource(config)) {
            AttackEntities_TextDao dao = new AttackEntities_TextDao(Jdbi.create(pool));
            assertThat(dao.getOrCreateByCode("warm-up").created()).isTrue();
            AtomicBoolean blocked = new AtomicBoolean();
            Outcome<Text>[] outcome = new Outcome[1];
            Throwable thrown = catchThrowable(() -> outcome[0] = dao.getOrCreateByCode("late", d -> winnerCommits("late",
                    blocked)));
            lostTheRace(thrown, outcome[0], false, blocked);
            assertThat(db.count("atk_text")).isEqualTo(2);
        }
    }

    @ParameterizedTest
    @EnumSource(value = TransactionIsolationLevel.class, names = {"READ_COMMITTED", "REPEATABLE_READ", "SERIALIZABLE"})
    void aCallersTransactionOnAHandleMeetsALateWinnerAndSurvives(TransactionIsolationLevel level) {
        AttackEntities_TextDao dao = texts(db, "VARCHAR(20)");
        dao.getOrCreateByCode("warm-up");
        AtomicBoolean blocked = new AtomicBoolean();
        try (Handle h = db.jdbi.open()) {
            h.setTransactionIsolationLevel(level);
            h.begin();
            h.execute("INSERT INTO atk_text (code, note) VALUES ('before', 'caller')");
            Outcome<Text>[] outcome = new Outcome[1];
            Throwable thrown = catchThrowable(() -> outcome[0] = dao.on(h).getOrCreateByCode("late",
                    d -> winnerCommits("late", blocked)));
            lostTheRace(thrown, outcome[0], snapshot(level), blocked);
            if (thrown == null) {
                h.execute("INSERT INTO atk_text (code, note) VALUES ('after', 'caller')");
                h.commit();
                // warm-up, before, after, and the winner's row or (where the lookup locked the winner out) the DAO's
                assertThat(db.count("atk_text")).isEqualTo(4);
            } else {
                h.rollback();
            }
        }
    }

    @ParameterizedTest
    @EnumSource(value = TransactionIsolationLevel.class, names = {"READ_COMMITTED", "REPEATABLE_READ", "SERIALIZABLE"})
    void theThreadsJdbiTransactionMeetsALateWinner(TransactionIsolationLevel level) {
        AttackEntities_TextDao dao = texts(db, "VARCHAR(20)");
        dao.getOrCreateByCode("warm-up");
        AtomicBoolean blocked = new AtomicBoolean();
        Outcome<Text>[] outcome = new Outcome[1];
        Throwable thrown = catchThrowable(() -> db.jdbi.useTransaction(level, h -> outcome[0] =
                dao.getOrCreateByCode("late", d -> winnerCommits("late", blocked))));
        lostTheRace(thrown, outcome[0], snapshot(level), blocked);
    }

    // ---- promise 13 and a pool of one: the thread's handle is joined, never a second connection taken ----

    @Test
    void aPoolOfOneConnectionServesCallsInsideTheThreadsHandleAndTransaction() {
        texts(db, "VARCHAR(20)");
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(db.url());
        config.setMaximumPoolSize(1);
        config.setConnectionTimeout(250);
        try (HikariDataSource pool = new HikariDataSource(config)) {
            Jdbi one = Jdbi.create(pool);
            AttackEntities_TextDao dao = new AttackEntities_TextDao(one);
            assertThat(one.inTransaction(h -> dao.getOrCreateByCode("tx")).created()).isTrue();
            assertThat(one.withHandle(h -> dao.getOrCreateByCode("handle")).created()).isTrue();
            boolean found = one.withHandle(h -> dao.on(h).findByCode("tx").isPresent());
            assertThat(found).isTrue();
        }
        assertThat(db.count("atk_text")).isEqualTo(2);
    }

    // ---- promise 7: the key is checked on every schema the DAO meets ----

    /** SQL that makes {@code schema} the one unqualified names resolve to, for the rest of the session. */
    String use(String schema) {
        return switch (kind()) {
            case H2 -> "SET SCHEMA " + schema;
            case POSTGRES -> "SET search_path TO " + schema;
            case MARIADB -> "USE " + schema;
        };
    }

    @Test
    void aSecondSchemaWithoutTheUniqueConstraintIsRefusedThere() {
        AttackEntities_TextDao dao = texts(db, "VARCHAR(20)");
        assertThat(dao.getOrCreateByCode("tenant-a").created()).isTrue(); // the check passes on the first schema
        String tenantB = db.createSchema();
        db.exec("CREATE TABLE " + tenantB + ".atk_text (" + db.identity() + ", code VARCHAR(20) NOT NULL, "
                + "note VARCHAR(20))" + charset()); // no unique constraint: concurrent callers could duplicate keys
        try (Handle first = db.jdbi.open(); Handle second = db.jdbi.open()) {
            try {
                first.execute(use(tenantB));
                second.execute(use(tenantB));
                // Two callers' transactions, interleaved as concurrent requests would be.
                first.begin();
                second.begin();
                Throwable one = catchThrowable(() -> dao.on(first).getOrCreateByCode("dup"));
                Throwable two = catchThrowable(() -> dao.on(second).getOrCreateByCode("dup"));
                first.commit();
                second.commit();
                long rows = first.createQuery("SELECT COUNT(*) FROM atk_text WHERE code = 'dup'").mapTo(Long.class).one();
                assertThat(rows).as("rows for the one key 'dup' in %s", tenantB).isLessThanOrEqualTo(1);
                assertThat(one).as("the DAO used on %s, whose key has no unique constraint", tenantB)
                        .isInstanceOf(SchemaException.class);
                assertThat(two).isInstanceOf(SchemaException.class);
            } finally {
                first.execute(use(db.schema()));
                second.execute(use(db.schema()));
            }
        }
    }

    // ---- promise 11: what the user's defaults throw passes unchanged, even a checked exception ----

    @SuppressWarnings("unchecked")
    static <E extends Throwable> RuntimeException sneaky(Throwable e) throws E {
        throw (E) e;
    }

    @Test
    void aCheckedExceptionFromDefaultsPassesUnchangedAndDefaultsRunOnce() {
        AttackEntities_TextDao dao = texts(db, "VARCHAR(20)");
        SQLException mine = new SQLException("the user's own lookup failed", "40001");
        AtomicInteger calls = new AtomicInteger();
        Throwable thrown = catchThrowable(() -> dao.getOrCreateByCode("k", d -> {
            calls.incrementAndGet();
            throw sneaky(mine);
        }));
        assertThat(thrown).isSameAs(mine);
        assertThat(calls).hasValue(1);
        assertThat(db.count("atk_text")).isZero();
    }
}
