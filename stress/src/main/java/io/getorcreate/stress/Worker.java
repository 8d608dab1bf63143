package io.getorcreate.stress;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.getorcreate.IntegrityViolationException;
import io.getorcreate.Outcome;
import io.getorcreate.TransactionRetryException;
import java.io.BufferedWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLTransientConnectionException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.transaction.TransactionIsolationLevel;

/**
 * One worker process: several threads, released together, run a bounded mix of getOrCreate, find and
 * create over a skewed key distribution, and write what each caller was told to a history file.
 *
 * <p>Arguments: config url threads operations keys seed history.
 */
public final class Worker {
    static final String CONNECTION = "CONNECTION";
    static final String SERIALIZATION = "SERIALIZATION";
    static final String CALLER_TX = "CALLER_TX";
    private static final int HOT_KEYS = 8;
    private static final int MAX_TRANSACTION_RETRIES = 50;

    public static void main(String[] args) throws Exception {
        Config config = Config.parse(args[0]);
        String url = args[1];
        int threads = Integer.parseInt(args[2]);
        int operations = Integer.parseInt(args[3]);
        int keys = Integer.parseInt(args[4]);
        long seed = Long.parseLong(args[5]);
        Path history = Path.of(args[6]);

        HikariConfig hikari = new HikariConfig();
        hikari.setJdbcUrl(url);
        hikari.setMaximumPoolSize(threads);
        hikari.setConnectionTimeout(10_000);
        hikari.setInitializationFailTimeout(-1); // connections are killed from the start
        hikari.setTransactionIsolation(config.isolation().hikari);
        try (HikariDataSource ds = new HikariDataSource(hikari)) {
            Jdbi jdbi = Jdbi.create(ds);
            StressKeyDao dao = new StressKeyDao(jdbi);
            CountDownLatch start = new CountDownLatch(1);
            List<List<Event>> histories = new ArrayList<>();
            List<Thread> workers = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                List<Event> events = new ArrayList<>();
                histories.add(events);
                SplittableRandom random = new SplittableRandom(seed * 1000 + t);
                String owner = "p" + seed + "t" + t;
                Thread thread = new Thread(() -> {
                    try {
                        start.await();
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        return;
                    }
                    for (int i = 0; i < operations; i++) {
                        events.add(operation(config, jdbi, dao, random, keys, owner));
                    }
                }, "worker-" + t);
                workers.add(thread);
                thread.start();
            }
            start.countDown();
            for (Thread thread : workers) {
                thread.join(TimeUnit.MINUTES.toMillis(10));
                if (thread.isAlive()) {
                    throw new IllegalStateException(thread.getName() + " did not finish in 10 minutes");
                }
            }
            histories.add(RETRIED);
            try (BufferedWriter out = Files.newBufferedWriter(history, StandardCharsets.UTF_8)) {
                for (List<Event> events : histories) {
                    for (Event e : events) {
                        out.write(e.format());
                        out.newLine();
                    }
                }
            }
        }
    }

    /** A few hot keys take half the traffic; the rest spreads over a long tail. */
    static String key(SplittableRandom random, int keys) {
        int k = random.nextInt(2) == 0 ? random.nextInt(HOT_KEYS) : random.nextInt(keys);
        return "k" + k;
    }

    private static Event operation(Config config, Jdbi jdbi, StressKeyDao dao, SplittableRandom random, int keys,
            String owner) {
        String key = key(random, keys);
        int dice = random.nextInt(100);
        String op = dice < 70 ? "goc" : dice < 85 ? "find" : "create";
        Function<StressKeyDao, Event> call = d -> switch (op) {
            case "goc" -> told(op, key, dice % 2 == 0 ? d.getOrCreateByName(key)
                    : d.getOrCreateByName(key, defaults -> defaults.owner(owner)));
            case "find" -> {
                Optional<StressKey> found = d.findByName(key);
                yield new Event(op, key, found.map(StressKey::id).orElse(-1L), false, "");
            }
            default -> {
                StressKey created = d.create(new StressKey(null, key, owner));
                yield new Event(op, key, created.id(), true, "");
            }
        };
        if (config.mode() == Config.Mode.DAO) {
            try {
                return call.apply(dao);
            } catch (RuntimeException e) {
                return new Event(op, key, -1, false, kind(e));
            }
        }
        // A caller's transaction: what it was told counts only once its commit succeeded. A caller told
        // to retry (promise 8) or whose connection died retries the whole transaction, as an application would.
        TransactionIsolationLevel level = TransactionIsolationLevel.valueOf(config.isolation().name());
        for (int attempt = 0; ; attempt++) {
            boolean[] inDao = new boolean[1];
            try {
                return jdbi.inTransaction(level, h -> {
                    inDao[0] = true;
                    Event event = call.apply(dao.on(h));
                    inDao[0] = false;
                    return event;
                });
            } catch (RuntimeException e) {
                String kind = kind(e);
                if (!inDao[0] && !kind.startsWith(CONNECTION)) {
                    // Thrown by the caller's own transaction handling (BEGIN, isolation, COMMIT), not by the DAO.
                    kind = CALLER_TX + ":" + kind;
                }
                boolean retry = (kind.equals("TransactionRetryException") || kind.startsWith(CONNECTION)
                        || kind.startsWith(CALLER_TX)) && attempt < MAX_TRANSACTION_RETRIES;
                if (!retry) {
                    return new Event(op, key, -1, false, kind);
                }
                // The retried failure is an event of its own; then the caller goes again.
                synchronized (RETRIED) {
                    RETRIED.add(new Event(op, key, -1, false, kind));
                }
            }
        }
    }

    /** Failures a caller's transaction met and retried; written to the history with the rest. */
    static final List<Event> RETRIED = new ArrayList<>();

    private static Event told(String op, String key, Outcome<StressKey> outcome) {
        return new Event(op, key, outcome.entity().id(), outcome.created(), "");
    }

    /** How the history names an exception: its class, refined where the class alone says too little. */
    static String kind(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null) {
            root = root.getCause();
        }
        String detail = String.valueOf(root.getMessage()).replace('\t', ' ').replace('\n', ' ');
        if (isConnectionLoss(e)) {
            return CONNECTION + ":" + detail;
        }
        if (e instanceof TransactionRetryException) {
            return "TransactionRetryException"; // promise 8: the library told the caller to retry
        }
        if (isSerializationFailure(e)) {
            return SERIALIZATION + ":" + e.getClass().getSimpleName() + ":" + detail; // the caller's own COMMIT was refused: retry the transaction
        }
        if (e instanceof IntegrityViolationException v) {
            return "IntegrityViolationException:" + v.kind();
        }
        if (e instanceof UncheckedIOException) {
            throw (UncheckedIOException) e;
        }
        return e.getClass().getSimpleName() + ":" + root.getClass().getSimpleName() + ":" + detail;
    }

    static boolean isSerializationFailure(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SQLException sql && ("40001".equals(sql.getSQLState()) || "40P01".equals(sql.getSQLState()))) {
                return true;
            }
        }
        return false;
    }

    static boolean isConnectionLoss(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SQLNonTransientConnectionException || t instanceof SQLTransientConnectionException
                    || t instanceof java.io.IOException) {
                return true;
            }
            if (t instanceof SQLException sql && sql.getSQLState() != null) {
                String state = sql.getSQLState();
                if (state.startsWith("08") || state.startsWith("57P")) {
                    return true;
                }
            }
            String message = String.valueOf(t.getMessage());
            if (message.contains("Connection is closed") || message.contains("connection has been closed")) {
                return true; // the pool's or the driver's word for a connection the server killed
            }
        }
        return false;
    }

    private Worker() {}
}
