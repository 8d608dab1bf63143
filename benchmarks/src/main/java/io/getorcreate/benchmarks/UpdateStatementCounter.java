package io.getorcreate.benchmarks;

import com.zaxxer.hikari.HikariDataSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Counts, for each {@link UpdateContender}, database and scenario of {@link UpdateScenario}, per call and
 * per batch of 1,000 keys: the JDBC calls that send something (statements executed, and transaction
 * control: autocommit switches, COMMIT, ROLLBACK, savepoints), as {@link StatementCounter} does, and the
 * rows written ({@link RowWriteCounter}). Single thread, after a warm-up. It checks every answer: each
 * key's row is the table's, holding the key's note, and the created and updated flags are the
 * scenario's (Django's {@code update_or_create} has no updated flag; its created flag is checked).
 *
 * <p>Usage: {@code java -cp benchmarks/target/benchmarks.jar io.getorcreate.benchmarks.UpdateStatementCounter
 * [database ...]} (default: h2 postgres mariadb); prints two markdown tables.
 */
public final class UpdateStatementCounter {
    private static final int CALLS = 200;
    private static final int BATCHES = 2;
    private static final int POOL = 2;

    public static void main(String[] args) throws Exception {
        List<String> dbs = args.length > 0 ? List.of(args) : List.of("h2", "postgres", "mariadb");
        List<String> statementRows = new ArrayList<>();
        List<String> writeRows = new ArrayList<>();
        for (String db : dbs) {
            for (String name : List.of("dao", "floor", "django")) {
                try (Database database = new Database(db, POOL)) {
                    UpdateScenario.prepare(database);
                    List<HikariDataSource> pools = new ArrayList<>();
                    RowWriteCounter rows = new RowWriteCounter(database, POOL, pools);
                    AtomicLong statements = new AtomicLong();
                    AtomicLong control = new AtomicLong();
                    try (UpdateContender contender = UpdateContender.create(name, database, ds -> {
                        if (ds instanceof HikariDataSource pool) {
                            pools.add(pool);
                        }
                        return StatementCounter.counting(ds, statements, control);
                    })) {
                        String run = UUID.randomUUID().toString().substring(0, 8);
                        AtomicLong counter = new AtomicLong();
                        for (String scenario : UpdateScenario.ALL) { // warm-up: schema check, statement caches
                            for (int i = 0; i < 20; i++) {
                                UpdateScenario.Keys k = UpdateScenario.keys(scenario, run + "w", counter, 9_000 + i, 1);
                                contender.updateOrCreate(k.names().get(0), k.notes().get(0));
                            }
                            UpdateScenario.Keys k = UpdateScenario.keys(scenario, run + "w", counter, 9_500, 50);
                            contender.updateOrCreateAll(k.names(), k.notes());
                        }
                        List<String> callCells = new ArrayList<>();
                        List<String> callWrites = new ArrayList<>();
                        for (String scenario : UpdateScenario.ALL) {
                            long s0 = statements.get();
                            long c0 = control.get();
                            RowWriteCounter.Counts w0 = rows.read();
                            for (int i = 0; i < CALLS; i++) {
                                UpdateScenario.Keys k = UpdateScenario.keys(scenario, run, counter, i * 31, 1);
                                UpdateContender.Result r = contender.updateOrCreate(k.names().get(0), k.notes().get(0));
                                UpdateScenario.check(database, scenario, name, k, new UpdateContender.Result[] {r});
                            }
                            RowWriteCounter.Counts w = rows.read().minus(w0);
                            callCells.add(calls(statements.get() - s0, control.get() - c0, CALLS));
                            callWrites.add(writes(w, CALLS));
                        }
                        List<String> batchCells = new ArrayList<>();
                        List<String> batchWrites = new ArrayList<>();
                        for (String scenario : UpdateScenario.ALL) {
                            long s0 = statements.get();
                            long c0 = control.get();
                            RowWriteCounter.Counts w0 = rows.read();
                            for (int b = 0; b < BATCHES; b++) {
                                UpdateScenario.Keys k = UpdateScenario.keys(scenario, run, counter, 3_000 + b * 1009,
                                        BulkBenchmark.BATCH);
                                UpdateScenario.check(database, scenario, name, k,
                                        contender.updateOrCreateAll(k.names(), k.notes()));
                            }
                            RowWriteCounter.Counts w = rows.read().minus(w0);
                            batchCells.add(calls(statements.get() - s0, control.get() - c0, BATCHES));
                            batchWrites.add(writes(w, BATCHES));
                        }
                        String label = switch (name) {
                            case "dao" -> "DAO";
                            case "floor" -> "floor";
                            default -> "Django's algorithm";
                        };
                        statementRows.add(String.format(Locale.ROOT, "| %s | %s | %s | %s |", db, label,
                                String.join(" | ", callCells), String.join(" | ", batchCells)));
                        writeRows.add(String.format(Locale.ROOT, "| %s | %s | %s | %s |", db, label,
                                String.join(" | ", callWrites), String.join(" | ", batchWrites)));
                        System.err.println(statementRows.get(statementRows.size() - 1));
                        System.err.println(writeRows.get(writeRows.size() - 1));
                    }
                }
            }
        }
        System.out.println("Statements + transaction-control calls, per call and per batch of 1,000 keys:");
        System.out.println();
        System.out.println("| database | contender | call: create | call: change | call: no-change "
                + "| batch: create | batch: change | batch: no-change |");
        System.out.println("|---|---|---|---|---|---|---|---|");
        statementRows.forEach(System.out::println);
        System.out.println();
        System.out.println("Rows written, per call and per batch of 1,000 keys: inserted / updated. H2 (row triggers): "
                + "inserted / updated with a change / updated to the value it held; PostgreSQL: n_tup_ins / n_tup_upd (every row "
                + "version written); MariaDB: row count / rows an UPDATE changed (a column stamped ON UPDATE):");
        System.out.println();
        System.out.println("| database | contender | call: create | call: change | call: no-change "
                + "| batch: create | batch: change | batch: no-change |");
        System.out.println("|---|---|---|---|---|---|---|---|");
        writeRows.forEach(System.out::println);
    }

    private static String calls(long statements, long control, int per) {
        return per(statements, per) + " + " + per(control, per);
    }

    private static String writes(RowWriteCounter.Counts w, int per) {
        return w.same() < 0 ? per(w.inserted(), per) + " / " + per(w.changed(), per)
                : per(w.inserted(), per) + " / " + per(w.changed(), per) + " / " + per(w.same(), per);
    }

    private static String per(long n, int per) {
        double v = n / (double) per;
        return v == Math.rint(v) ? String.valueOf((long) v) : String.format(Locale.ROOT, "%.2f", v);
    }

    private UpdateStatementCounter() {}
}
