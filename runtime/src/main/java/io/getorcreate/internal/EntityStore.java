package io.getorcreate.internal;

import io.getorcreate.GetOrCreateException;
import io.getorcreate.Outcome;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import java.util.function.Function;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;

/**
 * The runtime behind one generated DAO instance: the operations the DAO's methods call. Each runs
 * through a {@link CallRunner} (connection, transaction, schema check, retries) and, for get-or-create,
 * the algorithm of the connection's dialect. Whatever leaves here is a {@code GetOrCreateException},
 * or what the user's own {@code defaults} threw, unchanged.
 *
 * @param <T> the entity record
 */
public final class EntityStore<T> {
    /** Attempts of one get-or-create whose concurrent creator's row keeps vanishing (rolled back). */
    static final int VANISHING_ROW_ATTEMPTS = 20;

    private final TableSpec<T> table;
    private final Jdbi jdbi;
    private final SchemaCheck schema;
    private final CallRunner runner;
    private final Statements<T> statements;
    private final ValueChecker checker;

    private EntityStore(TableSpec<T> table, Jdbi jdbi, Handle handle, SchemaCheck schema) {
        this.table = table;
        this.jdbi = jdbi;
        this.schema = schema;
        this.runner = new CallRunner(table, jdbi, handle, schema);
        this.statements = new Statements<>(table);
        this.checker = new ValueChecker(table);
    }

    public static <T> EntityStore<T> of(TableSpec<T> table, Jdbi jdbi) {
        return new EntityStore<>(Objects.requireNonNull(table, "table"), Objects.requireNonNull(jdbi, "jdbi"), null,
                new SchemaCheck());
    }

    /** The same store bound to a caller's handle; it shares this store's schema check where the database is the same. */
    public EntityStore<T> on(Handle callerHandle) {
        Objects.requireNonNull(callerHandle, "handle");
        boolean sameDatabase = jdbi != null && jdbi == callerHandle.getJdbi();
        return new EntityStore<>(table, jdbi, callerHandle, sameDatabase ? schema : new SchemaCheck());
    }

    public Outcome<T> getOrCreate(int key, Object[] keyValues, Consumer<RowValues> defaults) {
        NewRow row = new NewRow(table, table.keys().get(key), keyValues, defaults);
        return call(CallRunner.Operation.READ_OR_CREATE, call -> {
            checker.checkKey(call.schema(), table.keys().get(key), keyValues);
            GetOrCreateAlgorithm algorithm = GetOrCreateAlgorithm.of(call.dialect());
            return untilAnswered("get-or-create", () -> algorithm.attempt(call, statements, checker, key, keyValues, row));
        });
    }

    /** One attempt of an algorithm: its outcome, or null when the key's row vanished and it must run again. */
    @FunctionalInterface
    private interface Attempt<T> {
        Outcome<T> run() throws java.sql.SQLException;
    }

    // Runs attempts until one answers; a row that keeps vanishing is reported, never looped on forever.
    private Outcome<T> untilAnswered(String what, Attempt<T> attempt) throws java.sql.SQLException {
        for (int n = 1; n <= VANISHING_ROW_ATTEMPTS; n++) {
            Outcome<T> outcome = attempt.run();
            if (outcome != null) {
                return outcome;
            }
        }
        throw new GetOrCreateException(what + " on table " + table.name() + " gave up after "
                + VANISHING_ROW_ATTEMPTS + " attempts: the key's unique constraint reports a row for it that a "
                + "lookup by the key never finds. Either concurrent creators' rows kept vanishing (rolled back), "
                + "or something (a trigger, the column's type) stores the key differently from the value given");
    }

