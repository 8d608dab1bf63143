package io.getorcreate.stress;


import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import org.jdbi.v3.core.Jdbi;

/**
 * Runs every configuration (database x isolation x calling mode): three worker processes at once,
 * connection kills during the run and (with {@code --full} only) one PostgreSQL restart, then the
 * checker over their histories and the table. Prints a table and writes {@code target/stress-report.md};
 * exits 1 if any configuration broke a promise.
 *
 * <p>A run works in a schema (PostgreSQL) or database (MariaDB) of its own, named after a random run id
 * and dropped at exit, and kills only its own connections (see {@link RunSchema}), so runs at the same
 * time on a shared server leave each other alone. The PostgreSQL restart of the full run is the
 * exception: it restarts the whole server, and every other client's connections with it.
 *
 * <p>Usage: {@code StressMain [--short | --full] [--db h2,postgres,mariadb] [--config postgres-serializable-dao,...]
 * [--no-faults] [--no-restart]}; {@code --config} runs only the configurations named (to reproduce one).
 */
public final class StressMain {
    private static final int PROCESSES = 3;

    public static void main(String[] args) throws Exception {
        List<String> a = Arrays.asList(args);
        boolean full = a.contains("--full");
        boolean faults = !a.contains("--no-faults");
        boolean restart = faults && full && !a.contains("--no-restart");
        int threads = full ? 4 : 3;
        int operations = full ? 2000 : 60;
        int keys = full ? 2000 : 300;
        List<Config.Db> dbs = new ArrayList<>(List.of(Config.Db.values()));
        int dbArg = a.indexOf("--db");
        if (dbArg >= 0) {
            dbs.clear();
            for (String d : a.get(dbArg + 1).split(",")) {
                dbs.add(Config.Db.valueOf(d.trim().toUpperCase(Locale.ROOT)));
            }
        }
        int configArg = a.indexOf("--config");
        List<String> only = configArg < 0 ? List.of()
                : Arrays.asList(a.get(configArg + 1).toLowerCase(Locale.ROOT).split(","));
        Path work = Files.createTempDirectory("getorcreate-stress");
        // This run's own schema per server, dropped at exit (System.exit, an exception or Ctrl-C alike).
        String runId = RunSchema.newRunId();
        Map<Config.Db, RunSchema> runs = new java.util.concurrent.ConcurrentHashMap<>();
        Runtime.getRuntime().addShutdownHook(new Thread(() -> runs.values().forEach(RunSchema::close), "stress-schema-drop"));
        String classpath = System.getProperty("java.class.path");

        List<String> rows = new ArrayList<>();
        Map<String, Long> totalExceptions = new TreeMap<>();
        long totalOps = 0;
        long totalBulkCalls = 0;
        long totalBulkKeys = 0;
        long totalUpdateCalls = 0;
        Map<String, Long> totalUpdateOutcomes = new TreeMap<>();
        long totalUpdateAllCalls = 0;
        long totalUpdateAllKeys = 0;
        Map<String, Long> totalUpdateAllOutcomes = new TreeMap<>();
        long totalUnacknowledged = 0;
        int failed = 0;
        int kills = 0;
        int restarts = 0;
        boolean restartPending = restart;
        long started = System.nanoTime();
        for (Config.Db db : dbs) {
            for (Config.Isolation isolation : Config.Isolation.values()) {
                for (Config.Mode mode : Config.Mode.values()) {
                    Config config = new Config(db, isolation, mode);
                    if (!only.isEmpty() && !only.contains(config.name())) {
                        continue;
                    }
                    RunSchema run = db == Config.Db.H2 ? null : runs.get(db);
                    if (run == null && db != Config.Db.H2) {
                        run = RunSchema.create(db, baseUrl(db), runId);
                        runs.put(db, run);
                        System.out.println(db + ": this run works in " + run.name);
                    }
                    String url = db == Config.Db.H2 ? h2Url(work, config) : run.url;
                    boolean faultsHere = faults && db != Config.Db.H2;
                    long restartAfter = restartPending && db == Config.Db.POSTGRES ? 500 : -1;
                    restartPending &= restartAfter < 0;
                    long t0 = System.nanoTime();
                    Checker.Report report;
                    int[] injected = new int[2];
                    try (Connection holder = DriverManager.getConnection(url)) { // hosts H2's AUTO_SERVER
                        prepare(url);
                        List<Path> histories = new ArrayList<>();
                        List<Process> processes = new ArrayList<>();
                        try (FaultInjector injector = faultsHere
                                ? new FaultInjector(db, url, run.marker, 300, restartAfter).start() : null) {
                            for (int p = 0; p < PROCESSES; p++) {
                                Path history = work.resolve(config.name() + "-" + p + ".tsv");
                                histories.add(history);
                                processes.add(new ProcessBuilder("java", "-cp", classpath, Worker.class.getName(),
                                        config.name(), url, String.valueOf(threads), String.valueOf(operations),
                                        String.valueOf(keys), String.valueOf(p + 1), history.toString())
                                        .redirectErrorStream(true)
                                        .redirectOutput(work.resolve(config.name() + "-" + p + ".log").toFile())
                                        .start());
                            }
                            for (Process process : processes) {
                                if (!process.waitFor(15, TimeUnit.MINUTES)) {
                                    process.destroyForcibly();
                                    throw new IllegalStateException(config.name() + ": a worker did not finish");
                                }
                                if (process.exitValue() != 0) {
                                    throw new IllegalStateException(config.name() + ": a worker failed; see "
                                            + work.resolve(config.name() + "-*.log"));
                                }
                            }
                            if (injector != null) {
                                injector.close();
                                injected[0] = injector.kills.get();
                                injected[1] = injector.restarts.get();
                            }
                        }
                        List<Event> events = new ArrayList<>();
                        for (Path history : histories) {
                            for (String line : Files.readAllLines(history, StandardCharsets.UTF_8)) {
                                events.add(Event.parse(line));
                            }
                        }
                        Map<Long, String> owners = new HashMap<>();
                        Map<Long, String> stamps = new HashMap<>();
                        report = Checker.check(config, events, table(url, owners, stamps), owners, stamps, faultsHere);
                    }
                    double seconds = (System.nanoTime() - t0) / 1e9;
                    totalOps += report.operations();
                    totalBulkCalls += report.bulkCalls();
                    totalBulkKeys += report.bulkKeys();
                    totalUpdateCalls += report.updateCalls();
                    report.updateOutcomes().forEach((k, v) -> totalUpdateOutcomes.merge(k, v, Long::sum));
                    totalUpdateAllCalls += report.updateAllCalls();
                    totalUpdateAllKeys += report.updateAllKeys();
                    report.updateAllOutcomes().forEach((k, v) -> totalUpdateAllOutcomes.merge(k, v, Long::sum));
                    totalUnacknowledged += report.unacknowledged().size();
                    kills += injected[0];
                    restarts += injected[1];
                    report.exceptions().forEach((k, v) -> totalExceptions.merge(config.mode() + " " + k, v, Long::sum));
                    if (!report.passed()) {
                        failed++;
                        System.err.println(config.name() + " FAILED:\n" + report.problems());
                    }
                    String row = String.format(Locale.ROOT,
                            "| %s | %s | %s | %,d | %,d (%,d keys) | %,d (%s) | %,d (%,d keys: %s) | %d | %d | %s | %d | %d | %d | %d | %d | %.1f s | %s |",
                            db, isolation, mode, report.operations(), report.bulkCalls(), report.bulkKeys(),
                            report.updateCalls(), outcomeSummary(report.updateOutcomes()), report.updateAllCalls(),
                            report.updateAllKeys(), outcomeSummary(report.updateAllOutcomes()),
                            injected[0], injected[1], exceptionSummary(report.exceptions()),
                            report.duplicates().size(), report.lostCreates().size(), report.doubleCreates().size(),
                            report.otherViolations(), report.unacknowledged().size(), seconds,
                            report.passed() ? "pass" : "FAIL");
                    rows.add(row);
                    System.out.println(row);
                }
            }
        }
        double total = (System.nanoTime() - started) / 1e9;
        StringBuilder md = new StringBuilder();
        md.append("| database | isolation | mode | operations | of which getOrCreateAll | of which updateOrCreate "
                + "| of which updateOrCreateAll | kills | restarts | exceptions | duplicates | lost creates | two creators | other violations "
                + "| created unacknowledged | time | result |\n");
        md.append("|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|\n");
        rows.forEach(r -> md.append(r).append('\n'));
        md.append(String.format(Locale.ROOT, "%nTotal: %,d operations (%,d getOrCreateAll calls over %,d keys; %,d "
                + "updateOrCreate calls: %s; %,d updateOrCreateAll calls over %,d keys: %s) in %.0f s, %d connection kills, %d restarts, %d rows created unacknowledged "
                + "under faults, %d configuration(s) failed.%n%nExceptions by kind (all allowed unless a configuration "
                + "failed):%n%n", totalOps, totalBulkCalls, totalBulkKeys, totalUpdateCalls,
                outcomeSummary(totalUpdateOutcomes), totalUpdateAllCalls, totalUpdateAllKeys,
                outcomeSummary(totalUpdateAllOutcomes), total, kills, restarts, totalUnacknowledged, failed));
        totalExceptions.forEach((k, v) -> md.append("- ").append(k).append(": ").append(v).append('\n'));
        Path report = Path.of("target", "stress-report.md");
        Files.createDirectories(report.getParent());
        Files.writeString(report, md.toString(), StandardCharsets.UTF_8);
        System.out.println(md);
        System.out.println("Report written to " + report.toAbsolutePath() + "; histories in " + work);
        System.exit(failed == 0 ? 0 : 1);
    }

