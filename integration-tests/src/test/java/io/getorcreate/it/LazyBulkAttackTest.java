package io.getorcreate.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.getorcreate.GetOrCreateException;
import io.getorcreate.Outcome;
import io.getorcreate.it.LazyAttackEntities.Code;
import io.getorcreate.it.LazyAttackEntities.Size;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.jdbc.datasource.TransactionAwareDataSourceProxy;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Attacks on the lazily begun transaction of a DAO-owned {@code getOrCreateAll} in autocommit: a call
 * that throws has created nothing, races inside the lone statement, lost connections, pools with
 * autoCommit off, read-only connections, and Spring's transactions. Tables lzatk_*, dropped after.
 */
abstract class LazyBulkAttackTest {
    static final String[] TABLES = {"lzatk_shirt", "lzatk_code", "lzatk_fired"};
    TestDatabase db;
    final List<String> calls = new CopyOnWriteArrayList<>();
    LazyAttackEntities_CodeDao codes;

    abstract TestDatabase.Kind kind();

    abstract String sessionIdSql();

    /** SQL that counts the sessions waiting for a lock that the session with the id bound to its one parameter holds. */
    abstract String waitingOnSql();

    String charset() {
        return kind() == TestDatabase.Kind.MARIADB ? " DEFAULT CHARSET=utf8mb4" : "";
    }

    @BeforeEach
    void setUp() {
        db = TestDatabase.open(kind(), 6);
        db.drop(TABLES);
        db.exec("CREATE TABLE lzatk_code (" + db.identity() + ", code VARCHAR(40) NOT NULL, note VARCHAR(20), "
                + "CONSTRAINT lzatk_code_key UNIQUE (code), CONSTRAINT lzatk_code_note CHECK (note IS NULL OR note <> 'bad'))"
                + charset());
        codes = new LazyAttackEntities_CodeDao(Jdbi.create(new LazyBulkTransactionTest.Recording(db.dataSource, calls)));
    }

    @AfterEach
    void tearDown() {
        if (db != null) {
            db.drop(TABLES);
            db.close();
        }
    }

    List<String> codesStored() {
        return db.jdbi.withHandle(h -> h.createQuery("SELECT code FROM lzatk_code ORDER BY code").mapTo(String.class).list());
    }

    // ---- atomicity: a call that throws has created nothing ----

    /**
     * A row that someone else stored with an enum name the record has no constant for: the call throws
     * (promise 11), and must not leave the keys it created beside it. Once failed on PostgreSQL: the lone
     * select-or-insert statement ran in autocommit and had committed by the time its rows were read; a
     * table with an enum column now always gets the call's own transaction.
     */
    @Test
    void anExistingRowWithAnUnknownEnumNameLeavesNoNewRowsOnPostgres() {
        db.exec("CREATE TABLE lzatk_shirt (" + db.identity() + ", name VARCHAR(40) NOT NULL, size VARCHAR(10), "
                + "CONSTRAINT lzatk_shirt_key UNIQUE (name))" + charset());
        db.exec("INSERT INTO lzatk_shirt (name, size) VALUES ('old', 'HUGE')");
        LazyAttackEntities_ShirtDao shirts = new LazyAttackEntities_ShirtDao(db.jdbi);
        assertThatThrownBy(() -> shirts.getOrCreateAllByName(List.of("new-1", "old", "new-2")))
                .isInstanceOf(GetOrCreateException.class).hasMessageContaining("HUGE");
        assertThat(db.count("lzatk_shirt")).as("only the row that was there").isEqualTo(1);
    }

