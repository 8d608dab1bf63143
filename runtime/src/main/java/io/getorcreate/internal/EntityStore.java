package io.getorcreate.internal;

import io.getorcreate.GetOrCreateException;
import io.getorcreate.IntegrityViolationException;
import io.getorcreate.InvalidValueException;
import io.getorcreate.Outcome;
import io.getorcreate.TransactionRetryException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Savepoint;
import java.sql.Statement;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Consumer;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.extension.HandleSupplier;

/**
 * The runtime behind one generated DAO instance: takes a connection (the thread's JDBI handle, the
 * caller's handle, or a handle of its own), checks the schema once per database, and runs the
 * get-or-create algorithm of the connection's dialect straight on prepared statements.
 *
 * <p>Three ways a call meets a connection:
 * <ul>
 *   <li>autocommit: every statement commits by itself, so no BEGIN/COMMIT is sent and a failed
 *       statement harms nothing;
 *   <li>its own transaction: a handle this store opened whose pool hands out autoCommit=false
 *       connections (JDBI does not commit those): the store commits, or rolls back and retries;
 *   <li>the caller's transaction: never committed or rolled back here; on PostgreSQL a statement that
 *       may fail runs under a savepoint so that the caller's transaction survives it.
 * </ul>
 *
 * @param <T> the entity record
 */
public final class EntityStore<T> {
    /** Attempts before a DAO-owned call gives up on serialization failures or vanishing rows. */
    static final int MAX_ATTEMPTS = 20;
    /** Connections a DAO-owned idempotent call tries before it reports a lost connection. */
    static final int MAX_CONNECTION_ATTEMPTS = 8;

    private enum Mode { AUTOCOMMIT, OWN_TRANSACTION, CALLER_TRANSACTION }

    @FunctionalInterface
    private interface Work<R> {
        R run(Connection connection, Mode mode, Dialect dialect, Bound bound) throws SQLException;
    }

    private final TableSpec<T> table;
    private final Jdbi jdbi;
    private final Handle handle;
    /**
     * The passed schema check for this DAO's database, shared with the DAOs that {@link #on} derives for
     * handles of the same {@code Jdbi}. A failed check leaves it empty, so the next call checks again.
     */
    private final AtomicReference<Bound> bound;

    private EntityStore(TableSpec<T> table, Jdbi jdbi, Handle handle, AtomicReference<Bound> bound) {
        this.table = table;
        this.jdbi = jdbi;
        this.handle = handle;
        this.bound = bound;
    }

    public static <T> EntityStore<T> of(TableSpec<T> table, Jdbi jdbi) {
        return new EntityStore<>(Objects.requireNonNull(table, "table"), Objects.requireNonNull(jdbi, "jdbi"), null,
                new AtomicReference<>());
    }

    /** The same store bound to a caller's handle. */
    public EntityStore<T> on(Handle callerHandle) {
        Objects.requireNonNull(callerHandle, "handle");
        Jdbi database = jdbi != null ? jdbi : handle.getJdbi();
        boolean sameDatabase = database != null && database == callerHandle.getJdbi();
        return new EntityStore<>(table, null, callerHandle, sameDatabase ? bound : new AtomicReference<>());
    }

    // ---- the operations the generated DAO calls ----

    public Outcome<T> getOrCreate(int key, Object[] keyValues, Consumer<RowValues> defaults) {
        RowValues[] values = new RowValues[1]; // evaluated once, on the first miss, whatever is retried
        return run(true, true, (connection, mode, dialect, bound) -> {
            for (int attempt = 1; ; attempt++) {
                Outcome<T> outcome = dialect == Dialect.POSTGRES
                        ? postgresAttempt(connection, mode, dialect, bound, key, keyValues, defaults, values)
                        : insertAttempt(connection, mode, dialect, bound, key, keyValues, defaults, values);
                if (outcome != null) {
                    return outcome;
                }
                if (attempt >= MAX_ATTEMPTS) {
                    throw new GetOrCreateException("get-or-create on table " + table.name() + " gave up after "
                            + attempt + " attempts: a concurrent creator's row for the key kept vanishing");
                }
            }
        });
    }

    public Optional<T> find(int key, Object[] keyValues) {
        return run(true, true, (connection, mode, dialect, bound) -> Optional.ofNullable(
                selectOne(connection, dialect, table.sql(dialect).keys().get(key).select(), table.keys().get(key).columns(),
                        keyValues)));
    }

