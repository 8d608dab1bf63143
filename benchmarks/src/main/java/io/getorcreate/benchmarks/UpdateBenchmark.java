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
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Update-or-create: every {@link UpdateContender} on every database, per call and per batch of
 * {@value BulkBenchmark#BATCH} keys, in the three scenarios of {@link UpdateScenario}. Throughput in calls
 * (per call) or keys (per batch, {@code @OperationsPerInvocation}) per second. {@link UpdateStatementTimer},
 * which interleaves the contenders, is the steadier source on a shared machine.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 2, time = 1)
@Measurement(iterations = 3, time = 2)
@Fork(1)
public class UpdateBenchmark {

    @State(Scope.Benchmark)
    public static class Env {
        @Param({"dao", "floor", "django"})
        public String contender;

        @Param({"h2", "postgres", "mariadb"})
        public String db;

        Database database;
        UpdateContender impl;
        final AtomicLong counter = new AtomicLong();
        final String run = UUID.randomUUID().toString().substring(0, 8);

        @Setup(Level.Trial)
        public void setUp() throws Exception {
            database = new Database(db, 10);
            UpdateScenario.prepare(database);
            impl = UpdateContender.create(contender, database, ds -> ds);
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

    private static Object call(Env env, Local local, String scenario) throws Exception {
        UpdateScenario.Keys k = UpdateScenario.keys(scenario, env.run, env.counter, local.random.nextInt(Database.HIT_KEYS), 1);
        return env.impl.updateOrCreate(k.names().get(0), k.notes().get(0));
    }

    private static Object batch(Env env, Local local, String scenario) throws Exception {
        UpdateScenario.Keys k = UpdateScenario.keys(scenario, env.run, env.counter, local.random.nextInt(Database.HIT_KEYS),
                BulkBenchmark.BATCH);
        return env.impl.updateOrCreateAll(k.names(), k.notes());
    }

    @Benchmark
    public Object callCreate(Env env, Local local) throws Exception {
        return call(env, local, "create");
    }

    @Benchmark
    public Object callChange(Env env, Local local) throws Exception {
        return call(env, local, "change");
    }

    @Benchmark
    public Object callNoChange(Env env, Local local) throws Exception {
        return call(env, local, "nochange");
    }

    @Benchmark
    @OperationsPerInvocation(BulkBenchmark.BATCH)
    public Object batchCreate(Env env, Local local) throws Exception {
        return batch(env, local, "create");
    }

    @Benchmark
    @OperationsPerInvocation(BulkBenchmark.BATCH)
    public Object batchChange(Env env, Local local) throws Exception {
        return batch(env, local, "change");
    }

    @Benchmark
    @OperationsPerInvocation(BulkBenchmark.BATCH)
    public Object batchNoChange(Env env, Local local) throws Exception {
        return batch(env, local, "nochange");
    }
}
