package io.getorcreate.benchmarks;

import java.sql.Connection;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import javax.sql.DataSource;

/**
 * Counts, for each {@link BulkContender}, database and scenario of {@link BulkBenchmark}, the JDBC calls
 * per batch of 1,000 keys (one chunk of the DAO) that send something: statements executed, and
 * transaction control (autocommit switches, COMMIT, ROLLBACK, savepoints), after a warm-up, single
 * thread. It also checks every contender's answer: each position's row is the row the table holds for
 * that key, and where the contender reports {@code created}, the flags are the scenario's.
 *
 * <p>Usage: {@code java -cp benchmarks/target/benchmarks.jar io.getorcreate.benchmarks.BulkStatementCounter}
 */
public final class BulkStatementCounter {
    private static final int BATCHES = 4;
    private static final List<String> SCENARIOS = List.of("allMiss", "allHit", "half");

    public static void main(String[] args) throws Exception {
        List<String> contenders = List.of("bulk", "loop", "floor", "floorloop", "django");
        System.out.println("Statements + transaction-control calls per batch of 1,000 keys (one chunk):");
        System.out.println();
        System.out.println("| database | contender | all-miss | all-hit | half |");
        System.out.println("|---|---|---|---|---|");
        for (String db : List.of("h2", "postgres", "mariadb")) {
            for (String name : contenders) {
                try (Database database = new Database(db, 4)) {
                    AtomicLong statements = new AtomicLong();
                    AtomicLong control = new AtomicLong();
                    DataSource counted = StatementCounter.counting(database.dataSource(), statements, control);
                    try (BulkContender contender = BulkContender.create(name, database, counted)) {
                        String run = UUID.randomUUID().toString().substring(0, 8);
                        AtomicLong counter = new AtomicLong();
                        for (String scenario : SCENARIOS) { // warm-up: schema check, statement caches
                            contender.getOrCreateAll(keys(scenario, run + "w", counter, 11));
                        }
                        List<String> cells = new ArrayList<>();
                        for (String scenario : SCENARIOS) {
                            long s0 = statements.get();
                            long c0 = control.get();
                            for (int b = 0; b < BATCHES; b++) {
                                List<String> names = keys(scenario, run, counter, b * 1009);
                                check(database, scenario, name, names, contender.getOrCreateAll(names));
                            }
                            cells.add(String.format(Locale.ROOT, "%s + %s", per(statements.get() - s0),
                                    per(control.get() - c0)));
                        }
                        System.out.printf(Locale.ROOT, "| %s | %s | %s |%n", db, name, String.join(" | ", cells));
                    }
                }
            }
        }
    }

    private static String per(long calls) {
        double v = calls / (double) BATCHES;
        return v == Math.rint(v) ? String.valueOf((long) v) : String.format(Locale.ROOT, "%.2f", v);
    }

    static List<String> keys(String scenario, String run, AtomicLong counter, int start) {
        int hitEvery = switch (scenario) {
            case "allMiss" -> 0;
            case "allHit" -> 1;
            default -> 2;
        };
        List<String> names = new ArrayList<>(BulkBenchmark.BATCH);
        for (int i = 0; i < BulkBenchmark.BATCH; i++) {
            names.add(hitEvery > 0 && i % hitEvery == 0 ? BulkBenchmark.hit(start, i)
                    : "bulk-" + run + "-" + counter.incrementAndGet());
        }
        return names;
    }

    // Every position holds the table's row for its key; created flags, where given, are the scenario's.
    private static void check(Database database, String scenario, String contender, List<String> names,
            BulkContender.Rows result) throws Exception {
        Map<String, BenchItem> stored;
        try (Connection c = database.dataSource().getConnection()) {
            int[] all = new int[names.size()];
            Arrays.setAll(all, i -> i);
            stored = BulkContender.selectIn(c, new HashMap<>(), names, all);
        }
        for (int i = 0; i < names.size(); i++) {
            BenchItem row = result.rows()[i];
            BenchItem expected = stored.get(names.get(i));
            if (expected == null || row == null || !expected.id().equals(row.id())) {
                throw new AssertionError(contender + " on " + database.kind + ", " + scenario + ": position " + i + " ("
                        + names.get(i) + ") returned " + row + ", the table holds " + expected);
            }
            if (result.created() != null) {
                boolean shouldCreate = switch (scenario) {
                    case "allMiss" -> true;
                    case "allHit" -> false;
                    default -> i % 2 == 1;
                };
                if (result.created()[i] != shouldCreate) {
                    throw new AssertionError(contender + " on " + database.kind + ", " + scenario + ": position " + i
                            + " created=" + result.created()[i]);
                }
            }
        }
    }

    private BulkStatementCounter() {}
}
