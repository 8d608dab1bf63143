package io.getorcreate.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.getorcreate.GetOrCreateException;
import io.getorcreate.Outcome;
import io.getorcreate.it.LazyAttackEntities.Code;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import javax.sql.DataSource;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.Test;

class PostgresLazyBulkAttackTest extends LazyBulkAttackTest {
    @Override
    TestDatabase.Kind kind() {
        return TestDatabase.Kind.POSTGRES;
    }

    @Override
    String sessionIdSql() {
        return "SELECT pg_backend_pid()";
    }

    @Override
    String waitingOnSql() {
        return "SELECT count(*) FROM pg_stat_activity WHERE ?::int = ANY(pg_blocking_pids(pid))";
    }

    /** The one session blocked by {@code holder}: the DAO's connection. */
    long blockedBy(long holder) {
        return db.jdbi.withHandle(h -> h.createQuery("SELECT pid FROM pg_stat_activity WHERE ?::int = ANY(pg_blocking_pids(pid))")
                .bind(0, holder).mapTo(Long.class).one());
    }

    void terminate(long pid) {
        boolean done = db.jdbi.withHandle(h -> h.createQuery("SELECT pg_terminate_backend(?::int)").bind(0, pid)
                .mapTo(Boolean.class).one());
        assertThat(done).isTrue();
    }

    /** Promise 12: a hit fires no statement-level INSERT trigger; a miss fires it. */
    @Test
    void hitsFireNoStatementLevelInsertTrigger() {
        db.exec("CREATE TABLE lzatk_fired (n int)",
                "CREATE OR REPLACE FUNCTION lzatk_fire() RETURNS trigger LANGUAGE plpgsql AS "
                        + "$$BEGIN INSERT INTO lzatk_fired VALUES (1); RETURN NULL; END$$",
                "CREATE TRIGGER lzatk_on_insert AFTER INSERT ON lzatk_code FOR EACH STATEMENT EXECUTE FUNCTION lzatk_fire()");
        LazyAttackEntities_CodeDao dao = new LazyAttackEntities_CodeDao(db.jdbi);
        try {
            assertThat(dao.getOrCreateAllByCode(List.of("a", "b"))).extracting(Outcome::created).containsExactly(true, true);
            long fired = db.count("lzatk_fired");
            assertThat(fired).isPositive();
            assertThat(dao.getOrCreateAllByCode(List.of("a", "b", "a"))).extracting(Outcome::created)
                    .containsExactly(false, false, false);
            assertThat(dao.getOrCreateAllByCode(List.of("b"), (k, d) -> d.note("x"))).extracting(Outcome::created)
                    .containsExactly(false);
            assertThat(db.count("lzatk_fired")).isEqualTo(fired);
        } finally {
            db.exec("DROP TABLE lzatk_code", "DROP FUNCTION IF EXISTS lzatk_fire()");
        }
    }

    HikariDataSource readOnlyServer(boolean autoCommit) {
        return pool(() -> {
            HikariConfig c = new HikariConfig();
            c.setConnectionInitSql("SET default_transaction_read_only = on");
            c.setAutoCommit(autoCommit);
            return c;
        });
    }

    /** Promise 12 on sessions whose every transaction is read-only: DAO-owned, autocommit on or off. */
    @Test
    void hitsOnAReadOnlySessionSucceed() {
        codes.getOrCreateAllByCode(List.of("a", "b"));
        for (boolean autoCommit : new boolean[] {true, false}) {
            try (HikariDataSource ro = readOnlyServer(autoCommit)) {
                LazyAttackEntities_CodeDao dao = new LazyAttackEntities_CodeDao(Jdbi.create(ro));
                assertThat(dao.getOrCreateAllByCode(List.of("a", "b", "a"))).extracting(Outcome::created)
                        .containsExactly(false, false, false);
                assertThatThrownBy(() -> dao.getOrCreateAllByCode(List.of("a", "new")))
                        .isInstanceOf(GetOrCreateException.class);
            }
        }
        assertThat(codesStored()).containsExactly("a", "b");
    }

    /**
     * Hits inside a caller's read-only transaction, first call of a fresh DAO: should succeed (promise 12).
     * Once failed: the one-statement path's INSERT CTE fails with 25006 even for all hits, and inside a
     * caller's transaction that was a TransactionRetryException; now the caller's savepoint undoes it and
     * the work runs once more, reading first. The flag it sets (serverReadOnly) stays set in the DAO's
     * schema check, so its later calls pay the two-statement path.
     */
    @Test
    void hitsInACallersReadOnlyTransactionSucceed() {
        codes.getOrCreateAllByCode(List.of("a", "b"));
        LazyAttackEntities_CodeDao dao = new LazyAttackEntities_CodeDao(db.jdbi);
        try (Handle h = db.jdbi.open()) {
            h.begin();
            h.execute("SET TRANSACTION READ ONLY");
            assertThat(dao.on(h).getOrCreateAllByCode(List.of("a", "b"))).extracting(Outcome::created)
                    .containsExactly(false, false);
            h.commit();
        }
    }

