package io.getorcreate.benchmarks;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
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
 *   <li>MariaDB: AFTER INSERT and AFTER UPDATE row triggers that count into a table of the benchmark's
 *       own database (in the writer's transaction, so a rolled-back write is not counted).
 *   <li>H2: the same triggers, this class, counting in memory.
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

    RowWriteCounter(Database db, int poolSize) throws SQLException {
        this.db = db;
        this.poolSize = poolSize;
        try (Connection c = db.dataSource().getConnection(); Statement st = c.createStatement()) {
            switch (db.kind) {
                case H2 -> {
                    st.execute("CREATE TRIGGER bench_item_counted_ins AFTER INSERT ON bench_item FOR EACH ROW CALL \""
                            + RowWriteCounter.class.getName() + "\"");
                    st.execute("CREATE TRIGGER bench_item_counted_upd AFTER UPDATE ON bench_item FOR EACH ROW CALL \""
                            + RowWriteCounter.class.getName() + "\"");
                }
                case MARIADB -> {
                    st.execute("CREATE TABLE bench_row_writes (k VARCHAR(8) PRIMARY KEY, n BIGINT NOT NULL)");
                    st.execute("INSERT INTO bench_row_writes VALUES ('ins', 0), ('chg', 0), ('same', 0)");
                    st.execute("CREATE TRIGGER bench_item_counted_ins AFTER INSERT ON bench_item FOR EACH ROW "
                            + "UPDATE bench_row_writes SET n = n + 1 WHERE k = 'ins'");
                    st.execute("CREATE TRIGGER bench_item_counted_upd AFTER UPDATE ON bench_item FOR EACH ROW "
                            + "UPDATE bench_row_writes SET n = n + 1 WHERE k = IF(OLD.note <=> NEW.note, 'same', 'chg')");
                }
                case POSTGRES -> { }
            }
        }
    }

    /** Public for H2, which creates the trigger by name. */
    public RowWriteCounter() {
        this.db = null;
        this.poolSize = 0;
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
                try (Connection c = db.dataSource().getConnection(); Statement st = c.createStatement();
                        ResultSet rs = st.executeQuery("SELECT k, n FROM bench_row_writes")) {
                    long ins = 0;
                    long chg = 0;
                    long same = 0;
                    while (rs.next()) {
                        switch (rs.getString(1)) {
                            case "ins" -> ins = rs.getLong(2);
                            case "chg" -> chg = rs.getLong(2);
                            default -> same = rs.getLong(2);
                        }
                    }
                    return new Counts(ins, chg, same);
                }
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