    /**
     * Get-or-create for many keys: the outcomes in the order of {@code keys}, in a few statements per chunk
     * of keys, atomically.
     *
     * @param parameter the parameter's name, for the message of a null key ({@code emails[3]})
     * @param components a key's values, in the key's column order
     * @param defaults called once for each key that gets created, or null
     */
    public <K> List<Outcome<T>> getOrCreateAll(int key, Collection<K> keys, String parameter,
            Function<K, Object[]> components, BiConsumer<K, RowValues> defaults) {
        KeyBatch<T, K> batch = KeyBatch.of(table, key, keys, parameter, components, defaults);
        if (batch.size() == 0) {
            return List.of();
        }
        return call(CallRunner.Operation.GET_OR_CREATE_ALL, call -> {
            batch.reset(); // a transaction that was rolled back and runs again starts afresh
            List<Integer> leaders = batch.leaders();
            for (int position : leaders) {
                checker.checkKey(call.schema(), batch.keySpec(), batch.values(position));
            }
            BulkAlgorithm algorithm = BulkAlgorithm.of(call.dialect());
            List<List<Integer>> chunks = chunks(call, batch, leaders,
                    algorithm.chunkSize(batch.keySpec().columns().size(), table.columns().size()));
            for (int c = 0; c < chunks.size(); c++) {
                List<Integer> positions = chunks.get(c);
                for (int round = 1; ; round++) {
                    List<Integer> pending = new ArrayList<>();
                    for (int p : positions) {
                        if (!batch.resolved(p)) {
                            pending.add(p);
                        }
                    }
                    if (pending.isEmpty()) {
                        break;
                    }
                    if (round > VANISHING_ROW_ATTEMPTS) {
                        throw new GetOrCreateException("get-or-create of many keys on table " + table.name()
                                + " gave up after " + VANISHING_ROW_ATTEMPTS + " rounds: " + pending.size()
                                + " keys' concurrent creators' rows kept vanishing");
                    }
                    algorithm.round(call, statements, checker, batch, pending, round, c == chunks.size() - 1);
                }
            }
            return batch.outcomes();
        });
    }

    /**
     * The leaders cut into chunks of {@code size}: in input order where they fit in one; otherwise along
     * the database's order of the keys, so that concurrent calls lock in one order across chunks too and
     * keys it finds equal share a chunk (each chunk in input order).
     */
    private <K> List<List<Integer>> chunks(Call call, KeyBatch<T, K> batch, List<Integer> leaders, int size)
            throws java.sql.SQLException {
        KeyOrder.Order order = leaders.size() <= size ? null
                : KeyOrder.of(call, table, batch.key(), leaders.size(), i -> batch.values(leaders.get(i)));
        if (order == null) {
            return KeyOrder.inInputOrder(leaders, size);
        }
        List<List<Integer>> chunks = new ArrayList<>();
        for (List<Integer> chunk : KeyOrder.chunks(order, size)) {
            List<Integer> positions = new ArrayList<>(chunk.size());
            for (int i : chunk) {
                positions.add(leaders.get(i));
            }
            chunks.add(positions);
        }
        return chunks;
    }

    /**
     * Writes what {@code values} sets to the key's row, under a row lock and only if a value changes, or
     * creates the row from the key, {@code values} and {@code createOnly} (which wins where both set a
     * column). {@code values} is called once; {@code createOnly}, if not null, only when creating.
     */
    public Outcome<T> updateOrCreate(int key, Object[] keyValues, Consumer<RowValues> values,
            Consumer<RowValues> createOnly) {
        KeySpec spec = table.keys().get(key);
        UpdateRow row = new UpdateRow(table, spec, keyValues, Objects.requireNonNull(values, "values"), createOnly);
        return call(CallRunner.Operation.UPDATE_OR_CREATE, call -> {
            checker.checkKey(call.schema(), spec, keyValues);
            UpdateOrCreateAlgorithm algorithm = UpdateOrCreateAlgorithm.of(call.dialect(), call.schema());
            return untilAnswered("update-or-create",
                    () -> algorithm.attempt(call, statements, checker, key, keyValues, row));
        });
    }

