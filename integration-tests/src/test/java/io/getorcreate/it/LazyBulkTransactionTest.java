package io.getorcreate.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.getorcreate.IntegrityViolationException;
import io.getorcreate.Outcome;
import io.getorcreate.it.EdgeEntities.Code;
import java.io.PrintWriter;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.logging.Logger;
import javax.sql.DataSource;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A DAO-owned {@code getOrCreateAll} in autocommit begins its own transaction only right before a write
 * that might not be its last: a one-chunk call that writes with one statement sends no
 * {@code setAutoCommit(false)} and no COMMIT, and a call that writes more than once is still atomic.
 */
abstract class LazyBulkTransactionTest {
    TestDatabase db;
    /** The transaction calls every connection of the DAO's Jdbi received, in order. */
    final List<String> calls = new CopyOnWriteArrayList<>();
    EdgeEntities_CodeDao codes;

    abstract TestDatabase.Kind kind();

    /** SQL that answers this session's id. */
    abstract String sessionIdSql();

    /** SQL that counts the sessions waiting for a lock that the session with the id bound to its one parameter holds. */
    abstract String waitingOnSql();

    @BeforeEach
    void setUp() {
        db = TestDatabase.open(kind(), 6);
        db.drop("code");
        db.exec("CREATE TABLE code (" + db.identity() + ", code VARCHAR(40) NOT NULL, note VARCHAR(20), "
                + "CONSTRAINT code_code_key UNIQUE (code), CONSTRAINT code_note_check CHECK (note IS NULL OR note <> 'bad'))"
                + (kind() == TestDatabase.Kind.MARIADB ? " DEFAULT CHARSET=utf8mb4" : ""));
        codes = new EdgeEntities_CodeDao(Jdbi.create(new Recording(db.dataSource, calls)));
    }

    @AfterEach
    void tearDown() {
        if (db != null) {
            db.drop("code");
            db.close();
        }
    }

    @Test
    void aOneChunkCallThatWritesWithOneStatementBeginsNoTransaction() {
        codes.getOrCreateAllByCode(List.of("warm")); // the schema check's own statements
        calls.clear();
        assertThat(codes.getOrCreateAllByCode(List.of("a", "b", "a"))).extracting(Outcome::created)
                .containsExactly(true, true, false);
        assertThat(codes.getOrCreateAllByCode(List.of("b", "c"))).extracting(Outcome::created).containsExactly(false, true);
        assertThat(codes.getOrCreateAllByCode(List.of("a", "b"))).extracting(Outcome::created).containsExactly(false, false);
        assertThat(codes.getOrCreateAllByCode(List.of("d", "e", "a"), (k, d) -> d.note("n-" + k)))
                .extracting(o -> o.entity().note()).containsExactly("n-d", "n-e", null);
        assertThat(calls).isEmpty();
        assertThat(db.count("code")).isEqualTo(6);
    }

    @Test
    void aCallWhoseSecondInsertFailsCreatesNothing() {
        codes.getOrCreateAllByCode(List.of("warm"));
        calls.clear();
        // Two groups of rows (one sets note, one does not): two INSERTs, the second refused by the CHECK.
        assertThatThrownBy(() -> codes.getOrCreateAllByCode(List.of("p", "q", "r"), (k, d) -> {
            if (!k.equals("p")) {
                d.note(k.equals("r") ? "bad" : "ok");
            }
        })).isInstanceOf(IntegrityViolationException.class);
        assertThat(db.count("code")).isEqualTo(1);
        assertThat(calls).containsExactly("setAutoCommit(false)", "rollback", "setAutoCommit(true)");
        calls.clear();
        assertThat(codes.getOrCreateAllByCode(List.of("p", "q"), (k, d) -> {
            if (k.equals("q")) {
                d.note("ok");
            }
        })).extracting(Outcome::created).containsExactly(true, true);
        assertThat(calls).containsExactly("setAutoCommit(false)", "commit", "setAutoCommit(true)");
    }

