package io.getorcreate.stress;

import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HexFormat;
import java.util.StringJoiner;

/**
 * One stress run's own place on a shared server, so that runs at the same time (two checkouts, a
 * developer's and a CI's) neither drop each other's {@code stress_key} nor kill each other's
 * connections: a schema (PostgreSQL, named in the URL's {@code currentSchema}) or a database (MariaDB,
 * in place of the URL's) called {@code goc_stress_<run id>}, and on PostgreSQL an
 * {@code ApplicationName} {@code gocstress-<run id>} that every connection of the run carries.
 * {@link #close()} drops the schema, CASCADE.
 */
final class RunSchema implements AutoCloseable {
    private static final SecureRandom RANDOM = new SecureRandom();

    final Config.Db db;
    /** The URL from the environment, outside any run. */
    final String baseUrl;
    /** The schema (PostgreSQL) or database (MariaDB) of this run. */
    final String name;
    /** What marks this run's connections to the fault injector: the application name or the database. */
    final String marker;
    /** The URL the run's connections use: its schema and, on PostgreSQL, its application name. */
    final String url;
    private boolean dropped;

    private RunSchema(Config.Db db, String baseUrl, String runId) {
        this.db = db;
        this.baseUrl = baseUrl;
        this.name = "goc_stress_" + runId;
        if (db == Config.Db.POSTGRES) {
            this.marker = "gocstress-" + runId;
            this.url = withParam(withParam(baseUrl, "currentSchema", name), "ApplicationName", marker);
        } else {
            this.marker = name;
            this.url = withDatabase(baseUrl, name);
        }
    }

    static String newRunId() {
        byte[] bytes = new byte[5];
        RANDOM.nextBytes(bytes);
        return HexFormat.of().formatHex(bytes);
    }

    /** Creates the run's schema on a PostgreSQL or MariaDB server given by {@code baseUrl}. */
    static RunSchema create(Config.Db db, String baseUrl, String runId) throws SQLException {
        if (db == Config.Db.H2) {
            throw new IllegalArgumentException("H2 runs use a database file of their own");
        }
        RunSchema run = new RunSchema(db, baseUrl, runId);
        try (Connection c = DriverManager.getConnection(baseUrl); Statement st = c.createStatement()) {
            st.execute(db == Config.Db.POSTGRES ? "CREATE SCHEMA " + run.name
                    : "CREATE DATABASE " + run.name + " CHARACTER SET utf8mb4");
        }
        return run;
    }

    /** Drops the run's schema or database, CASCADE; again a no-op. Retried while a restarted server comes back. */
    @Override
    public synchronized void close() {
        if (dropped) {
            return;
        }
        SQLException last = null;
        for (int attempt = 0; attempt < 10; attempt++) {
            try (Connection c = DriverManager.getConnection(baseUrl); Statement st = c.createStatement()) {
                st.execute(db == Config.Db.POSTGRES ? "SET lock_timeout = '30s'" : "SET SESSION lock_wait_timeout = 30");
                st.execute(db == Config.Db.POSTGRES ? "DROP SCHEMA IF EXISTS " + name + " CASCADE"
                        : "DROP DATABASE IF EXISTS " + name);
                dropped = true;
                return;
            } catch (SQLException e) {
                last = e;
                try {
                    Thread.sleep(1000); // waiting for a restarted server, not synchronising threads
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    break;
                }
            }
        }
        System.err.println("Could not drop the stress run's " + db + " schema " + name + ": "
                + (last == null ? "interrupted" : last.getMessage()));
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
}
