package io.getorcreate.it;

import static org.junit.jupiter.api.Assertions.fail;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.StringJoiner;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.Assumptions;

/**
 * A pooled connection to one of the test databases. PostgreSQL and MariaDB come from
 * GETORCREATE_POSTGRES_URL and GETORCREATE_MARIADB_URL (defaulting to the local servers); when one is
 * unreachable its tests are skipped with a message, except under CI=true, where they fail.
 *
 * <p>The entities' table names are fixed at compile time, so runs at the same time (a developer's and
 * a CI's, two checkouts) would drop each other's tables in the shared database. Each test JVM therefore
 * works in a {@link Run} of its own: on PostgreSQL a schema {@code goc_it_<random>} named in the URL's
 * {@code currentSchema}, on MariaDB a database {@code goc_it_<random>} in place of the URL's database.
 * Everything a test creates or drops lands there, and the run drops exactly that schema (and the extra
 * ones it made with {@link #createSchema()}) when the JVM ends. Each H2 pool is its own in-memory
 * database.
 */
final class TestDatabase implements AutoCloseable {
    enum Kind { H2, POSTGRES, MARIADB }

    /** The first run of each server kind in this JVM, or why the server cannot be used. */
    private static final Map<Kind, Object> CURRENT = new ConcurrentHashMap<>();
    private static final List<Run> STARTED = new CopyOnWriteArrayList<>();
    private static final SecureRandom RANDOM = new SecureRandom();

    static {
        Runtime.getRuntime().addShutdownHook(new Thread(() -> STARTED.forEach(Run::end), "test-schema-drop"));
    }

    final Kind kind;
    /** The run this pool works in; null on H2. */
    final Run run;
    private final String url;
    final HikariDataSource dataSource;
    final Jdbi jdbi;

    private TestDatabase(Kind kind, Run run, String url, int poolSize, boolean autoCommit) {
        this.kind = kind;
        this.run = run;
        this.url = url;
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(url);
        config.setMaximumPoolSize(poolSize);
        config.setAutoCommit(autoCommit);
        config.setConnectionTimeout(30_000);
        this.dataSource = new HikariDataSource(config);
        this.jdbi = Jdbi.create(dataSource);
    }

    static TestDatabase open(Kind kind, int poolSize) {
        return open(kind, poolSize, true);
    }

    static TestDatabase open(Kind kind, int poolSize, boolean autoCommit) {
        if (kind == Kind.H2) {
            return new TestDatabase(kind, null, "jdbc:h2:mem:" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1",
                    poolSize, autoCommit);
        }
        return Run.current(kind).open(poolSize, autoCommit);
    }

    /** A URL into this JVM's run: a fresh in-memory database on H2. Prefer {@link #url()} of an open pool. */
    static String url(Kind kind) {
        return kind == Kind.H2 ? "jdbc:h2:mem:" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1" : Run.current(kind).url;
    }

    /** The URL this pool connects with: the run's schema, or this pool's in-memory H2 database. */
    String url() {
        return url;
    }

    /** The schema (PostgreSQL, H2) or database (MariaDB) that unqualified table names land in. */
    String schema() {
        return run == null ? "PUBLIC" : run.schema;
    }

    /**
     * This database's URL with another search path: on PostgreSQL {@code currentSchema=a,b}, on H2 the
     * first schema current and all of them searched, on MariaDB (one database per connection) exactly one.
     */
    String urlWithSchemas(String... schemas) {
        if (schemas.length == 0) {
            throw new IllegalArgumentException("name at least one schema");
        }
        return switch (kind) {
            case POSTGRES -> withParam(url, "currentSchema", String.join(",", schemas));
            case MARIADB -> {
                if (schemas.length != 1) {
                    throw new IllegalArgumentException("MariaDB connects to one database at a time");
                }
                yield withDatabase(url, schemas[0]);
            }
            case H2 -> url + ";SCHEMA=" + schemas[0] + ";SCHEMA_SEARCH_PATH=" + String.join(",", schemas);
        };
    }