    @Test
    void aCallThatFailsInItsLastChunkCreatesNothing() {
        List<String> keys = new ArrayList<>();
        for (int i = 0; i < 1_500; i++) {
            keys.add("chunked-" + i);
        }
        assertThatThrownBy(() -> codes.getOrCreateAllByCode(keys, (k, d) -> d.note(k.equals("chunked-1499") ? "bad" : "ok")))
                .isInstanceOf(IntegrityViolationException.class);
        assertThat(db.count("code")).isZero();
        assertThat(calls).containsExactly("setAutoCommit(false)", "rollback", "setAutoCommit(true)");
        calls.clear();
        assertThat(codes.getOrCreateAllByCode(keys)).allSatisfy(o -> assertThat(o.created()).isTrue());
        assertThat(calls).containsExactly("setAutoCommit(false)", "commit", "setAutoCommit(true)");
        assertThat(db.count("code")).isEqualTo(1_500);
    }

    /**
     * A concurrent creator that commits while the call's one statement waits for its row: the statement
     * cannot answer that key (PostgreSQL skips it unseen, the others refuse the whole INSERT), so the call
     * goes on in a transaction of its own, creates the other keys, and finds the creator's row.
     */
    @Test
    void aKeyWhoseCreatorCommitsDuringTheStatementIsFoundAndTheOthersCreatedInOneTransaction() throws Exception {
        codes.getOrCreateAllByCode(List.of("warm"));
        calls.clear();
        CompletableFuture<List<Outcome<Code>>> call = new CompletableFuture<>();
        try (Connection other = db.dataSource.getConnection()) {
            other.setAutoCommit(false);
            long session;
            try (Statement st = other.createStatement(); var rs = st.executeQuery(sessionIdSql())) {
                rs.next();
                session = rs.getLong(1);
                st.executeUpdate("INSERT INTO code (code) VALUES ('contended')");
            }
            Thread caller = new Thread(() -> {
                try {
                    call.complete(codes.getOrCreateAllByCode(List.of("before", "contended", "zafter")));
                } catch (Throwable e) {
                    call.completeExceptionally(e);
                }
            }, "lazy-bulk-caller");
            caller.start();
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
            while (waitingOn(session) == 0) {
                assertThat(call).isNotDone();
                if (System.nanoTime() > deadline) {
                    AssertionError e = new AssertionError("the call never waited for the concurrent creator's lock");
                    e.setStackTrace(caller.getStackTrace());
                    throw e;
                }
                Thread.sleep(20);
            }
            other.commit();
        }
        long winner = codes.findByCode("contended").orElseThrow().id();
        List<Outcome<Code>> outcomes = call.get(30, TimeUnit.SECONDS);
        assertThat(outcomes).extracting(Outcome::created).containsExactly(true, false, true);
        assertThat(outcomes.get(1).entity().id()).isEqualTo(winner);
        assertThat(db.count("code")).isEqualTo(4);
        assertThat(calls).containsExactly("setAutoCommit(false)", "commit", "setAutoCommit(true)");
    }

    private long waitingOn(long session) {
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

    /** Records the transaction calls made on its connections. */
    record Recording(DataSource target, List<String> calls) implements DataSource {
        @Override
        public Connection getConnection() throws SQLException {
            Connection c = target.getConnection();
            return (Connection) Proxy.newProxyInstance(Connection.class.getClassLoader(), new Class<?>[] {Connection.class},
                    (proxy, method, args) -> {
                        switch (method.getName()) {
                            case "setAutoCommit" -> calls.add("setAutoCommit(" + args[0] + ")");
                            case "commit", "rollback", "setSavepoint" -> calls.add(method.getName());
                            default -> { }
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
        public PrintWriter getLogWriter() {
            return null;
        }

        @Override
        public void setLogWriter(PrintWriter out) {}

        @Override
        public void setLoginTimeout(int seconds) {}

        @Override
        public int getLoginTimeout() {
            return 0;
        }

        @Override
        public Logger getParentLogger() {
            return Logger.getGlobal();
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