    /**
     * The rows the call itself creates come back with a column default the enum has no constant for: the
     * call throws, and must have created nothing. Once failed on all three: the lone INSERT (RETURNING /
     * generated keys) committed in autocommit before its rows were read.
     */
    @Test
    void createdRowsWithAnUnknownEnumDefaultAreUndoneWhenTheCallThrows() {
        db.exec("CREATE TABLE lzatk_shirt (" + db.identity() + ", name VARCHAR(40) NOT NULL, size VARCHAR(10) DEFAULT 'HUGE', "
                + "CONSTRAINT lzatk_shirt_key UNIQUE (name))" + charset());
        LazyAttackEntities_ShirtDao shirts = new LazyAttackEntities_ShirtDao(db.jdbi);
        assertThatThrownBy(() -> shirts.getOrCreateAllByName(List.of("a", "b")))
                .isInstanceOf(GetOrCreateException.class).hasMessageContaining("HUGE");
        assertThat(db.count("lzatk_shirt")).isZero();
        // with defaults too (the two-statement path on PostgreSQL)
        assertThatThrownBy(() -> shirts.getOrCreateAllByName(List.of("c", "d"), (k, d) -> { }))
                .isInstanceOf(GetOrCreateException.class);
        assertThat(db.count("lzatk_shirt")).isZero();
        // and a found row with a good name and a created one with the bad default
        db.exec("INSERT INTO lzatk_shirt (name, size) VALUES ('ok', 'SMALL')");
        assertThatThrownBy(() -> shirts.getOrCreateAllByName(List.of("ok", "e")))
                .isInstanceOf(GetOrCreateException.class);
        assertThat(db.count("lzatk_shirt")).isEqualTo(1);
    }

    /** defaults throwing for a key of the last chunk, after the first chunk's INSERT ran. */
    @Test
    void defaultsThrowingInTheLastChunkLeaveNothing() {
        List<String> keys = new ArrayList<>();
        for (int i = 0; i < 1_500; i++) {
            keys.add(String.format(Locale.ROOT, "k%04d", i));
        }
        IllegalStateException mine = new IllegalStateException("mine");
        assertThatThrownBy(() -> codes.getOrCreateAllByCode(keys, (k, d) -> {
            if (k.equals("k1499")) {
                throw mine;
            }
            d.note("ok");
        })).isSameAs(mine);
        assertThat(db.count("lzatk_code")).isZero();
        assertThat(calls).contains("rollback").doesNotContain("commit");
    }

    /** Keys split into two INSERT groups (defaults set different columns); the second refused by a CHECK. */
    @Test
    void aSecondGroupRefusedAfterTheFirstGroupsInsertLeavesNothing() {
        codes.getOrCreateAllByCode(List.of("pre"));
        assertThatThrownBy(() -> codes.getOrCreateAllByCode(List.of("x", "y", "z"), (k, d) -> {
            if (k.equals("z")) {
                d.note("bad");
            }
        })).isInstanceOf(io.getorcreate.IntegrityViolationException.class);
        assertThat(codesStored()).containsExactly("pre");
        // the CHECK in the group that comes first in the map, the other group later
        assertThatThrownBy(() -> codes.getOrCreateAllByCode(List.of("x", "y", "z"), (k, d) -> {
            if (k.equals("x")) {
                d.note("bad");
            }
        })).isInstanceOf(io.getorcreate.IntegrityViolationException.class);
        assertThat(codesStored()).containsExactly("pre");
    }

    // ---- races inside the lone statement ----

    /** Holds an uncommitted row for each key on its own connection, runs the call, and ends each creator as told. */
    List<Outcome<Code>> raceAgainstCreators(List<String> keys, List<String> held, List<Boolean> commit) throws Exception {
        codes.getOrCreateAllByCode(List.of("warm"));
        calls.clear();
        CompletableFuture<List<Outcome<Code>>> call = new CompletableFuture<>();
        List<Connection> creators = new ArrayList<>();
        try {
            for (String key : held) {
                Connection c = db.dataSource.getConnection();
                creators.add(c);
                c.setAutoCommit(false);
                try (Statement st = c.createStatement()) {
                    st.executeUpdate("INSERT INTO lzatk_code (code) VALUES ('" + key + "')");
                }
            }
            long first = sessionId(creators.get(0));
            Thread caller = new Thread(() -> {
                try {
                    call.complete(codes.getOrCreateAllByCode(keys));
                } catch (Throwable e) {
                    call.completeExceptionally(e);
                }
            }, "lazy-attack-caller");
            caller.start();
            awaitWaiting(first, call);
            for (int i = 0; i < creators.size(); i++) {
                if (commit.get(i)) {
                    creators.get(i).commit();
                } else {
                    creators.get(i).rollback();
                }
                Thread.sleep(100);
            }
        } finally {
            for (Connection c : creators) {
                c.close();
            }
        }
        return call.get(30, TimeUnit.SECONDS);
    }