    /** The DAO's connection is killed while its lone statement waits for a concurrent creator: run again, correct. */
    @Test
    void aConnectionKilledDuringTheLoneStatementIsRunAgain() throws Exception {
        codes.getOrCreateAllByCode(List.of("warm"));
        CompletableFuture<List<Outcome<Code>>> call = new CompletableFuture<>();
        try (Connection creator = db.dataSource.getConnection()) {
            creator.setAutoCommit(false);
            long session = sessionId(creator);
            try (Statement st = creator.createStatement()) {
                st.executeUpdate("INSERT INTO lzatk_code (code) VALUES ('m')");
            }
            new Thread(() -> {
                try {
                    call.complete(codes.getOrCreateAllByCode(List.of("a", "m", "z")));
                } catch (Throwable e) {
                    call.completeExceptionally(e);
                }
            }, "lazy-attack-killed").start();
            awaitWaiting(session, call);
            terminate(blockedBy(session));
            // the call runs again on a fresh connection and waits again
            awaitWaiting(session, call);
            creator.commit();
        }
        List<Outcome<Code>> outcomes = call.get(30, TimeUnit.SECONDS);
        assertThat(outcomes).extracting(Outcome::created).containsExactly(true, false, true);
        assertThat(codesStored()).containsExactly("a", "m", "warm", "z");
    }

    /**
     * The lone statement is undone (its creator committed after its snapshot) and the call begins its
     * transaction; right then another creator takes a key the undone statement had inserted, the
     * rerun waits for it, and its connection is killed: the call runs again on a fresh connection.
     */
    @Test
    void aConnectionKilledInsideTheLateTransactionIsRunAgain() throws Exception {
        Connection late = db.dataSource.getConnection();
        late.setAutoCommit(false);
        long lateSession = sessionId(late);
        AtomicReference<Boolean> armed = new AtomicReference<>(true);
        DataSource hooked = new Hooked(db.dataSource, () -> {
            if (armed.getAndSet(false)) {
                try (Statement st = late.createStatement()) {
                    st.executeUpdate("INSERT INTO lzatk_code (code) VALUES ('w')");
                }
            }
        });
        LazyAttackEntities_CodeDao dao = new LazyAttackEntities_CodeDao(Jdbi.create(hooked));
        dao.getOrCreateAllByCode(List.of("warm"));
        armed.set(true);
        CompletableFuture<List<Outcome<Code>>> call = new CompletableFuture<>();
        try (Connection creator = db.dataSource.getConnection()) {
            creator.setAutoCommit(false);
            long session = sessionId(creator);
            try (Statement st = creator.createStatement()) {
                st.executeUpdate("INSERT INTO lzatk_code (code) VALUES ('m')");
            }
            new Thread(() -> {
                try {
                    call.complete(dao.getOrCreateAllByCode(List.of("a", "m", "w", "z")));
                } catch (Throwable e) {
                    call.completeExceptionally(e);
                }
            }, "lazy-attack-late").start();
            awaitWaiting(session, call);
            creator.commit(); // the lone statement skips m unseen, fails, is undone; the hook takes w
        }
        try {
            awaitWaiting(lateSession, call);
            terminate(blockedBy(lateSession));
            awaitWaiting(lateSession, call); // run again on a fresh connection, waits for w again
            late.commit();
        } finally {
            late.close();
        }
        List<Outcome<Code>> outcomes = call.get(30, TimeUnit.SECONDS);
        assertThat(outcomes).extracting(Outcome::created).containsExactly(true, false, false, true);
        assertThat(codesStored()).containsExactly("a", "m", "w", "warm", "z");
    }

    @FunctionalInterface
    interface Hook {
        void run() throws SQLException;
    }

    /** Runs a hook whenever a connection is asked to begin a transaction (setAutoCommit(false)), before it does. */
    record Hooked(DataSource target, Hook hook) implements DataSource {
        @Override
        public Connection getConnection() throws SQLException {
            Connection c = target.getConnection();
            return (Connection) Proxy.newProxyInstance(Connection.class.getClassLoader(), new Class<?>[] {Connection.class},
                    (proxy, method, args) -> {
                        if (method.getName().equals("setAutoCommit") && Boolean.FALSE.equals(args[0])) {
                            hook.run();
                        }
                        try {
                            return method.invoke(c, args);
                        } catch (InvocationTargetException e) {
                            throw e.getCause();
                        }
                    });
        }

        @Override
        public Connection getConnection(String user, String password) throws SQLException {
            return getConnection();
        }

        @Override
        public java.io.PrintWriter getLogWriter() {
            return null;
        }

        @Override
        public void setLogWriter(java.io.PrintWriter out) {}

        @Override
        public void setLoginTimeout(int seconds) {}

        @Override
        public int getLoginTimeout() {
            return 0;
        }

        @Override
        public java.util.logging.Logger getParentLogger() {
            return java.util.logging.Logger.getGlobal();
        }

        @Override
        public <T> T unwrap(Class<T> type) throws SQLException {
            throw new SQLException("not a wrapper");
        }

        @Override
        public boolean isWrapperFor(Class<?> type) {
            return false;
        }
    }
}