    /**
     * Update-or-create for many keys, atomically: the outcomes in the order of {@code keys}, inside the one
     * transaction (or the caller's, under a savepoint); a repeated key is updated once per position and
     * each position sees the row as it stood after its own update. On PostgreSQL, where every position
     * sets the same columns, one statement per chunk and round ({@link PostgresBulkUpdate}); on H2 and
     * MariaDB/MySQL a few ({@link ValuesListBulkUpdate}); otherwise each position runs the dialect's
     * update-or-create in turn, in the database's order of the keys.
     *
     * @param values called once for each position, with its key
     */
    public <K> List<Outcome<T>> updateOrCreateAll(int key, Collection<K> keys, String parameter,
            Function<K, Object[]> components, BiConsumer<K, RowValues> values) {
        Objects.requireNonNull(values, "values");
        KeyBatch<T, K> batch = KeyBatch.of(table, key, keys, parameter, components, null);
        if (batch.size() == 0) {
            return List.of();
        }
        KeySpec spec = table.keys().get(key);
        UpdateRow[] rows = new UpdateRow[batch.size()];
        for (int i = 0; i < rows.length; i++) {
            K k = batch.key(i);
            rows[i] = new UpdateRow(table, spec, batch.values(i), v -> values.accept(k, v), null);
        }
        return call(CallRunner.Operation.BULK, call -> {
            for (int i = 0; i < rows.length; i++) {
                checker.checkKey(call.schema(), spec, batch.values(i));
            }
            for (UpdateRow row : rows) {
                checker.check(call.schema(), row.values()); // calls values for every position, in input order
            }
            if (PostgresBulkUpdate.serves(call, key, rows)) {
                return updateOrCreateAllAtOnce(call, batch, rows);
            }
            if (ValuesListBulkUpdate.serves(call, key, rows)) {
                return updateOrCreateAllByChunks(call, batch, rows);
            }
            UpdateOrCreateAlgorithm algorithm = UpdateOrCreateAlgorithm.of(call.dialect(), call.schema());
            // Key by key in the database's order of the keys (equal keys in input order), so that calls over
            // the same keys in different orders take their row locks in one order, and do not deadlock;
            // in input order where another unique index makes the order of different keys' writes matter.
            KeyOrder.Order order = rows.length == 1 || call.schema().otherUniqueIndexes().get(key) ? null
                    : KeyOrder.of(call, table, key, rows.length, batch::values);
            @SuppressWarnings("unchecked")
            Outcome<T>[] outcomes = new Outcome[rows.length];
            for (int i = 0; i < rows.length; i++) {
                int position = order == null ? i : order.positions().get(i);
                outcomes[position] = untilAnswered("update-or-create of position " + position + " of many keys",
                        () -> algorithm.attempt(call, statements, checker, key, batch.values(position), rows[position]));
            }
            return new ArrayList<>(java.util.Arrays.asList(outcomes));
        });
    }

    // PostgreSQL's one statement per chunk and round, until every position has its outcome.
    private <K> List<Outcome<T>> updateOrCreateAllAtOnce(Call call, KeyBatch<T, K> batch, UpdateRow[] rows)
            throws java.sql.SQLException {
        @SuppressWarnings("unchecked")
        Outcome<T>[] outcomes = new Outcome[rows.length];
        // More than one chunk: along the database's order of the keys, so that concurrent calls lock in one
        // order across chunks too, and keys it finds equal stay in one chunk, in input order.
        List<List<Integer>> chunks = rows.length <= PostgresBulkUpdate.CHUNK ? List.of(KeyOrder.all(rows.length))
                : KeyOrder.chunks(KeyOrder.of(call, table, batch.key(), rows.length, batch::values), PostgresBulkUpdate.CHUNK);
        for (List<Integer> chunk : chunks) {
            roundsUntilAnswered(chunk, outcomes,
                    pending -> PostgresBulkUpdate.round(call, statements, batch, rows, pending, outcomes));
        }
        return new ArrayList<>(java.util.Arrays.asList(outcomes));
    }

    // H2 and MariaDB/MySQL: a few statements per chunk and round (ValuesListBulkUpdate), until every
    // position has its outcome.
    private <K> List<Outcome<T>> updateOrCreateAllByChunks(Call call, KeyBatch<T, K> batch, UpdateRow[] rows)
            throws java.sql.SQLException {
        @SuppressWarnings("unchecked")
        Outcome<T>[] outcomes = new Outcome[rows.length];
        int size = ValuesListBulkUpdate.chunkSize(batch.keySpec().columns().size(), rows[0].setColumns().size());
        // The database's order of the keys: each chunk's rows are locked and inserted in it, so that calls
        // over the same keys in different orders do not deadlock; and more than one chunk is cut along it.
        KeyOrder.Order order = rows.length == 1 ? null
                : KeyOrder.of(call, table, batch.key(), rows.length, batch::values);
        java.util.Comparator<Integer> keyOrder = order == null
                ? batch.canonicalOrder().thenComparing(java.util.Comparator.naturalOrder())
                : java.util.Comparator.<Integer>comparingInt(p -> order.group()[p]).thenComparingInt(p -> p);
        List<List<Integer>> chunks = rows.length <= size || order == null
                ? KeyOrder.inInputOrder(KeyOrder.all(rows.length), size) : KeyOrder.chunks(order, size);
        UpdateOrCreateAlgorithm algorithm = UpdateOrCreateAlgorithm.of(call.dialect(), call.schema());
        for (List<Integer> chunk : chunks) {
            List<Integer> sorted = new ArrayList<>(chunk);
            sorted.sort(keyOrder);
            roundsUntilAnswered(sorted, outcomes, pending -> {
                List<Integer> oneByOne = ValuesListBulkUpdate.round(call, statements, batch, rows, pending, outcomes);
                if (order == null) {
                    // Without the database's order, at least keys it finds equal keep their input order.
                    oneByOne = new ArrayList<>(oneByOne);
                    oneByOne.sort(null);
                }
                for (int position : oneByOne) { // in key order, keys the database finds equal in input order
                    outcomes[position] = untilAnswered("update-or-create of position " + position + " of many keys",
                            () -> algorithm.attempt(call, statements, checker, batch.key(), batch.values(position),
                                    rows[position]));
                }
            });
        }
        return new ArrayList<>(java.util.Arrays.asList(outcomes));
    }