    /** A pool on this database with another search path (see {@link #urlWithSchemas}); close it. */
    TestDatabase withSchemas(int poolSize, String... schemas) {
        return new TestDatabase(kind, run, urlWithSchemas(schemas), poolSize, true);
    }

    /**
     * Creates another empty schema (database on MariaDB) with a name unique to this run, dropped with the
     * run at the end of the JVM (on H2 it lives as long as this in-memory database). Returns its name as
     * the database stores it.
     */
    String createSchema() {
        if (run != null) {
            return run.createSchema();
        }
        String name = ("goc_it_" + randomSuffix()).toUpperCase(Locale.ROOT);
        exec("CREATE SCHEMA " + name);
        return name;
    }

    /**
     * One test run's own place on a server: a schema (PostgreSQL) or database (MariaDB) named
     * {@code goc_it_<random>}, created on first use and dropped, with the extra schemas made through it,
     * by {@link #end()} or when the JVM ends. {@link #current} is this JVM's run; {@link #start} begins
     * another, as a second checkout running at the same time would.
     */
    static final class Run {
        final Kind kind;
        /** The URL from the environment, outside any run. */
        final String baseUrl;
        final String schema;
        final String url;
        private final List<String> created = new CopyOnWriteArrayList<>();

        private Run(Kind kind, String baseUrl, String schema) {
            this.kind = kind;
            this.baseUrl = baseUrl;
            this.schema = schema;
            this.url = kind == Kind.POSTGRES ? withParam(baseUrl, "currentSchema", schema) : withDatabase(baseUrl, schema);
        }

        /** This JVM's run on the server; skips (or under CI=true fails) the test when it is unreachable. */
        static Run current(Kind kind) {
            Object run = CURRENT.computeIfAbsent(kind, k -> {
                try {
                    return begin(k);
                } catch (SQLException e) {
                    return e.getMessage();
                }
            });
            if (run instanceof Run r) {
                return r;
            }
            unreachable(kind, (String) run);
            throw new AssertionError("unreachable");
        }

        /** Another run beside this JVM's: its own schema, which {@link #end()} drops. */
        static Run start(Kind kind) {
            current(kind); // skips or fails here when the server is unreachable
            try {
                return begin(kind);
            } catch (SQLException e) {
                throw new IllegalStateException("could not start another run on " + kind, e);
            }
        }

        private static Run begin(Kind kind) throws SQLException {
            Run run = new Run(kind, baseUrl(kind), "goc_it_" + randomSuffix());
            STARTED.add(run);
            run.create(run.schema);
            return run;
        }

        TestDatabase open(int poolSize, boolean autoCommit) {
            return new TestDatabase(kind, this, url, poolSize, autoCommit);
        }

        String createSchema() {
            String name = schema + "_" + randomSuffix();
            try {
                create(name);
            } catch (SQLException e) {
                throw new IllegalStateException("could not create schema " + name, e);
            }
            return name;
        }

        private void create(String name) throws SQLException {
            DriverManager.setLoginTimeout(3);
            try (Connection c = DriverManager.getConnection(baseUrl); Statement st = c.createStatement()) {
                created.add(name); // before the statement: a half-made schema is dropped too
                st.execute(kind == Kind.POSTGRES ? "CREATE SCHEMA " + name
                        : "CREATE DATABASE " + name + " CHARACTER SET utf8mb4");
            }
        }

        /** Drops every schema this run created, CASCADE; again a no-op. */
        void end() {
            if (created.isEmpty()) {
                return;
            }
            List<String> names = new ArrayList<>(created);
            created.clear();
            try (Connection c = DriverManager.getConnection(baseUrl); Statement st = c.createStatement()) {
                st.execute(kind == Kind.POSTGRES ? "SET lock_timeout = '30s'" : "SET SESSION lock_wait_timeout = 30");
                for (String name : names) {
                    st.execute(kind == Kind.POSTGRES ? "DROP SCHEMA IF EXISTS " + name + " CASCADE"
                            : "DROP DATABASE IF EXISTS " + name);
                }
            } catch (SQLException e) {
                System.err.println("Could not drop the test run's " + kind + " schemas " + names + ": " + e.getMessage());
            }
        }
    }