    public Optional<T> findById(Object id) {
        return run(true, true, (connection, mode, dialect, bound) -> Optional.ofNullable(
                selectOne(connection, dialect, table.sql(dialect).findById(), table.idColumns(),
                        new Object[] {id})));
    }

    /** A plain insert of every component as given (a null or zero id excepted); returns the stored row. */
    public T create(Object[] components) {
        return run(true, false, (connection, mode, dialect, bound) -> {
            int id = table.idIndex();
            boolean withId = id >= 0 && !unsetId(components[id]);
            TableSql sql = table.sql(dialect);
            long all = table.allColumns();
            long mask = id < 0 || withId ? all : all & ~(1L << id);
            checkValues(bound, dialect, components, mask);
            Savepoint savepoint = savepointIfNeeded(connection, mode, dialect);
            try {
                T row = insertAndRead(connection, dialect, withId ? sql.insertWithId() : sql.insert(), components, mask);
                release(connection, savepoint);
                return row;
            } catch (SQLException e) {
                rollbackTo(connection, savepoint);
                throw e;
            }
        });
    }

    public void createTable() {
        run(false, true, (connection, mode, dialect, bound) -> {
            try (Statement st = connection.createStatement()) {
                st.execute(table.sql(dialect).createTable());
            }
            return null;
        });
    }

    // ---- the algorithm ----

    /**
     * PostgreSQL: one statement selects the row or inserts it. Where defaults must not be evaluated on
     * a hit, or where a caller's transaction would need a savepoint, a plain SELECT goes first so that
     * a hit stays one round trip.
     */
    private Outcome<T> postgresAttempt(Connection connection, Mode mode, Dialect dialect, Bound bound, int key,
            Object[] keyValues, Consumer<RowValues> defaults, RowValues[] values) throws SQLException {
        List<Integer> keyColumns = table.keys().get(key).columns();
        if (values[0] == null && (defaults != null || mode == Mode.CALLER_TRANSACTION)) {
            T found = selectOne(connection, dialect, table.sql(dialect).keys().get(key).select(), keyColumns, keyValues);
            if (found != null) {
                return new Outcome<>(found, false);
            }
        }
        RowValues row = values(key, keyValues, defaults, values);
        checkValues(bound, dialect, row, row.mask());
        String sql = table.getOrCreateSql(dialect, key, row.mask());
        Savepoint savepoint = savepointIfNeeded(connection, mode, dialect);
        try (PreparedStatement ps = connection.prepareStatement(sql)) {
            int next = bind(ps, 1, dialect, keyColumns, keyValues);
            bindMasked(ps, next, dialect, row.mask(), row);
            Outcome<T> outcome = null;
            try (ResultSet rs = ps.executeQuery()) {
                if (rs.next()) {
                    T entity = table.reader().read(rs, dialect);
                    outcome = new Outcome<>(entity, rs.getBoolean(table.columns().size() + 1));
                }
            }
            release(connection, savepoint);
            return outcome;
        } catch (SQLException e) {
            rollbackTo(connection, savepoint);
            throw e;
        }
    }

    /**
     * H2 and MariaDB/MySQL: SELECT, then INSERT on a miss. A unique violation on the key's own
     * constraint means a concurrent creator won: read its row (with a locking read on MariaDB/MySQL
     * inside a transaction, since a plain read there sees only the snapshot). A unique violation on any
     * other constraint is thrown.
     */
    private Outcome<T> insertAttempt(Connection connection, Mode mode, Dialect dialect, Bound bound, int key,
            Object[] keyValues, Consumer<RowValues> defaults, RowValues[] values) throws SQLException {
        KeySql sql = table.sql(dialect).keys().get(key);
        List<Integer> keyColumns = table.keys().get(key).columns();
        String reread = dialect.needsLockingReadAfterDuplicate() && mode != Mode.AUTOCOMMIT
                ? sql.lockingSelect() : sql.select();
        T found = selectOne(connection, dialect, values[0] == null ? sql.select() : reread, keyColumns, keyValues);
        if (found != null) {
            return new Outcome<>(found, false);
        }
        RowValues row = values(key, keyValues, defaults, values);
        checkValues(bound, dialect, row, row.mask());
        try {
            return new Outcome<>(insertAndRead(connection, dialect, table.getOrCreateSql(dialect, key, row.mask()),
                    row, row.mask()), true);
        } catch (SQLException e) {
            SqlErrors.Violation violation = SqlErrors.violation(dialect, e);
            if (violation == null || violation.kind() != IntegrityViolationException.Kind.UNIQUE) {
                throw e;
            }
            String constraint = violation.constraint();
            boolean onKey = constraint != null && bound.keyConstraints().get(key).contains(constraint.toLowerCase(Locale.ROOT));
            if (constraint != null && !onKey) {
                throw e;
            }
            T winner = selectOne(connection, dialect, reread, keyColumns, keyValues);
            if (winner != null) {
                return new Outcome<>(winner, false);
            }
            if (onKey && mode == Mode.CALLER_TRANSACTION && !dialect.canReadPastSnapshot()
                    && connection.getTransactionIsolation() > Connection.TRANSACTION_READ_COMMITTED) {
                // The caller's snapshot predates the winner's commit, and nothing reads past it.
                throw new TransactionRetryException(table.name(), e);
            }
            if (onKey) {
                return null; // the winner rolled back: try again
            }
            throw e;
        }
    }

