package io.getorcreate.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.getorcreate.GetOrCreateException;
import java.io.PrintWriter;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.logging.Logger;
import javax.sql.DataSource;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A connection killed by the server: a DAO-owned get-or-create retries on a fresh connection; inside a
 * caller's transaction it throws. The data source keeps one physical connection (as a pool would) and
 * replaces it only once the driver has noticed it is dead, so the kill is always met.
 */
abstract class ConnectionLossTest {
    TestDatabase db;
    OneConnection source;
    Entities_TagDao tags;

    abstract TestDatabase.Kind kind();

    abstract String backendId(Handle h);

    abstract String killSql(String backendId);

    @BeforeEach
    void setUp() throws SQLException {
        db = TestDatabase.open(kind(), 2);
        db.drop("tag");
        new Entities_TagDao(db.jdbi).createTable();
        source = new OneConnection(db.url()); // the run's schema, like the pool
        tags = new Entities_TagDao(Jdbi.create(source));
    }

    @AfterEach
    void tearDown() throws SQLException {
        if (db != null) {
            db.drop("tag");
            db.close();
        }
        if (source != null) {
            source.physical.close();
        }
    }

    private void killTheConnection() {
        String id = Jdbi.create(source).withHandle(this::backendId);
        db.exec(killSql(id));
    }

    @Test
    void daoOwnedGetOrCreateRetriesOnAFreshConnection() {
        assertThat(tags.getOrCreateByName("before").created()).isTrue();
        killTheConnection();
        assertThat(tags.getOrCreateByName("after").created()).isTrue();
        assertThat(source.opened).hasValue(2);
        assertThat(tags.findByName("after")).isPresent();
    }

    @Test
    void insideACallersTransactionItThrows() {
        assertThat(tags.getOrCreateByName("before").created()).isTrue();
        Jdbi jdbi = Jdbi.create(source);
        String id = jdbi.withHandle(this::backendId);
        assertThatThrownBy(() -> jdbi.useTransaction(h -> {
            db.exec(killSql(id));
            tags.on(h).getOrCreateByName("lost");
        })).hasStackTraceContaining("caller's transaction is gone");
        assertThat(new Entities_TagDao(db.jdbi).findByName("lost")).isEmpty();
    }

    /** Hands out one physical connection at a time; opens another once the driver calls it closed. */
    static final class OneConnection implements DataSource {
        final String url;
        final AtomicInteger opened = new AtomicInteger();
        Connection physical;

        OneConnection(String url) {
            this.url = url;
        }

        @Override
        public synchronized Connection getConnection() throws SQLException {
            if (physical == null || physical.isClosed()) {
                physical = DriverManager.getConnection(url);
                opened.incrementAndGet();
            }
            Connection target = physical;
            return (Connection) Proxy.newProxyInstance(Connection.class.getClassLoader(),
                    new Class<?>[] {Connection.class}, (proxy, method, args) -> {
                        if (method.getName().equals("close")) {
                            if (!target.isClosed() && !target.getAutoCommit()) {
                                target.setAutoCommit(true);
                            }
                            return null;
                        }
                        try {
                            return method.invoke(target, args);
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
        public <T> T unwrap(Class<T> iface) {
            return null;
        }

        @Override
        public boolean isWrapperFor(Class<?> iface) {
            return false;
        }
    }
}
