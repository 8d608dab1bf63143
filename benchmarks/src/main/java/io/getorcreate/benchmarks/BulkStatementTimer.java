package io.getorcreate.benchmarks;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import javax.sql.DataSource;

/**
 * Where the time of a batch goes: runs the given contenders on one database and scenario, interleaved
 * batch by batch (so that a shared machine's changing load falls on all of them alike), and prints the
 * median time per batch and, for each kind of JDBC call (a statement's first words, or the connection
 * call), its mean time per batch and count. Single thread.
 *
 * <p>Usage: {@code java -cp benchmarks/target/benchmarks.jar io.getorcreate.benchmarks.BulkStatementTimer
 * postgres half 200 bulk floor django}
 */
public final class BulkStatementTimer {
    private static final Set<String> EXECUTES = Set.of("execute", "executeQuery", "executeUpdate", "executeBatch");
    private static final Set<String> CONNECTION_CALLS = Set.of("commit", "rollback", "setSavepoint", "releaseSavepoint",
            "setAutoCommit");

    public static void main(String[] args) throws Exception {
        String db = args[0];
        String scenario = args[1];
        int batches = Integer.parseInt(args[2]);
        List<String> names = List.of(args).subList(3, args.length);
        try (Database database = new Database(db, 4)) {
            List<BulkContender> contenders = new ArrayList<>();
            List<Map<String, long[]>> timings = new ArrayList<>();
            List<long[]> totals = new ArrayList<>();
            for (String name : names) {
                Map<String, long[]> timing = new TreeMap<>();
                timings.add(timing);
                contenders.add(BulkContender.create(name, database, timed(database.dataSource(), timing)));
                totals.add(new long[batches]);
            }
            String run = UUID.randomUUID().toString().substring(0, 8);
            AtomicLong counter = new AtomicLong();
            int warmUp = Math.max(5, batches / 5);
            for (int b = -warmUp; b < batches; b++) {
                for (int c = 0; c < contenders.size(); c++) {
                    List<String> keys = BulkStatementCounter.keys(scenario, run, counter, Math.floorMod(b * 1009 + c * 331, 10_000));
                    if (b == 0) {
                        timings.get(c).clear();
                    }
                    long t0 = System.nanoTime();
                    contenders.get(c).getOrCreateAll(keys);
                    if (b >= 0) {
                        totals.get(c)[b] = System.nanoTime() - t0;
                    }
                }
            }
            System.out.printf(Locale.ROOT, "%s, %s, %d batches of 1,000 keys after %d of warm-up, interleaved%n", db, scenario,
                    batches, warmUp);
            for (int c = 0; c < contenders.size(); c++) {
                long[] t = totals.get(c).clone();
                java.util.Arrays.sort(t);
                System.out.printf(Locale.ROOT, "%n%s: median %.2f ms per batch (p10 %.2f, p90 %.2f)%n", names.get(c),
                        t[t.length / 2] / 1e6, t[t.length / 10] / 1e6, t[t.length * 9 / 10] / 1e6);
                for (Map.Entry<String, long[]> e : timings.get(c).entrySet()) {
                    System.out.printf(Locale.ROOT, "    %8.3f ms/batch  %6.1f calls/batch  %s%n", e.getValue()[1] / 1e6 / batches,
                            e.getValue()[0] / (double) batches, e.getKey());
                }
            }
            contenders.forEach(BulkContender::close);
        }
    }

    static DataSource timed(DataSource target, Map<String, long[]> timing) {
        return (DataSource) Proxy.newProxyInstance(BulkStatementTimer.class.getClassLoader(), new Class<?>[] {DataSource.class},
                (proxy, method, args) -> {
                    long t0 = System.nanoTime();
                    Object result = invoke(target, method, args);
                    if (method.getName().equals("getConnection")) {
                        add(timing, "getConnection", System.nanoTime() - t0);
                        return connection((Connection) result, timing);
                    }
                    return result;
                });
    }

    private static Connection connection(Connection target, Map<String, long[]> timing) {
        return (Connection) Proxy.newProxyInstance(BulkStatementTimer.class.getClassLoader(), new Class<?>[] {Connection.class},
                (proxy, method, args) -> {
                    String name = method.getName();
                    if (name.equals("unwrap") || name.equals("isWrapperFor")) {
                        return invoke(target, method, args);
                    }
                    long t0 = System.nanoTime();
                    Object result = invoke(target, method, args);
                    long spent = System.nanoTime() - t0;
                    if (CONNECTION_CALLS.contains(name)) {
                        add(timing, name + (args != null && args.length == 1 && args[0] instanceof Boolean b ? "(" + b + ")" : ""),
                                spent);
                    } else if (name.startsWith("prepare")) {
                        add(timing, "prepareStatement", spent);
                    } else if (name.equals("createArrayOf")) {
                        add(timing, "createArrayOf", spent);
                    }
                    if (result instanceof Statement statement) {
                        String sql = args != null && args.length > 0 && args[0] instanceof String s ? s : "";
                        return statement(statement, method.getReturnType(), kind(sql), timing);
                    }
                    return result;
                });
    }

    private static Object statement(Statement target, Class<?> type, String kind, Map<String, long[]> timing) {
        return Proxy.newProxyInstance(BulkStatementTimer.class.getClassLoader(), new Class<?>[] {type},
                (proxy, method, args) -> {
                    long t0 = System.nanoTime();
                    Object result = invoke(target, method, args);
                    long spent = System.nanoTime() - t0;
                    String name = method.getName();
                    if (EXECUTES.contains(name)) {
                        add(timing, "execute " + kind, spent);
                    } else if (name.startsWith("set")) {
                        add(timing, "bind", spent);
                    } else if (name.equals("getGeneratedKeys")) {
                        add(timing, "getGeneratedKeys", spent);
                    }
                    return result;
                });
    }

    // The statement's first words, and whether it carries a locking read or RETURNING.
    private static String kind(String sql) {
        String head = sql.length() > 60 ? sql.substring(0, 60) : sql;
        return head.replaceAll("\\s+", " ") + (sql.contains("RETURNING") ? " ... RETURNING" : "")
                + (sql.contains("LOCK IN SHARE MODE") ? " ... LOCK IN SHARE MODE" : "");
    }

    private static synchronized void add(Map<String, long[]> timing, String kind, long nanos) {
        long[] t = timing.computeIfAbsent(kind, k -> new long[2]);
        t[0]++;
        t[1] += nanos;
    }

    private static Object invoke(Object target, Method method, Object[] args) throws Throwable {
        try {
            return method.invoke(target, args);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }

    private BulkStatementTimer() {}
}
