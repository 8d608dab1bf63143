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
 * One worker process: several threads, released together, run a bounded mix of getOrCreate,
 * getOrCreateAll, updateOrCreate, updateOrCreateAll, find and create over a skewed key distribution, and write what each
 * caller was told to a history file. Every call that sets columns (defaults, values, createOnly, create)
 * sets each of them to one stamp, its tag.
 *
 * <p>Arguments: config url threads operations keys seed history.
 */
public final class Worker {
    static final String CONNECTION = "CONNECTION";
    static final String SERIALIZATION = "SERIALIZATION";
    static final String CALLER_TX = "CALLER_TX";
    private static final int HOT_KEYS = 8;
    private static final int MAX_TRANSACTION_RETRIES = 50;
    static final int BULK_MIN = 5;
    static final int BULK_MAX = 50;
    /** What a bulk call's history records where a position and its outcome do not pair up. */
    static final String MISSING = "<missing>";

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
                String caller = "p" + seed + "t" + t + "o";
                Thread thread = new Thread(() -> {
                    try {
                        start.await();
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        return;
                    }
                    for (int i = 0; i < operations; i++) {
                        events.addAll(operation(config, jdbi, dao, random, keys, caller + i));
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

    /**
     * The keys of a call for many keys (getOrCreateAll, updateOrCreateAll): {@value #BULK_MIN} to {@value #BULK_MAX} draws from the same skewed space, in
     * the order drawn. So concurrent bulk calls share the hot keys (and some of the tail) in different
     * orders, and a call often holds one key more than once.
     */
    static List<String> bulkKeys(SplittableRandom random, int keys) {
        int n = BULK_MIN + random.nextInt(BULK_MAX - BULK_MIN + 1);
        List<String> drawn = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            drawn.add(key(random, keys));
        }
        return drawn;
    }

    /**
     * One call, as the caller saw it. {@code tag} names the call in the history and is the {@code owner}
     * that its {@code defaults}, {@code createOnly} or {@code create} write, so that the checker can tell
     * which call inserted a row; it is also the stamp that the call writes into {@code stampA} and
     * {@code stampB}, so that the checker can tell whether a row holds one call's values.
     */
    private static List<Event> operation(Config config, Jdbi jdbi, StressKeyDao dao, SplittableRandom random, int keys,
            String tag) {
        int dice = random.nextInt(100);
        String op = dice < 50 ? "goc" : dice < 60 ? Event.UPDATE : dice < 70 ? Event.BULK
                : dice < 80 ? Event.UPDATE_ALL : dice < 90 ? "find" : "create";
        // For updateOrCreate: with createOnly. updateOrCreateAll takes neither.
        boolean withDefaults = dice % 2 == 0 && !op.equals(Event.UPDATE_ALL);
        boolean updates = op.equals(Event.UPDATE) || op.equals(Event.UPDATE_ALL);
        String stamp = op.equals("create") || updates || withDefaults && !op.equals("find") ? tag : "";
        boolean manyKeys = op.equals(Event.BULK) || op.equals(Event.UPDATE_ALL);
        List<String> asked = manyKeys ? bulkKeys(random, keys) : List.of(key(random, keys));
        String key = String.join(",", asked);
        Function<StressKeyDao, List<Event>> call = d -> switch (op) {
            case "goc" -> List.of(told(op, tag, stamp, key, withDefaults
                    ? d.getOrCreateByName(key, defaults -> defaults.owner(tag).stampA(tag).stampB(tag))
                    : d.getOrCreateByName(key)));
            case Event.UPDATE -> List.of(told(op, tag, stamp, key, withDefaults
                    ? d.updateOrCreateByName(key, values -> values.stampA(tag).stampB(tag), createOnly -> createOnly.owner(tag))
                    : d.updateOrCreateByName(key, values -> values.stampA(tag).stampB(tag))));
            case Event.BULK -> toldAll(op, tag, stamp, asked, withDefaults
                    ? d.getOrCreateAllByName(asked, (k, defaults) -> defaults.owner(tag).stampA(tag).stampB(tag))
                    : d.getOrCreateAllByName(asked));
            case Event.UPDATE_ALL -> toldAll(op, tag, stamp, asked,
                    d.updateOrCreateAllByName(asked, (k, values) -> values.stampA(tag).stampB(tag)));
            case "find" -> {
                Optional<StressKey> found = d.findByName(key);
                yield List.of(new Event(op, tag, -1, key, found.map(StressKey::name).orElse(""),
                        found.map(StressKey::id).orElse(-1L), false, ""));
            }
            default -> {
                StressKey created = d.create(new StressKey(null, key, tag, tag, tag));
                yield List.of(new Event(op, tag, -1, key, created.name(), created.id(), true, "", false, stamp,
                        Event.stamps(created.stampA(), created.stampB())));
            }
        };
        int pos = manyKeys ? 0 : -1;
        if (config.mode() == Config.Mode.DAO) {
            try {
                return call.apply(dao);
            } catch (RuntimeException e) {
                return List.of(new Event(op, tag, pos, key, "", -1, false, logged(config, op, withDefaults, tag, kind(e), e),
                        false, stamp, ""));
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
                    List<Event> events = call.apply(dao.on(h));
                    inDao[0] = false;
                    return events;
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
                    return List.of(new Event(op, tag, pos, key, "", -1, false, logged(config, op, withDefaults, tag, kind, e),
                            false, stamp, ""));
                }
                // The retried failure is an event of its own; then the caller goes again.
                synchronized (RETRIED) {
                    RETRIED.add(new Event(op, tag, pos, key, "", -1, false, kind, false, stamp, ""));
                }
            }
        }
    }

    /** Failures a caller's transaction met and retried; written to the history with the rest. */
    static final List<Event> RETRIED = new ArrayList<>();

    private static Event told(String op, String tag, String stamp, String key, Outcome<StressKey> outcome) {
        StressKey row = outcome.entity();
        return new Event(op, tag, -1, key, row.name(), row.id(), outcome.created(), "", outcome.updated(), stamp,
                Event.stamps(row.stampA(), row.stampB()));
    }

    /**
     * The outcomes of a call for many keys ({@code op}), one event per position, each with the key asked for there and the key of
     * the row given back there; a position with no outcome (or an outcome with no position) is recorded
     * as given back {@link #MISSING}, which the checker reports as misaligned.
     */
    static List<Event> toldAll(String op, String tag, String stamp, List<String> asked,
            List<Outcome<StressKey>> outcomes) {
        List<Event> events = new ArrayList<>();
        for (int i = 0; i < Math.max(asked.size(), outcomes.size()); i++) {
            String key = i < asked.size() ? asked.get(i) : MISSING;
            if (i >= outcomes.size()) {
                events.add(new Event(op, tag, i, key, MISSING, -1, false, "", false, stamp, ""));
            } else {
                StressKey row = outcomes.get(i).entity();
                events.add(new Event(op, tag, i, key, row.name(), row.id(), outcomes.get(i).created(), "",
                        outcomes.get(i).updated(), stamp, Event.stamps(row.stampA(), row.stampB())));
            }
        }
        return events;
    }

    /**
     * Writes the whole exception (its message, causes and suppressed earlier attempts) to the worker's log
     * when it is none of the kinds the harness expects to see often, so that a violation can be read there.
     * A lost connection is expected of {@code create} (never retried) and in a caller's transaction; a
     * DAO-owned idempotent call retries it, so there it is logged too.
     */
    private static String logged(Config config, String op, boolean withDefaults, String tag, String kind,
            RuntimeException e) {
        boolean expected = kind.equals("IntegrityViolationException:UNIQUE") || kind.equals("TransactionRetryException")
                || kind.startsWith(CALLER_TX)
                || kind.startsWith(CONNECTION) && (config.mode() == Config.Mode.CALLER || op.equals("create"));
        if (!expected) {
            synchronized (System.err) {
                System.err.println("call " + tag + " (" + op + (withDefaults ? " with defaults" : "") + "): " + kind);
                e.printStackTrace();
            }
        }
        return kind;
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
