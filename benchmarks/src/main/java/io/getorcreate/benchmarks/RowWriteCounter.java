package io.getorcreate.benchmarks;

import com.zaxxer.hikari.HikariDataSource;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicLong;
import org.h2.api.Trigger;

/**
 * Rows written to {@code bench_item}, read before and after a scenario: inserted, updated with a changed
 * note, and passed through an UPDATE with the note it held (a row-level UPDATE trigger fires for those).
 * <ul>
 *   <li>PostgreSQL: {@code n_tup_ins} and {@code n_tup_upd} of {@code pg_stat_user_tables} (row versions
 *       written, so an UPDATE to the same value counts as updated). A backend sends its counts to the
 *       shared statistics at most once a second; {@code pg_stat_force_next_flush()} on every connection of
 *       the pool makes each send them before it answers, and the read, in a new transaction, sees them.
 *   <li>MariaDB: rows inserted from the table's row count, rows changed from a column of the counter's
 *       table that MariaDB stamps only when an UPDATE changes a row ({@code ON UPDATE CURRENT_TIMESTAMP(6)}):
 *       no triggers, since the DAO takes another algorithm on a table with INSERT or UPDATE triggers, and
 *       not the sessions' {@code Handler_update}, which also counts rows of a query's internal temporary
 *       table (such as the DAO's {@code DENSE_RANK()} over the keys).
 *   <li>H2: AFTER INSERT and AFTER UPDATE row triggers, this class, counting in memory (the DAO's H2
 *       algorithm does not depend on triggers).
 * </ul>
 */
public final class RowWriteCounter implements Trigger {
    private static final AtomicLong INSERTED = new AtomicLong();
    private static final AtomicLong CHANGED = new AtomicLong();
    private static final AtomicLong SAME = new AtomicLong();

    /** Rows inserted, updated with a change, and updated to the value they held (-1: the database cannot tell). */
    record Counts(long inserted, long changed, long same) {
        Counts minus(Counts o) {
            return new Counts(inserted - o.inserted, changed - o.changed, same < 0 ? -1 : same - o.same);
        }
    }

    private final Database db;
    private final int poolSize;
    private final List<HikariDataSource> pools;
    private String changedSince = "2000-01-01 00:00:00";
    private long changedTotal;

    /** @param pools on MariaDB, every pool the contender uses (the database's, and any of its own) */
    RowWriteCounter(Database db, int poolSize, List<HikariDataSource> pools) throws SQLException {
        this.db = db;
        this.poolSize = poolSize;
        this.pools = pools;
        try (Connection c = db.dataSource().getConnection(); Statement st = c.createStatement()) {
            switch (db.kind) {
                case H2 -> {
                    st.execute("CREATE TRIGGER bench_item_counted_ins AFTER INSERT ON bench_item FOR EACH ROW CALL \""
                            + RowWriteCounter.class.getName() + "\"");
                    st.execute("CREATE TRIGGER bench_item_counted_upd AFTER UPDATE ON bench_item FOR EACH ROW CALL \""
                            + RowWriteCounter.class.getName() + "\"");
                }
                // A column that MariaDB sets only when an UPDATE changes the row: no trigger, so that the DAO
                // keeps its usual algorithm.
                case MARIADB -> st.execute("ALTER TABLE bench_item ADD COLUMN goc_changed_at TIMESTAMP(6) NOT NULL "
                        + "DEFAULT '2000-01-01 00:00:00' ON UPDATE CURRENT_TIMESTAMP(6)");
                case POSTGRES -> { }
            }
        }
    }

    /** Public for H2, which creates the trigger by name. */
    public RowWriteCounter() {
        this.db = null;
        this.poolSize = 0;
        this.pools = List.of();
    }

    @Override
    public void fire(Connection conn, Object[] oldRow, Object[] newRow) {
        if (oldRow == null) {
            INSERTED.incrementAndGet();
        } else if (Objects.equals(oldRow[2], newRow[2])) { // id, name, note
            SAME.incrementAndGet();
        } else {
            CHANGED.incrementAndGet();
        }
    }

    Counts read() throws SQLException {
        switch (db.kind) {
            case H2:
                return new Counts(INSERTED.get(), CHANGED.get(), SAME.get());
            case MARIADB:
                long rows;
                try (Connection c = db.dataSource().getConnection(); Statement st = c.createStatement();
                        ResultSet rs = st.executeQuery("SELECT COUNT(*) FROM bench_item")) {
                    rs.next();
                    rows = rs.getLong(1);
                }
                // Rows changed since the last read, by the column that an UPDATE which changes a row stamps
                // (the sessions' Handler_update would also count rows of a query's internal temporary table,
                // such as the DAO's DENSE_RANK() over the keys). Each key is updated at most once between reads.
                try (Connection c = db.dataSource().getConnection(); Statement st = c.createStatement();
                        ResultSet rs = st.executeQuery("SELECT COUNT(*), MAX(goc_changed_at) FROM bench_item "
                                + "WHERE goc_changed_at > '" + changedSince + "'")) {
                    rs.next();
                    changedTotal += rs.getLong(1);
                    if (rs.getString(2) != null) {
                        changedSince = rs.getString(2);
                    }
                }
                long updates = changedTotal;
                return new Counts(rows, updates, -1);
            default:
                Connection[] all = new Connection[poolSize];
                try {
                    for (int i = 0; i < all.length; i++) {
                        all[i] = db.dataSource().getConnection();
                        try (Statement st = all[i].createStatement()) {
                            st.execute("SELECT pg_stat_force_next_flush()");
                        }
                    }
                    try (Statement st = all[0].createStatement(); ResultSet rs = st.executeQuery(
                            "SELECT n_tup_ins, n_tup_upd FROM pg_stat_user_tables WHERE relid = 'bench_item'::regclass")) {
                        rs.next();
                        return new Counts(rs.getLong(1), rs.getLong(2), -1);
                    }
                } finally {
                    for (Connection c : all) {
                        if (c != null) {
                            c.close();
                        }
                    }
                }
        }
    }
}