    private RowValues values(int key, Object[] keyValues, Consumer<RowValues> defaults, RowValues[] values) {
        if (values[0] == null) {
            KeySpec spec = table.keys().get(key);
            RowValues row = new RowValues(table, spec.mask(), keyValues, spec.columns());
            if (defaults != null) {
                defaults.accept(row);
            }
            values[0] = row;
        }
        return values[0];
    }

    /** Names a value its column cannot hold, before the statement is sent. */
    private void checkValues(Bound bound, Dialect dialect, Object values, long mask) {
        List<ColumnSpec> columns = table.columns();
        int[] maxLengths = bound.maxLengths();
        for (int c = 0; c < columns.size(); c++) {
            Object v = (mask & (1L << c)) == 0 ? null : value(values, c);
            if (v == null) {
                continue;
            }
            String problem = null;
            int max = maxLengths[c];
            if (max > 0 && v instanceof String text && tooLong(text, max, dialect)) {
                problem = "a string of " + length(text, dialect) + " characters is longer than the column's " + max;
            } else if (max > 0 && v instanceof byte[] bytes && bytes.length > max) {
                problem = bytes.length + " bytes are more than the column's " + max;
            } else if (max > 0 && v instanceof Enum<?> e && e.name().length() > max) {
                problem = "the enum constant " + e.name() + " is longer than the column's " + max + " characters";
            } else if ((dialect == Dialect.MARIADB || dialect == Dialect.MYSQL)
                    && ((v instanceof Double d && !Double.isFinite(d)) || (v instanceof Float f && !Float.isFinite(f)))) {
                problem = v + " cannot be stored: MariaDB and MySQL have no NaN or infinities";
            }
            if (problem != null) {
                throw new InvalidValueException(table.name(), columns.get(c).name(), problem, null);
            }
        }
    }

    // Databases truncate excess trailing spaces instead of failing; leave those to the database.
    private static boolean tooLong(String text, int max, Dialect dialect) {
        if (length(text, dialect) <= max) {
            return false;
        }
        String excess = text.substring(dialect == Dialect.H2 ? max : text.offsetByCodePoints(0, max));
        return !excess.chars().allMatch(ch -> ch == ' ');
    }

    // H2 counts UTF-16 units (an emoji is two); PostgreSQL and MariaDB count characters.
    private static int length(String text, Dialect dialect) {
        return dialect == Dialect.H2 ? text.length() : text.codePointCount(0, text.length());
    }

    // ---- statements ----