    /** The URL from the environment (or the local default), outside any run. */
    static String baseUrl(Kind kind) {
        return switch (kind) {
            case H2 -> throw new IllegalArgumentException("H2 has no shared database");
            case POSTGRES -> env("GETORCREATE_POSTGRES_URL", "jdbc:postgresql://127.0.0.1:5432/test?user=postgres");
            case MARIADB -> env("GETORCREATE_MARIADB_URL", "jdbc:mariadb://127.0.0.1:3306/test?user=root");
        };
    }

    /** The URL with its parameter {@code key} set to {@code value}, the other parameters kept. */
    static String withParam(String url, String key, String value) {
        int q = url.indexOf('?');
        StringJoiner params = new StringJoiner("&");
        if (q >= 0) {
            for (String p : url.substring(q + 1).split("&")) {
                if (!p.isEmpty() && !p.equals(key) && !p.startsWith(key + "=")) {
                    params.add(p);
                }
            }
        }
        params.add(key + "=" + value);
        return (q < 0 ? url : url.substring(0, q)) + "?" + params;
    }

    /** A MariaDB URL naming {@code database} instead of its own, its parameters kept. */
    static String withDatabase(String url, String database) {
        int q = url.indexOf('?');
        String head = q < 0 ? url : url.substring(0, q);
        int hosts = head.indexOf("//");
        if (hosts < 0) {
            throw new IllegalArgumentException("not a jdbc:mariadb://host/database URL: " + url);
        }
        int slash = head.indexOf('/', hosts + 2);
        return (slash < 0 ? head : head.substring(0, slash)) + "/" + database + (q < 0 ? "" : url.substring(q));
    }

    private static String randomSuffix() {
        byte[] bytes = new byte[5];
        RANDOM.nextBytes(bytes);
        return HexFormat.of().formatHex(bytes);
    }

    private static String env(String name, String fallback) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? fallback : value;
    }

    private static void unreachable(Kind kind, String problem) {
        String message = kind + " is unreachable at " + baseUrl(kind) + " (" + problem + ")";
        if ("true".equalsIgnoreCase(System.getenv("CI"))) {
            fail(message + "; under CI=true its tests must run, not skip");
        }
        System.err.println("SKIPPED: " + message + "; set GETORCREATE_" + kind + "_URL or start the server");
        Assumptions.abort(message);
    }

    void exec(String... statements) {
        jdbi.useHandle(h -> {
            for (String sql : statements) {
                h.execute(sql);
            }
        });
    }

    /** Drops tables of this run, children first; quoted per dialect so that reserved words work. */
    void drop(String... tables) {
        for (String table : tables) {
            exec("DROP TABLE IF EXISTS " + quote(table));
        }
    }

    long count(String table) {
        return jdbi.withHandle(h -> h.createQuery("SELECT COUNT(*) FROM " + quote(table)).mapTo(Long.class).one());
    }

    /** A table name quoted as the database stores it unquoted, so that reserved words work. */
    String quote(String table) {
        return switch (kind) {
            case H2 -> '"' + table.toUpperCase(java.util.Locale.ROOT) + '"';
            case POSTGRES -> '"' + table + '"';
            case MARIADB -> '`' + table + '`';
        };
    }

    /** The DDL for a database-generated BIGINT primary key column named id. */
    String identity() {
        return switch (kind) {
            case H2, POSTGRES -> "id BIGINT GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY";
            case MARIADB -> "id BIGINT AUTO_INCREMENT PRIMARY KEY";
        };
    }

    @Override
    public void close() {
        dataSource.close();
    }
}
