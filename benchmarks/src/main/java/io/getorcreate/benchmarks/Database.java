package io.getorcreate.benchmarks;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HexFormat;
import java.util.Locale;
import java.util.StringJoiner;
import java.util.UUID;
import javax.sql.DataSource;
import org.jdbi.v3.core.Jdbi;

/**
 * One benchmark database: a pool, and the bench_item table with its hit keys. On PostgreSQL and MariaDB
 * it lives in a schema (database on MariaDB) {@code goc_bench_<random>} of its own, created here and
 * dropped by {@link #close()} (or at JVM exit), so that runs at the same time on a shared server, or the
 * integration tests, never drop each other's tables.
 */
final class Database implements AutoCloseable {
    enum Kind { H2, POSTGRES, MARIADB }

    static final int HIT_KEYS = 10_000;
    private static final SecureRandom RANDOM = new SecureRandom();

    final Kind kind;
    final HikariDataSource pool;
    /** The server's URL from the environment, outside this database's schema; null on H2. */
    private final String baseUrl;
    /** This database's own schema (PostgreSQL) or database (MariaDB); null on H2. */
    private final String schema;
    private final Thread dropAtExit;
    private boolean dropped;

    Database(String name, int poolSize) throws SQLException {
        this.kind = Kind.valueOf(name.toUpperCase(Locale.ROOT));
        byte[] suffix = new byte[5];
        RANDOM.nextBytes(suffix);
        this.baseUrl = switch (kind) {
            case H2 -> null;
            case POSTGRES -> env("GETORCREATE_POSTGRES_URL", "jdbc:postgresql://127.0.0.1:5432/test?user=postgres");
            case MARIADB -> env("GETORCREATE_MARIADB_URL", "jdbc:mariadb://127.0.0.1:3306/test?user=root");
        };
        this.schema = kind == Kind.H2 ? null : "goc_bench_" + HexFormat.of().formatHex(suffix);
        if (schema != null) {
            try (Connection c = DriverManager.getConnection(baseUrl); Statement st = c.createStatement()) {
                st.execute(kind == Kind.POSTGRES ? "CREATE SCHEMA " + schema
                        : "CREATE DATABASE " + schema + " CHARACTER SET utf8mb4");
            }
            dropAtExit = new Thread(this::dropSchema, "bench-schema-drop");
            Runtime.getRuntime().addShutdownHook(dropAtExit);
        } else {
            dropAtExit = null;
        }
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(switch (kind) {
            case H2 -> "jdbc:h2:mem:bench-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1";
            case POSTGRES -> withParam(baseUrl, "currentSchema", schema);
            case MARIADB -> withDatabase(baseUrl, schema);
        });
        config.setMaximumPoolSize(poolSize);
        config.setMinimumIdle(poolSize);
        this.pool = new HikariDataSource(config);
        Jdbi jdbi = Jdbi.create(pool);
        new BenchItemDao(jdbi).createTable(); // into this database's own, new schema
        try (Connection c = pool.getConnection();
                PreparedStatement ps = c.prepareStatement("INSERT INTO bench_item (name) VALUES (?)")) {
            for (int i = 0; i < HIT_KEYS; i++) {
                ps.setString(1, "hit-" + i);
                ps.addBatch();
            }
            ps.executeBatch();
        }
    }

    private static String env(String name, String fallback) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? fallback : value;
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

    DataSource dataSource() {
        return pool;
    }

    private synchronized void dropSchema() {
        if (schema == null || dropped) {
            return;
        }
        dropped = true;
        try (Connection c = DriverManager.getConnection(baseUrl); Statement st = c.createStatement()) {
            st.execute(kind == Kind.POSTGRES ? "DROP SCHEMA IF EXISTS " + schema + " CASCADE"
                    : "DROP DATABASE IF EXISTS " + schema);
        } catch (SQLException e) {
            System.err.println("Could not drop the benchmark's " + kind + " schema " + schema + ": " + e.getMessage());
        }
    }

    @Override
    public void close() {
        pool.close();
        dropSchema();
        if (dropAtExit != null) {
            try {
                Runtime.getRuntime().removeShutdownHook(dropAtExit);
            } catch (IllegalStateException exiting) {
                // the JVM is already exiting: the hook runs, and finds the schema dropped
            }
        }
    }
}