    /** One round of a bulk update-or-create over a chunk's positions still unanswered, answering what it can. */
    @FunctionalInterface
    private interface Round {
        void run(List<Integer> pending) throws java.sql.SQLException;
    }

    // Rounds over a chunk until every position has its outcome. Every round answers at least the first
    // position of each key, unless a concurrent creator's row vanished: a round that answers nothing is
    // one such attempt, and a row that keeps vanishing is reported, never looped on forever.
    private void roundsUntilAnswered(List<Integer> chunk, Outcome<T>[] outcomes, Round round)
            throws java.sql.SQLException {
        List<Integer> pending = chunk;
        int fruitless = 0;
        while (!pending.isEmpty()) {
            round.run(pending);
            List<Integer> left = new ArrayList<>();
            for (int p : pending) {
                if (outcomes[p] == null) {
                    left.add(p);
                }
            }
            if (left.size() == pending.size() && ++fruitless >= VANISHING_ROW_ATTEMPTS) {
                throw new GetOrCreateException("update-or-create of many keys on table " + table.name()
                        + " gave up after " + VANISHING_ROW_ATTEMPTS + " rounds: " + left.size()
                        + " keys' concurrent creators' rows kept vanishing");
            }
            pending = left;
        }
    }

    public Optional<T> find(int key, Object[] keyValues) {
        KeySpec spec = table.keys().get(key);
        return call(CallRunner.Operation.READ_OR_CREATE, call -> {
            checker.checkKey(call.schema(), spec, keyValues);
            return Optional.ofNullable(statements.selectOne(call, table.sql(call.dialect()).keys().get(key).select(),
                    spec.columns(), keyValues));
        });
    }

    public Optional<T> findById(Object id) {
        return call(CallRunner.Operation.READ_OR_CREATE, call -> Optional.ofNullable(
                statements.selectOne(call, table.sql(call.dialect()).findById(), table.idColumns(), new Object[] {id})));
    }

    /** A plain insert of every component as given (a null or zero id excepted); returns the stored row. */
    public T create(Object[] components) {
        RowValues row = RowValues.forCreate(table, components);
        return call(CallRunner.Operation.INSERT, call -> {
            checker.check(call.schema(), row);
            TableSql sql = table.sql(call.dialect());
            String insert = table.idIndex() >= 0 && row.isSet(table.idIndex()) ? sql.insertWithId() : sql.insert();
            return call.guarded(() -> statements.insert(call, insert, row));
        });
    }

    public void createTable() {
        call(CallRunner.Operation.DDL, call -> {
            String ddl = table.sql(call.dialect()).createTable();
            statements.log(ddl);
            try (Statement st = call.connection().createStatement()) {
                st.execute(ddl);
            }
            return null;
        });
    }

    // The boundary: the user's own exceptions pass unchanged, nothing of a driver's or JDBI's escapes unwrapped.
    private <R> R call(CallRunner.Operation operation, CallRunner.Work<R> work) {
        if (Thread.currentThread().isInterrupted()) {
            // As a blocking call should: refuse at once, keep the flag, take no connection.
            throw new GetOrCreateException("The thread is interrupted, so the call on table " + table.name()
                    + " was not made (its interrupt flag is still set)");
        }
        try {
            return runner.run(operation, work);
        } catch (UserCode.Failure e) {
            throw e.rethrow();
        } catch (GetOrCreateException e) {
            throw e;
        } catch (RuntimeException e) {
            throw Failures.unexpected(table, e);
        }
    }
}