    /** "created 3, updated 40, unchanged 0" (the successful calls or positions; the rest threw). */
    private static String outcomeSummary(Map<String, Long> outcomes) {
        return String.format(Locale.ROOT, "created %,d, updated %,d, unchanged %,d", outcomes.getOrDefault("created", 0L),
                outcomes.getOrDefault("updated", 0L), outcomes.getOrDefault("unchanged", 0L));
    }

    private static String exceptionSummary(Map<String, Long> exceptions) {
        if (exceptions.isEmpty()) {
            return "none";
        }
        Map<String, Long> byKind = new TreeMap<>();
        // "<op> <kind>:<detail>" to "<kind>"
        exceptions.forEach((k, v) -> byKind.merge(k.replaceAll(":.*", "").replaceFirst("^\\S+ ", ""), v, Long::sum));
        StringBuilder s = new StringBuilder();
        byKind.forEach((k, v) -> s.append(s.length() == 0 ? "" : ", ").append(k).append(" ").append(v));
        return s.toString();
    }

    static String h2Url(Path work, Config config) {
        // H2 waits one second for a row lock by default; on a loaded machine a caller may wait longer for a
        // concurrent bulk call, and the timeout would end its transaction (TransactionRetryException).
        return "jdbc:h2:file:" + work.resolve("h2-" + config.name()).toAbsolutePath() + ";AUTO_SERVER=TRUE;LOCK_TIMEOUT=10000";
    }

