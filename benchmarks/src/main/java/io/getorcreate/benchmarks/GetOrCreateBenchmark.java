package io.getorcreate.benchmarks;

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
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Every contender, on every database, in four scenarios. Run with {@code -t 1} and {@code -t 8}.
 * <ul>
 *   <li>hit: the key exists;
 *   <li>miss: a new key every call;
 *   <li>race: every group of 8 consecutive calls (across threads) asks for one new key;
 *   <li>mixed: 90% hits, 10% misses.
 * </ul>
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 2, time = 1)
@Measurement(iterations = 3, time = 2)
@Fork(1)
public class GetOrCreateBenchmark {

    @State(Scope.Benchmark)
    public static class Env {
        @Param({"dao", "floor", "django", "hibernate", "sqlobject"})
        public String contender;

        @Param({"h2", "postgres", "mariadb"})
        public String db;

        Database database;
        Contender impl;
        final AtomicLong counter = new AtomicLong();
        final String run = UUID.randomUUID().toString().substring(0, 8);

        @Setup(Level.Trial)
        public void setUp() throws Exception {
            database = new Database(db, 10);
            impl = Contender.create(contender, database, database.dataSource());
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

    @Benchmark
    public long hit(Env env, Local local) throws Exception {
        return env.impl.getOrCreate("hit-" + local.random.nextInt(Database.HIT_KEYS));
    }

    @Benchmark
    public long miss(Env env) throws Exception {
        return env.impl.getOrCreate("miss-" + env.run + "-" + env.counter.incrementAndGet());
    }

    @Benchmark
    public long race(Env env) throws Exception {
        return env.impl.getOrCreate("race-" + env.run + "-" + env.counter.getAndIncrement() / 8);
    }

    @Benchmark
    public long mixed(Env env, Local local) throws Exception {
        return local.random.nextInt(10) == 0 ? miss(env) : hit(env, local);
    }
}