    private T selectOne(Connection connection, Dialect dialect, String sql, List<Integer> columns, Object[] values)
            throws SQLException {
        try (PreparedStatement ps = connection.prepareStatement(sql)) {
            bind(ps, 1, dialect, columns, values);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? table.reader().read(rs, dialect) : null;
            }
        }
    }

    /** Runs an insert of the masked columns and returns the stored row (read back by id on MySQL). */
    private T insertAndRead(Connection connection, Dialect dialect, String sql, Object values, long mask)
            throws SQLException {
        if (dialect == Dialect.POSTGRES || dialect == Dialect.MARIADB) {
            try (PreparedStatement ps = connection.prepareStatement(sql)) {
                bindMasked(ps, 1, dialect, mask, values);
                try (ResultSet rs = ps.executeQuery()) {
                    return readInserted(rs, dialect);
                }
            }
        }
        if (dialect == Dialect.H2) {
            try (PreparedStatement ps = connection.prepareStatement(sql, table.h2ColumnNames())) {
                bindMasked(ps, 1, dialect, mask, values);
                ps.executeUpdate();
                try (ResultSet rs = ps.getGeneratedKeys()) {
                    return readInserted(rs, dialect);
                }
            }
        }
        int id = table.idIndex();
        Object idValue = null;
        try (PreparedStatement ps = connection.prepareStatement(sql, Statement.RETURN_GENERATED_KEYS)) {
            bindMasked(ps, 1, dialect, mask, values);
            ps.executeUpdate();
            if (id >= 0) {
                idValue = (mask & (1L << id)) != 0 ? value(values, id) : null;
                if (idValue == null) {
                    try (ResultSet keys = ps.getGeneratedKeys()) {
                        keys.next();
                        idValue = table.columns().get(id).type() == ColumnType.INT ? (Object) keys.getInt(1) : keys.getLong(1);
                    }
                }
            }
        }
        if (id >= 0) {
            return selectOne(connection, dialect, table.sql(dialect).findById(), table.idColumns(), new Object[] {idValue});
        }
        List<Integer> first = table.keys().get(0).columns();
        Object[] keyValues = new Object[first.size()];
        for (int i = 0; i < keyValues.length; i++) {
            keyValues[i] = value(values, first.get(i));
        }
        return selectOne(connection, dialect, table.sql(dialect).keys().get(0).select(), first, keyValues);
    }

    private T readInserted(ResultSet rs, Dialect dialect) throws SQLException {
        if (!rs.next()) {
            throw new SQLException("INSERT into " + table.name() + " returned no row");
        }
        return table.reader().read(rs, dialect);
    }

    private int bind(PreparedStatement ps, int index, Dialect dialect, List<Integer> columns, Object[] values)
            throws SQLException {
        for (int i = 0; i < values.length; i++) {
            table.columns().get(columns.get(i)).type().bind(ps, index++, values[i], dialect);
        }
        return index;
    }

    private void bindMasked(PreparedStatement ps, int index, Dialect dialect, long mask, Object values)
            throws SQLException {
        List<ColumnSpec> columns = table.columns();
        for (int c = 0; c < columns.size(); c++) {
            if ((mask & (1L << c)) != 0) {
                columns.get(c).type().bind(ps, index++, value(values, c), dialect);
            }
        }
    }

    private static Object value(Object values, int column) {
        return values instanceof RowValues row ? row.get(column) : ((Object[]) values)[column];
    }

    private static boolean unsetId(Object id) {
        return id == null || (id instanceof Number n && n.longValue() == 0);
    }

    private static Savepoint savepointIfNeeded(Connection connection, Mode mode, Dialect dialect) throws SQLException {
        return mode == Mode.CALLER_TRANSACTION && dialect.failedStatementAbortsTransaction()
                ? connection.setSavepoint() : null;
    }

    private static void release(Connection connection, Savepoint savepoint) throws SQLException {
        if (savepoint != null) {
            connection.releaseSavepoint(savepoint);
        }
    }

    private static void rollbackTo(Connection connection, Savepoint savepoint) {
        if (savepoint == null) {
            return;
        }
        try {
            connection.rollback(savepoint);
            connection.releaseSavepoint(savepoint);
        } catch (SQLException suppressed) {
            // The original failure is the one worth reporting; the caller's transaction is unusable anyway.
        }
    }

    private static void backOff(int attempt) {
        long maxMicros = 100L << Math.min(attempt, 6);
        LockSupport.parkNanos(ThreadLocalRandom.current().nextLong(maxMicros) * 1_000L);
    }

    // ---- connections, modes and translation ----

    /**
     * Runs on the caller's handle, the thread's handle, or a handle of its own. Only on a handle of its
     * own, and only for an idempotent call, is a lost connection retried on a fresh one: a get-or-create
     * whose commit was acknowledged but lost in flight then reports the row as found.
     */
    private <R> R run(boolean verify, boolean idempotent, Work<R> work) {
        if (handle != null) {
            return runOn(handle, false, verify, work);
        }
        HandleSupplier scoped = jdbi.getHandleScope().get();
        if (scoped != null) {
            return runOn(scoped.getHandle(), false, verify, work);
        }
        for (int attempt = 1; ; attempt++) {
            try (Handle own = jdbi.open()) {
                return runOn(own, true, verify, work);
            } catch (RuntimeException e) {
                if (!idempotent || attempt >= MAX_CONNECTION_ATTEMPTS || !SqlErrors.isConnectionLoss(e)) {
                    throw e;
                }
                // A server restart takes seconds: 50 ms doubling to 1.6 s, about 6 s in all.
                LockSupport.parkNanos((50L << Math.min(attempt - 1, 5)) * 1_000_000L);
            }
        }
    }

    private <R> R runOn(Handle h, boolean own, boolean verify, Work<R> work) {
        Connection connection = h.getConnection();
        Dialect dialect = null;
        Mode mode = Mode.AUTOCOMMIT;
        try {
            if (!connection.getAutoCommit()) {
                mode = own && !ExternalTransactions.joins(connection) ? Mode.OWN_TRANSACTION : Mode.CALLER_TRANSACTION;
            }
            Bound checked = null;
            if (verify) {
                checked = bound.get();
                if (checked == null) {
                    checked = SchemaVerifier.verify(connection, table);
                    bound.set(checked);
                }
                dialect = checked.dialect();
            } else {
                dialect = Dialect.detect(connection.getMetaData());
            }
            for (int attempt = 1; ; attempt++) {
                try {
                    R result = work.run(connection, mode, dialect, checked);
                    if (mode == Mode.OWN_TRANSACTION) {
                        connection.commit();
                    }
                    return result;
                } catch (SQLException e) {
                    // A serialization failure, deadlock or lock timeout rolled back what this call did;
                    // where the call owns the transaction, it runs again.
                    if (mode == Mode.CALLER_TRANSACTION || attempt >= MAX_ATTEMPTS || !SqlErrors.isTransient(dialect, e)) {
                        throw e;
                    }
                    rollbackOwn(connection, mode);
                    backOff(attempt);
                }
            }
        } catch (SQLException e) {
            rollbackOwn(connection, mode);
            throw translate(dialect, mode, e);
        } catch (RuntimeException | Error e) {
            rollbackOwn(connection, mode);
            throw e;
        }
    }

    private static void rollbackOwn(Connection connection, Mode mode) {
        if (mode != Mode.OWN_TRANSACTION) {
            return;
        }
        try {
            connection.rollback();
        } catch (SQLException suppressed) {
            // Reported through the original failure.
        }
    }

    /** The column as the entity names it, for a name the database reported in its own case. */
    private String columnName(String reported) {
        if (reported == null) {
            return null;
        }
        for (ColumnSpec column : table.columns()) {
            if (column.name().equalsIgnoreCase(reported)) {
                return column.name();
            }
        }
        return reported;
    }

    private RuntimeException translate(Dialect dialect, Mode mode, SQLException e) {
        if (dialect != null) {
            SqlErrors.Violation violation = SqlErrors.violation(dialect, e);
            if (violation != null) {
                return new IntegrityViolationException(violation.kind(), table.name(), violation.constraint(), e);
            }
            if (e.getSQLState() != null && e.getSQLState().startsWith("22")) {
                return new InvalidValueException(table.name(), columnName(SqlErrors.dataColumn(dialect, e)), e.getMessage(), e);
            }
            if (SqlErrors.isTransient(dialect, e)) {
                if (mode == Mode.CALLER_TRANSACTION) {
                    return new TransactionRetryException(table.name(), e);
                }
                return new GetOrCreateException("get-or-create on table " + table.name() + " gave up after "
                        + MAX_ATTEMPTS + " attempts (SQLState " + e.getSQLState() + "): " + e.getMessage(), e);
            }
        }
        if (SqlErrors.isConnectionLoss(e)) {
            return new GetOrCreateException("Lost the connection during a call on table " + table.name()
                    + (mode == Mode.CALLER_TRANSACTION ? "; the caller's transaction is gone and must be retried" : "")
                    + " (SQLState " + e.getSQLState() + "): " + e.getMessage(), e);
        }
        return new GetOrCreateException("Statement on table " + table.name() + " failed (SQLState " + e.getSQLState()
                + "): " + e.getMessage(), e);
    }
}
