package io.getorcreate.benchmarks;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.Locale;
import java.util.UUID;
import javax.sql.DataSource;
import org.jdbi.v3.core.Jdbi;

/** One benchmark database: a pool, and the bench_item table with its hit keys. */
final class Database implements AutoCloseable {
    enum Kind { H2, POSTGRES, MARIADB }

    static final int HIT_KEYS = 10_000;

    final Kind kind;
    final HikariDataSource pool;

    Database(String name, int poolSize) throws SQLException {
        this.kind = Kind.valueOf(name.toUpperCase(Locale.ROOT));
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(switch (kind) {
            case H2 -> "jdbc:h2:mem:bench-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1";
            case POSTGRES -> env("GETORCREATE_POSTGRES_URL", "jdbc:postgresql://127.0.0.1:5432/test?user=postgres");
            case MARIADB -> env("GETORCREATE_MARIADB_URL", "jdbc:mariadb://127.0.0.1:3306/test?user=root");
        });
        config.setMaximumPoolSize(poolSize);
        config.setMinimumIdle(poolSize);
        this.pool = new HikariDataSource(config);
        Jdbi jdbi = Jdbi.create(pool);
        jdbi.useHandle(h -> h.execute("DROP TABLE IF EXISTS bench_item"));
        new BenchItemDao(jdbi).createTable();
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

    DataSource dataSource() {
        return pool;
    }

    @Override
    public void close() {
        pool.close();
    }
}