    /** The server's URL from the environment, outside any run; {@link RunSchema} makes the run's own. */
    static String baseUrl(Config.Db db) {
        return switch (db) {
            case H2 -> throw new IllegalArgumentException("H2 runs use a database file of their own");
            case POSTGRES -> env("GETORCREATE_POSTGRES_URL", "jdbc:postgresql://127.0.0.1:5432/test?user=postgres");
            case MARIADB -> env("GETORCREATE_MARIADB_URL", "jdbc:mariadb://127.0.0.1:3306/test?user=root");
        };
    }

    private static String env(String name, String fallback) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? fallback : value;
    }

    /** A fresh stress_key in the run's own schema (the same table's previous configuration is dropped). */
    private static void prepare(String url) {
        Jdbi jdbi = Jdbi.create(url);
        jdbi.useHandle(h -> h.execute("DROP TABLE IF EXISTS stress_key"));
        new StressKeyDao(jdbi).createTable();
    }

    /**
     * Key to the ids of its rows, read after the run, into {@code owners} each row's owner (the tag of the
     * call that inserted it with defaults, createOnly or create) and into {@code stamps} each row's two
     * stamps as {@link Event#stamps} spells them; retried while a restarted server comes back.
     */
    private static Map<String, List<Long>> table(String url, Map<Long, String> owners, Map<Long, String> stamps)
            throws InterruptedException, SQLException {
        SQLException last = null;
        for (int attempt = 0; attempt < 30; attempt++) {
            try (Connection c = DriverManager.getConnection(url); Statement st = c.createStatement();
                    ResultSet rs = st.executeQuery("SELECT name, id, owner, stamp_a, stamp_b FROM stress_key")) {
                Map<String, List<Long>> rows = new HashMap<>();
                owners.clear();
                stamps.clear();
                while (rs.next()) {
                    rows.computeIfAbsent(rs.getString(1), k -> new ArrayList<>()).add(rs.getLong(2));
                    if (rs.getString(3) != null) {
                        owners.put(rs.getLong(2), rs.getString(3));
                    }
                    stamps.put(rs.getLong(2), Event.stamps(rs.getString(4), rs.getString(5)));
                }
                return rows;
            } catch (SQLException e) {
                last = e;
                Thread.sleep(1000); // waiting for a restarted server, not synchronising threads
            }
        }
        throw last;
    }

    private StressMain() {}

}
