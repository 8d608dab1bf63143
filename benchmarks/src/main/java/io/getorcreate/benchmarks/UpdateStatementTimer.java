package io.getorcreate.benchmarks;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Times update-or-create on one database and scenario of {@link UpdateScenario}, the contenders
 * interleaved (in call mode one call each in turn, in batch mode one batch of 1,000 keys each in turn), so
 * that a shared machine's changing load falls on all of them alike. Prints the median time per call or
 * batch (p10, p90), and for each kind of JDBC call its mean time and count per call or batch, as
 * {@link BulkStatementTimer} does; then one line per contender, {@code RESULT|db|mode|scenario|contender|
 * median ms|p10|p90}, for {@code update_report.py}. Checks every answer's flags. Single thread.
 *
 * <p>Usage: {@code java -cp benchmarks/target/benchmarks.jar io.getorcreate.benchmarks.UpdateStatementTimer
 * postgres call change 1000 dao floor django} ({@code call} or {@code batch}; the count is of calls or
 * batches per contender, after a fifth as many of warm-up)
 */
public final class UpdateStatementTimer {

    public static void main(String[] args) throws Exception {
        String db = args[0];
        boolean batch = switch (args[1]) {
            case "call" -> false;
            case "batch" -> true;
            default -> throw new IllegalArgumentException("call or batch, not " + args[1]);
        };
        String scenario = args[2];
        int rounds = Integer.parseInt(args[3]);
        List<String> names = List.of(args).subList(4, args.length);
        int size = batch ? BulkBenchmark.BATCH : 1;
        try (Database database = new Database(db, 4)) {
            UpdateScenario.prepare(database);
            List<UpdateContender> contenders = new ArrayList<>();
            List<Map<String, long[]>> timings = new ArrayList<>();
            List<long[]> totals = new ArrayList<>();
            for (String name : names) {
                Map<String, long[]> timing = new TreeMap<>();
                timings.add(timing);
                contenders.add(UpdateContender.create(name, database, ds -> BulkStatementTimer.timed(ds, timing)));
                totals.add(new long[rounds]);
            }
            String run = UUID.randomUUID().toString().substring(0, 8);
            AtomicLong counter = new AtomicLong();
            int warmUp = Math.max(batch ? 3 : 50, rounds / 5);
            for (int r = -warmUp; r < rounds; r++) {
                for (int c = 0; c < contenders.size(); c++) {
                    // Each contender its own keys: no-change and change rows 1,000 apart, 7 apart within a batch.
                    UpdateScenario.Keys keys = UpdateScenario.keys(scenario, run, counter,
                            Math.floorMod((r + warmUp) * (batch ? 1 : 7) + c * 1000 + (batch ? r * 3 : 0), 10_000), size);
                    if (r == 0) {
                        timings.get(c).clear();
                    }
                    UpdateContender.Result[] results;
                    long t0 = System.nanoTime();
                    if (batch) {
                        results = contenders.get(c).updateOrCreateAll(keys.names(), keys.notes());
                    } else {
                        results = new UpdateContender.Result[] {
                            contenders.get(c).updateOrCreate(keys.names().get(0), keys.notes().get(0))};
                    }
                    long spent = System.nanoTime() - t0;
                    if (r >= 0) {
                        totals.get(c)[r] = spent;
                    }
                    UpdateScenario.checkFlags(scenario, names.get(c), database.kind, keys, results);
                }
            }
            String unit = batch ? "batch" : "call";
            System.out.printf(Locale.ROOT, "%s, %s, %d %ss%s after %d of warm-up, interleaved%n", db, scenario, rounds, unit,
                    batch ? " of 1,000 keys" : "", warmUp);
            List<String> lines = new ArrayList<>();
            for (int c = 0; c < contenders.size(); c++) {
                long[] t = totals.get(c).clone();
                Arrays.sort(t);
                double median = t[t.length / 2] / 1e6;
                double p10 = t[t.length / 10] / 1e6;
                double p90 = t[t.length * 9 / 10] / 1e6;
                System.out.printf(Locale.ROOT, "%n%s: median %.3f ms per %s (p10 %.3f, p90 %.3f)%n", names.get(c), median, unit,
                        p10, p90);
                for (Map.Entry<String, long[]> e : timings.get(c).entrySet()) {
                    System.out.printf(Locale.ROOT, "    %9.4f ms/%s  %7.2f calls/%s  %s%n", e.getValue()[1] / 1e6 / rounds, unit,
                            e.getValue()[0] / (double) rounds, unit, e.getKey());
                }
                lines.add(String.format(Locale.ROOT, "RESULT|%s|%s|%s|%s|%.4f|%.4f|%.4f", db, unit, scenario, names.get(c),
                        median, p10, p90));
            }
            System.out.println();
            lines.forEach(System.out::println);
            contenders.forEach(UpdateContender::close);
        }
    }

    private UpdateStatementTimer() {}
}