    @Test
    void aCreatorThatRollsBackDuringTheLoneStatementLeavesTheKeyToTheCall() throws Exception {
        List<Outcome<Code>> outcomes = raceAgainstCreators(List.of("a", "m", "z"), List.of("m"), List.of(false));
        assertThat(outcomes).extracting(Outcome::created).containsExactly(true, true, true);
        assertThat(codesStored()).containsExactly("a", "m", "warm", "z");
        assertThat(outcomes.get(1).entity().id()).isEqualTo(codes.findByCode("m").orElseThrow().id());
    }

    @Test
    void twoCreatorsOneCommitsOneRollsBack() throws Exception {
        List<Outcome<Code>> outcomes = raceAgainstCreators(List.of("a", "m", "q", "z"), List.of("m", "q"),
                List.of(true, false));
        assertThat(outcomes).extracting(Outcome::created).containsExactly(true, false, true, true);
        assertThat(codesStored()).containsExactly("a", "m", "q", "warm", "z");
        assertThat(outcomes).extracting(o -> o.entity().code()).containsExactly("a", "m", "q", "z");
    }

    @Test
    void twoCreatorsBothCommit() throws Exception {
        List<Outcome<Code>> outcomes = raceAgainstCreators(List.of("z", "q", "m", "a", "m"), List.of("m", "q"),
                List.of(true, true));
        assertThat(outcomes).extracting(Outcome::created).containsExactly(true, false, false, true, false);
        assertThat(codesStored()).containsExactly("a", "m", "q", "warm", "z");
        assertThat(outcomes.get(2).entity().id()).isEqualTo(outcomes.get(4).entity().id());
    }

    long sessionId(Connection c) throws SQLException {
        try (Statement st = c.createStatement(); var rs = st.executeQuery(sessionIdSql())) {
            rs.next();
            return rs.getLong(1);
        }
    }

