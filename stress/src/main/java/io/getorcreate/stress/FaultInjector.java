package io.getorcreate.stress;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Kills one worker connection on the server every interval, and optionally restarts PostgreSQL once.
 * Runs on its own thread until {@link #close()}.
 */
final class FaultInjector implements AutoCloseable {
    static final String APPLICATION = "gocstress";

    private final Config.Db db;
    private final String url;
    private final long intervalMillis;
    private final long restartAfterMillis;
    private final AtomicBoolean running = new AtomicBoolean(true);
    final AtomicInteger kills = new AtomicInteger();
    final AtomicInteger restarts = new AtomicInteger();
    private final Thread thread;

    /** @param restartAfterMillis when to restart PostgreSQL once, or -1 for never */
    FaultInjector(Config.Db db, String url, long intervalMillis, long restartAfterMillis) {
        this.db = db;
        this.url = url;
        this.intervalMillis = intervalMillis;
        this.restartAfterMillis = restartAfterMillis;
        this.thread = new Thread(this::run, "fault-injector");
        this.thread.setDaemon(true);
        this.thread.start();
    }

    private void run() {
        long start = System.nanoTime();
        boolean restarted = false;
        while (running.get()) {
            try {
                Thread.sleep(intervalMillis); // a fault schedule, not synchronisation
            } catch (InterruptedException e) {
                return;
            }
            if (!restarted && restartAfterMillis >= 0 && (System.nanoTime() - start) / 1_000_000 > restartAfterMillis) {
                restarted = true;
                if (restartPostgres()) {
                    restarts.incrementAndGet();
                }
                continue;
            }
            try {
                if (killOne()) {
                    kills.incrementAndGet();
                }
            } catch (SQLException e) {
                // The server may be restarting; try again next tick.
            }
        }
    }

    private boolean killOne() throws SQLException {
        try (Connection c = DriverManager.getConnection(url); Statement st = c.createStatement()) {
            if (db == Config.Db.POSTGRES) {
                try (ResultSet rs = st.executeQuery("SELECT pg_terminate_backend(pid) FROM (SELECT pid FROM "
                        + "pg_stat_activity WHERE application_name = '" + APPLICATION + "' ORDER BY random() LIMIT 1) s")) {
                    return rs.next() && rs.getBoolean(1);
                }
            }
            Long id = null;
            try (ResultSet rs = st.executeQuery("SELECT ID FROM information_schema.PROCESSLIST WHERE DB = DATABASE() "
                    + "AND ID <> CONNECTION_ID() AND COMMAND <> 'Daemon' ORDER BY RAND() LIMIT 1")) {
                if (rs.next()) {
                    id = rs.getLong(1);
                }
            }
            if (id == null) {
                return false;
            }
            try {
                st.execute("KILL CONNECTION " + id);
                return true;
            } catch (SQLException gone) {
                return false; // it closed by itself in the meantime
            }
        }
    }

    private static boolean restartPostgres() {
        try {
            Process p = new ProcessBuilder("bash", "-c",
                    "pg_ctlcluster --skip-systemctl-redirect $(ls /etc/postgresql | head -1) main restart")
                    .redirectErrorStream(true).start();
            p.getInputStream().transferTo(System.err);
            return p.waitFor() == 0;
        } catch (Exception e) {
            System.err.println("PostgreSQL restart failed: " + e);
            return false;
        }
    }

    /** Stops after the current tick; a restart under way is waited for, not interrupted. */
    @Override
    public void close() throws InterruptedException {
        running.set(false);
        thread.join(60_000);
    }
}
