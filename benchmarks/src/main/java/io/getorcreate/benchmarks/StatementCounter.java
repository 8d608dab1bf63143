package io.getorcreate.benchmarks;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import javax.sql.DataSource;

/**
 * Counts, for each contender, database and scenario, the JDBC calls per operation that send
 * something to the server (statements executed, COMMIT, ROLLBACK, savepoints, and autocommit
 * switches), and on PostgreSQL the sequence values spent per hit. Single thread, after a warm-up.
 *
 * <p>Usage: {@code java -cp benchmarks/target/benchmarks.jar io.getorcreate.benchmarks.StatementCounter}
 */
public final class StatementCounter {
    private static final Set<String> EXECUTES = Set.of("execute", "executeQuery", "executeUpdate", "executeLargeUpdate",
            "executeBatch", "executeLargeBatch");
    private static final Set<String> CONNECTION_CALLS = Set.of("commit", "rollback", "setSavepoint", "releaseSavepoint");
    private static final int OPERATIONS = 500;

    public static void main(String[] args) throws Exception {
        List<String> contenders = List.of("dao", "floor", "django", "hibernate", "sqlobject");
        System.out.println("| database | contender | hit | miss | race (1 thread) | mixed | sequence values per hit |");
        System.out.println("|---|---|---|---|---|---|---|");
        for (String db : List.of("h2", "postgres", "mariadb")) {
            for (String name : contenders) {
                try (Database database = new Database(db, 4)) {
                    AtomicLong calls = new AtomicLong();
                    DataSource counted = counting(database.dataSource(), calls);
                    try (Contender contender = Contender.create(name, database, counted)) {
                        String run = UUID.randomUUID().toString().substring(0, 8);
                        for (int i = 0; i < 200; i++) { // warm-up: schema check, Hibernate boot, statement caches
                            contender.getOrCreate("hit-" + i);
                            contender.getOrCreate("warm-" + run + "-" + i);
                        }
                        long sequenceBefore = sequence(database);
                        double hit = perOp(calls, () -> {
                            for (int i = 0; i < OPERATIONS; i++) {
                                contender.getOrCreate("hit-" + (i * 7 % Database.HIT_KEYS));
                            }
                        });
                        long sequenceAfter = sequence(database);
                        double miss = perOp(calls, () -> {
                            for (int i = 0; i < OPERATIONS; i++) {
                                contender.getOrCreate("miss-" + run + "-" + i);
                            }
                        });
                        double race = perOp(calls, () -> {
                            for (int i = 0; i < OPERATIONS; i++) {
                                contender.getOrCreate("race-" + run + "-" + i / 8);
                            }
                        });
                        double mixed = perOp(calls, () -> {
                            for (int i = 0; i < OPERATIONS; i++) {
                                contender.getOrCreate(i % 10 == 0 ? "mixed-" + run + "-" + i : "hit-" + (i * 13 % 9000));
                            }
                        });
                        String spent = sequenceBefore < 0 ? "n/a"
                                : String.format(Locale.ROOT, "%.2f", (sequenceAfter - sequenceBefore) / (double) OPERATIONS);
                        System.out.printf(Locale.ROOT, "| %s | %s | %.2f | %.2f | %.2f | %.2f | %s |%n", db, name, hit, miss,
                                race, mixed, spent);
                    }
                }
            }
        }
    }

    interface Ops {
        void run() throws Exception;
    }

    private static double perOp(AtomicLong calls, Ops ops) throws Exception {
        long before = calls.get();
        ops.run();
        return (calls.get() - before) / (double) OPERATIONS;
    }

    private static long sequence(Database database) throws Exception {
        if (database.kind != Database.Kind.POSTGRES) {
            return -1;
        }
        try (Connection c = database.dataSource().getConnection(); Statement st = c.createStatement();
                ResultSet rs = st.executeQuery("SELECT last_value FROM bench_item_id_seq")) {
            rs.next();
            return rs.getLong(1);
        }
    }

    static DataSource counting(DataSource target, AtomicLong calls) {
        return counting(target, calls, calls);
    }

    /** Counts statements executed into {@code statements}, and transaction control into {@code control}. */
    static DataSource counting(DataSource target, AtomicLong statements, AtomicLong control) {
        return (DataSource) Proxy.newProxyInstance(StatementCounter.class.getClassLoader(), new Class<?>[] {DataSource.class},
                (proxy, method, args) -> {
                    Object result = invoke(target, method, args);
                    if (method.getName().equals("getConnection")) {
                        return connection((Connection) result, statements, control);
                    }
                    return result;
                });
    }

    private static Connection connection(Connection target, AtomicLong statements, AtomicLong control) {
        return (Connection) Proxy.newProxyInstance(StatementCounter.class.getClassLoader(), new Class<?>[] {Connection.class},
                (proxy, method, args) -> {
                    String name = method.getName();
                    if (CONNECTION_CALLS.contains(name)) {
                        control.incrementAndGet();
                    } else if (name.equals("setAutoCommit") && target.getAutoCommit() != (Boolean) args[0]) {
                        control.incrementAndGet();
                    } else if (name.equals("unwrap") || name.equals("isWrapperFor")) {
                        return invoke(target, method, args);
                    }
                    Object result = invoke(target, method, args);
                    if (result instanceof Statement statement) {
                        return statement(statement, method.getReturnType(), statements);
                    }
                    return result;
                });
    }

    private static Object statement(Statement target, Class<?> type, AtomicLong calls) {
        return Proxy.newProxyInstance(StatementCounter.class.getClassLoader(), new Class<?>[] {type},
                (proxy, method, args) -> {
                    if (EXECUTES.contains(method.getName())) {
                        calls.incrementAndGet();
                    }
                    return invoke(target, method, args);
                });
    }

    private static Object invoke(Object target, java.lang.reflect.Method method, Object[] args) throws Throwable {
        try {
            return method.invoke(target, args);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }

    private StatementCounter() {}
}