    void awaitWaiting(long session, CompletableFuture<?> call) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (waitingOn(session) == 0) {
            if (call.isDone()) {
                call.get(); // the failure, if any
                throw new AssertionError("the call ended without waiting");
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("the call never waited for the concurrent creator's lock");
            }
            Thread.sleep(20);
        }
    }

    long waitingOn(long session) {
        try (Connection c = db.dataSource.getConnection(); var ps = c.prepareStatement(waitingOnSql())) {
            ps.setLong(1, session);
            try (var rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    // ---- pools with autoCommit off, read-only connections ----

    HikariDataSource pool(Supplier<HikariConfig> tweak) {
        HikariConfig config = tweak.get();
        config.setJdbcUrl(db.url());
        config.setMaximumPoolSize(2);
        return new HikariDataSource(config);
    }

    /** Promise 13: a pool handing out autoCommit=false connections; the DAO commits its own work. */
    @Test
    void aPoolOfAutoCommitOffConnectionsGetsItsWorkCommitted() {
        List<String> manual = new CopyOnWriteArrayList<>();
        try (HikariDataSource off = pool(() -> {
            HikariConfig c = new HikariConfig();
            c.setAutoCommit(false);
            return c;
        })) {
            LazyAttackEntities_CodeDao dao = new LazyAttackEntities_CodeDao(
                    Jdbi.create(new LazyBulkTransactionTest.Recording(off, manual)));
            assertThat(dao.getOrCreateAllByCode(List.of("a", "b", "a"))).extracting(Outcome::created)
                    .containsExactly(true, true, false);
            assertThat(codesStored()).containsExactly("a", "b");
            assertThat(dao.getOrCreateAllByCode(List.of("c", "d"), (k, d) -> d.note(k.equals("c") ? "x" : null)))
                    .extracting(Outcome::created).containsExactly(true, true);
            assertThat(codesStored()).containsExactly("a", "b", "c", "d");
            manual.clear();
            assertThat(dao.getOrCreateAllByCode(List.of("a", "b"))).extracting(Outcome::created)
                    .containsExactly(false, false);
            assertThat(manual).doesNotContain("setAutoCommit(true)", "setAutoCommit(false)");
            assertThat(manual).containsExactly("commit");
        }
    }

    /** Promise 12: hits on a read-only connection (JDBC's flag) succeed, in autocommit and in a transaction. */
    @Test
    void hitsOnReadOnlyConnectionsSucceed() {
        codes.getOrCreateAllByCode(List.of("a", "b"));
        for (boolean autoCommit : new boolean[] {true, false}) {
            try (HikariDataSource ro = pool(() -> {
                HikariConfig c = new HikariConfig();
                c.setReadOnly(true);
                c.setAutoCommit(autoCommit);
                return c;
            })) {
                LazyAttackEntities_CodeDao dao = new LazyAttackEntities_CodeDao(Jdbi.create(ro));
                assertThat(dao.getOrCreateAllByCode(List.of("a", "b", "a"))).extracting(Outcome::created)
                        .containsExactly(false, false, false);
                assertThat(dao.getOrCreateAllByCode(List.of("b"), (k, d) -> d.note("never"))).extracting(Outcome::created)
                        .containsExactly(false);
            }
        }
        assertThat(codesStored()).containsExactly("a", "b");
    }

    // ---- Spring ----

    /** Spring's transaction is joined, never committed: its rollback takes the call's rows. */
    @Test
    void springTransactionsAreJoinedNotCommitted() throws Exception {
        TransactionTemplate transaction = new TransactionTemplate(new DataSourceTransactionManager(db.dataSource));
        JdbcTemplate jdbc = new JdbcTemplate(db.dataSource);
        for (Jdbi jdbi : List.of(Jdbi.create(new TransactionAwareDataSourceProxy(db.dataSource)),
                SpringTransactionTest.Wiring.JDBI3_SPRING.jdbi(db.dataSource))) {
            LazyAttackEntities_CodeDao dao = new LazyAttackEntities_CodeDao(jdbi);
            transaction.executeWithoutResult(status -> {
                jdbc.update("INSERT INTO lzatk_code (code) VALUES ('spring')");
                assertThat(dao.getOrCreateAllByCode(List.of("s1", "spring", "s2"))).extracting(Outcome::created)
                        .containsExactly(true, false, true);
                assertThat(dao.getOrCreateAllByCode(List.of("s3", "s4"), (k, d) -> d.note(k.equals("s3") ? "n" : null)))
                        .extracting(Outcome::created).containsExactly(true, true);
                status.setRollbackOnly();
            });
            assertThat(db.count("lzatk_code")).isZero();
            assertThatThrownBy(() -> transaction.executeWithoutResult(status -> {
                dao.getOrCreateAllByCode(List.of("t1", "t2"));
                throw new IllegalStateException("gives up");
            })).hasMessage("gives up");
            assertThat(db.count("lzatk_code")).isZero();
            // a failing call inside Spring's transaction keeps its other work
            transaction.executeWithoutResult(status -> {
                jdbc.update("INSERT INTO lzatk_code (code) VALUES ('kept')");
                assertThatThrownBy(() -> dao.getOrCreateAllByCode(List.of("u1", "u2"), (k, d) -> d.note("bad")))
                        .isInstanceOf(io.getorcreate.IntegrityViolationException.class);
                dao.getOrCreateAllByCode(List.of("u3"));
            });
            assertThat(codesStored()).containsExactly("kept", "u3");
            db.exec("DELETE FROM lzatk_code");
        }
    }

    /** A caller's handle in autocommit, and one with a transaction it began: joined, not ended. */
    @Test
    void callersHandlesAreJoined() {
        codes.getOrCreateAllByCode(List.of("warm"));
        try (Handle h = db.jdbi.open()) {
            h.begin();
            assertThat(codes.on(h).getOrCreateAllByCode(List.of("h1", "warm"))).extracting(Outcome::created)
                    .containsExactly(true, false);
            assertThat(codes.on(h).getOrCreateAllByCode(List.of("h2", "h3"), (k, d) -> d.note(k.equals("h2") ? "x" : null)))
                    .extracting(Outcome::created).containsExactly(true, true);
            h.rollback();
        }
        assertThat(codesStored()).containsExactly("warm");
        try (Handle h = db.jdbi.open()) {
            assertThat(codes.on(h).getOrCreateAllByCode(List.of("h1", "h2"), (k, d) -> d.note(k.equals("h2") ? "x" : null)))
                    .extracting(Outcome::created).containsExactly(true, true);
            assertThat(h.isInTransaction()).isFalse();
            assertThat(h.getConnection()).satisfies(c -> assertThat(c.getAutoCommit()).isTrue());
        }
        assertThat(codesStored()).containsExactly("h1", "h2", "warm");
    }
}
