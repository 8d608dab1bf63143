package io.getorcreate.benchmarks;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Many keys at once: batches of {@value #BATCH} distinct keys, every contender of {@link BulkContender} on
 * every database, in three scenarios. Throughput is in keys per second ({@code @OperationsPerInvocation}).
 * Run with {@code -t 1} and {@code -t 8}.
 * <ul>
 *   <li>allMiss: every key is new;
 *   <li>allHit: every key exists (1,000 of the 10,000 hit keys);
 *   <li>half: every other key exists, the others are new.
 * </ul>
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 2, time = 1)
@Measurement(iterations = 3, time = 2)
@Fork(1)
public class BulkBenchmark {
    static final int BATCH = 1000;

    @State(Scope.Benchmark)
    public static class Env {
        @Param({"bulk", "loop", "floor", "floorloop", "django"})
        public String contender;

        @Param({"h2", "postgres", "mariadb"})
        public String db;

        Database database;
        BulkContender impl;
        final AtomicLong counter = new AtomicLong();
        final String run = UUID.randomUUID().toString().substring(0, 8);

        @Setup(Level.Trial)
        public void setUp() throws Exception {
            database = new Database(db, 10);
            impl = BulkContender.create(contender, database, database.dataSource());
        }

        @TearDown(Level.Trial)
        public void tearDown() throws Exception {
            impl.close();
            database.close();
        }
    }

    @State(Scope.Thread)
    public static class Local {
        final SplittableRandom random = new SplittableRandom();
    }

    /** A new key, never asked for before in this trial. */
    static String miss(Env env) {
        return "bulk-" + env.run + "-" + env.counter.incrementAndGet();
    }

    /** The {@code i}-th of 1,000 distinct hit keys from {@code start} (7 is prime to 10,000). */
    static String hit(int start, int i) {
        return "hit-" + (start + 7 * i) % Database.HIT_KEYS;
    }

    static List<String> keys(Env env, Local local, int hitEvery) {
        int start = local.random.nextInt(Database.HIT_KEYS);
        List<String> names = new ArrayList<>(BATCH);
        for (int i = 0; i < BATCH; i++) {
            names.add(hitEvery > 0 && i % hitEvery == 0 ? hit(start, i) : miss(env));
        }
        return names;
    }

    @Benchmark
    @OperationsPerInvocation(BATCH)
    public Object allMiss(Env env, Local local) throws Exception {
        return env.impl.getOrCreateAll(keys(env, local, 0));
    }

    @Benchmark
    @OperationsPerInvocation(BATCH)
    public Object allHit(Env env, Local local) throws Exception {
        return env.impl.getOrCreateAll(keys(env, local, 1));
    }

    @Benchmark
    @OperationsPerInvocation(BATCH)
    public Object half(Env env, Local local) throws Exception {
        return env.impl.getOrCreateAll(keys(env, local, 2));
    }
}
