package io.getorcreate.stress;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Kills one of this run's worker connections on the server every interval, and optionally restarts
 * PostgreSQL once. Only connections that carry the run's mark are candidates: on PostgreSQL the run's
 * {@code ApplicationName}, on MariaDB the run's own database (see {@link RunSchema}); another run's
 * connections, or anyone else's on the shared database, are never touched. The PostgreSQL restart is
 * different: it restarts the whole server, so only the full run ({@code --full}) does it.
 * Runs on its own thread from {@link #start()} until {@link #close()}.
 */
final class FaultInjector implements AutoCloseable {
    private final Config.Db db;
    private final String url;
    private final String marker;
    private final long intervalMillis;
    private final long restartAfterMillis;
    private final AtomicBoolean running = new AtomicBoolean(true);
    final AtomicInteger kills = new AtomicInteger();
    final AtomicInteger restarts = new AtomicInteger();
    private Thread thread;

    /**
     * @param url a URL into the run's schema (on PostgreSQL with the run's application name)
     * @param marker the run's application name (PostgreSQL) or database (MariaDB)
     * @param restartAfterMillis when to restart PostgreSQL once, or -1 for never
     */
    FaultInjector(Config.Db db, String url, String marker, long intervalMillis, long restartAfterMillis) {
        this.db = db;
        this.url = url;
        this.marker = marker;
        this.intervalMillis = intervalMillis;
        this.restartAfterMillis = restartAfterMillis;
    }

    FaultInjector start() {
        thread = new Thread(this::run, "fault-injector");
        thread.setDaemon(true);
        thread.start();
        return this;
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

    /** Kills one connection of this run other than its own; false when there was none to kill. */
    boolean killOne() throws SQLException {
        try (Connection c = DriverManager.getConnection(url); Statement st = c.createStatement()) {
            if (db == Config.Db.POSTGRES) {
                // waits (up to 5 s) until the backend is gone, so that a kill is done when it is counted
                try (PreparedStatement ps = c.prepareStatement("SELECT pg_terminate_backend(pid, 5000) FROM (SELECT pid "
                        + "FROM pg_stat_activity WHERE application_name = ? AND pid <> pg_backend_pid() "
                        + "ORDER BY random() LIMIT 1) s")) {
                    ps.setString(1, marker);
                    try (ResultSet rs = ps.executeQuery()) {
                        return rs.next() && rs.getBoolean(1);
                    }
                }
            }
            Long id = null;
            try (PreparedStatement ps = c.prepareStatement("SELECT ID FROM information_schema.PROCESSLIST WHERE DB = ? "
                    + "AND ID <> CONNECTION_ID() AND COMMAND <> 'Daemon' ORDER BY RAND() LIMIT 1")) {
                ps.setString(1, marker);
                try (ResultSet rs = ps.executeQuery()) {
                    if (rs.next()) {
                        id = rs.getLong(1);
                    }
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
        if (thread != null) {
            thread.join(60_000);
        }
    }
}
