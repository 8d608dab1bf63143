package io.getorcreate.benchmarks;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.getorcreate.Outcome;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Savepoint;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.UnaryOperator;
import javax.sql.DataSource;
import org.jdbi.v3.core.Jdbi;

/**
 * The update-or-creates being compared: set {@code note} of the row with key {@code name}, or create
 * the row. Each returns, per key, the row as stored after the call and whether the call created it or
 * changed it; a call that finds the row holding the value already reports neither.
 */
interface UpdateContender extends AutoCloseable {

    /** One key's answer; {@code updated} is null where the contender cannot tell a change from a rewrite. */
    record Result(BenchItem row, boolean created, Boolean updated) {}

    Result updateOrCreate(String name, String note) throws Exception;

    /** Many distinct keys at once, aligned with {@code names}; {@code notes.get(i)} is key {@code i}'s value. */
    Result[] updateOrCreateAll(List<String> names, List<String> notes) throws Exception;

    @Override
    default void close() {}

    /**
     * @param wrap applied to every data source the contender uses (a counting or timing proxy, or
     *     {@code ds -> ds})
     */
    static UpdateContender create(String name, Database db, UnaryOperator<DataSource> wrap) {
        DataSource ds = wrap.apply(db.dataSource());
        return switch (name) {
            case "dao" -> new Dao(ds);
            case "floor" -> switch (db.kind) {
                case POSTGRES -> new PostgresFloor(ds);
                case MARIADB -> new MariaDbFloor(db, wrap);
                case H2 -> new H2Floor(ds);
            };
            case "django" -> new Django(db.kind, ds);
            default -> throw new IllegalArgumentException(name);
        };
    }

    /** The generated DAO: {@code updateOrCreateByName} and {@code updateOrCreateAllByName}. */
    final class Dao implements UpdateContender {
        private final BenchItemDao dao;

        Dao(DataSource ds) {
            dao = new BenchItemDao(Jdbi.create(ds));
        }

        @Override
        public Result updateOrCreate(String name, String note) {
            return result(dao.updateOrCreateByName(name, d -> d.note(note)));
        }

        @Override
        public Result[] updateOrCreateAll(List<String> names, List<String> notes) {
            Map<String, String> byName = new HashMap<>(names.size() * 2);
            for (int i = 0; i < names.size(); i++) {
                byName.put(names.get(i), notes.get(i));
            }
            List<Outcome<BenchItem>> outcomes = dao.updateOrCreateAllByName(names, (k, d) -> d.note(byName.get(k)));
            Result[] results = new Result[outcomes.size()];
            for (int i = 0; i < results.length; i++) {
                results[i] = result(outcomes.get(i));
            }
            return results;
        }

        private static Result result(Outcome<BenchItem> o) {
            return new Result(o.entity(), o.created(), o.updated());
        }
    }

    /**
     * The floor on PostgreSQL, in autocommit. One call, one statement on every path: {@code INSERT ... ON
     * CONFLICT (name) DO UPDATE ... WHERE bench_item.note IS DISTINCT FROM EXCLUDED.note RETURNING ...,
     * (xmax = 0)} (an inserted row has no xmax, an updated one carries the updater's lock), and for the
     * unchanged row, which that returns nothing for, the row from the statement's snapshot in a {@code
     * UNION ALL}. Many keys: the same over {@code unnest} of a name and a note array {@code WITH
     * ORDINALITY}, inserted in key order. A key left with no row (created by a concurrent transaction
     * after the snapshot, and unchanged) goes again.
     */
    final class PostgresFloor implements UpdateContender {
        private static final String ONE = "WITH w AS (INSERT INTO bench_item (name, note) VALUES (?, ?) "
                + "ON CONFLICT (name) DO UPDATE SET note = EXCLUDED.note WHERE bench_item.note IS DISTINCT FROM EXCLUDED.note "
                + "RETURNING id, name, note, (xmax = 0) AS created) "
                + "SELECT id, name, note, created, NOT created FROM w "
                + "UNION ALL SELECT id, name, note, FALSE, FALSE FROM bench_item WHERE name = ? AND NOT EXISTS (SELECT 1 FROM w)";
        private static final String MANY = "WITH k AS (SELECT name, note, ord FROM unnest(?::text[], ?::text[]) "
                + "WITH ORDINALITY AS u(name, note, ord)), "
                + "w AS (INSERT INTO bench_item (name, note) SELECT name, note FROM k ORDER BY name "
                + "ON CONFLICT (name) DO UPDATE SET note = EXCLUDED.note WHERE bench_item.note IS DISTINCT FROM EXCLUDED.note "
                + "RETURNING id, name, note, (xmax = 0) AS created) "
                + "SELECT w.id, w.name, w.note, k.ord, w.created, NOT w.created FROM w JOIN k ON k.name = w.name "
                + "UNION ALL SELECT t.id, t.name, t.note, k.ord, FALSE, FALSE FROM k JOIN bench_item t ON t.name = k.name "
                + "WHERE NOT EXISTS (SELECT 1 FROM w WHERE w.name = k.name)";
        private final DataSource ds;

        PostgresFloor(DataSource ds) {
            this.ds = ds;
        }

        @Override
        public Result updateOrCreate(String name, String note) throws SQLException {
            try (Connection c = ds.getConnection(); PreparedStatement ps = c.prepareStatement(ONE)) {
                ps.setString(1, name);
                ps.setString(2, note);
                ps.setString(3, name);
                while (true) {
                    try (ResultSet rs = ps.executeQuery()) {
                        if (rs.next()) {
                            return new Result(Contender.Floor.row(rs), rs.getBoolean(4), rs.getBoolean(5));
                        }
                    }
                }
            }
        }

        @Override
        public Result[] updateOrCreateAll(List<String> names, List<String> notes) throws SQLException {
            Result[] results = new Result[names.size()];
            int[] pending = all(results.length);
            try (Connection c = ds.getConnection(); PreparedStatement ps = c.prepareStatement(MANY)) {
                while (pending.length > 0) {
                    String[] n = new String[pending.length];
                    String[] v = new String[pending.length];
                    for (int i = 0; i < n.length; i++) {
                        n[i] = names.get(pending[i]);
                        v[i] = notes.get(pending[i]);
                    }
                    ps.setArray(1, c.createArrayOf("text", n));
                    ps.setArray(2, c.createArrayOf("text", v));
                    try (ResultSet rs = ps.executeQuery()) {
                        while (rs.next()) {
                            results[pending[rs.getInt(4) - 1]] = new Result(Contender.Floor.row(rs), rs.getBoolean(5),
                                    rs.getBoolean(6));
                        }
                    }
                    pending = unanswered(results, pending);
                }
            }
            return results;
        }
    }

    /**
     * The floor on MariaDB, on connections of its own with {@code useAffectedRows=true}, so that an
     * upsert's count tells the paths apart (1 inserted, 2 updated, 0 unchanged). One call, one statement in
     * autocommit: {@code INSERT ... ON DUPLICATE KEY UPDATE id = LAST_INSERT_ID(id), note = VALUES(note)};
     * the id comes back as the generated key where a row was written, and name and note are the call's;
     * where nothing changed the server reports no id, and a SELECT reads the row (two statements). Many keys:
     * {@link LockingBatch}, since a multi-row upsert's count is the batch's, not each row's.
     */
    final class MariaDbFloor implements UpdateContender {
        private static final String ONE = "INSERT INTO bench_item (name, note) VALUES (?, ?) "
                + "ON DUPLICATE KEY UPDATE id = LAST_INSERT_ID(id), note = VALUES(note)";
        private final HikariDataSource own;
        private final DataSource ds;
        private final LockingBatch batch;

        MariaDbFloor(Database db, UnaryOperator<DataSource> wrap) {
            HikariConfig config = new HikariConfig();
            config.setJdbcUrl(Database.withParam(db.pool.getJdbcUrl(), "useAffectedRows", "true"));
            config.setMaximumPoolSize(db.pool.getMaximumPoolSize());
            config.setMinimumIdle(1);
            own = new HikariDataSource(config);
            ds = wrap.apply(own);
            batch = new LockingBatch(Database.Kind.MARIADB, ds);
        }

        @Override
        public Result updateOrCreate(String name, String note) throws SQLException {
            try (Connection c = ds.getConnection();
                    PreparedStatement ps = c.prepareStatement(ONE, java.sql.Statement.RETURN_GENERATED_KEYS)) {
                ps.setString(1, name);
                ps.setString(2, note);
                int count = ps.executeUpdate();
                if (count == 0) { // unchanged: the server reports no id for a row it did not write
                    BenchItem found = select(c, name, false);
                    if (found == null) {
                        throw new SQLException("no row for " + name + " after an upsert that changed nothing");
                    }
                    return new Result(found, false, false);
                }
                try (ResultSet rs = ps.getGeneratedKeys()) {
                    if (!rs.next()) {
                        throw new SQLException("no id for " + name + " (" + count + " rows affected)");
                    }
                    return new Result(new BenchItem(rs.getLong(1), name, note), count == 1, count == 2);
                }
            }
        }

        @Override
        public Result[] updateOrCreateAll(List<String> names, List<String> notes) throws SQLException {
            return batch.updateOrCreateAll(names, notes);
        }

        @Override
        public void close() {
            own.close();
        }
    }

    /**
     * The floor on H2 (in process, so a statement costs no round trip), in autocommit: SELECT the row;
     * if it holds the value, done; if it differs, {@code UPDATE ... WHERE name = ? AND note IS DISTINCT FROM
     * ?}, whose count says whether this call changed it; if there is none, INSERT, and after a duplicate
     * key go again. Many keys: {@link LockingBatch}.
     */
    final class H2Floor implements UpdateContender {
        private final DataSource ds;
        private final LockingBatch batch;

        H2Floor(DataSource ds) {
            this.ds = ds;
            this.batch = new LockingBatch(Database.Kind.H2, ds);
        }

        @Override
        public Result updateOrCreate(String name, String note) throws SQLException {
            try (Connection c = ds.getConnection()) {
                while (true) {
                    BenchItem found = select(c, name, false);
                    if (found != null && Objects.equals(found.note(), note)) {
                        return new Result(found, false, false);
                    }
                    if (found != null) {
                        try (PreparedStatement ps = c.prepareStatement(
                                "UPDATE bench_item SET note = ? WHERE name = ? AND note IS DISTINCT FROM ?")) {
                            ps.setString(1, note);
                            ps.setString(2, name);
                            ps.setString(3, note);
                            return new Result(new BenchItem(found.id(), name, note), false, ps.executeUpdate() == 1);
                        }
                    }
                    try {
                        return new Result(insert(c, Database.Kind.H2, name, note), true, false);
                    } catch (SQLException e) {
                        if (!isDuplicate(e)) {
                            throw e;
                        }
                    }
                }
            }
        }

        @Override
        public Result[] updateOrCreateAll(List<String> names, List<String> notes) throws SQLException {
            return batch.updateOrCreateAll(names, notes);
        }
    }

    /**
     * The floor for many keys on H2 and MariaDB, where one statement cannot say per row what it did: in a
     * transaction, {@code SELECT ... WHERE name IN (...) FOR UPDATE}; one multi-row INSERT of the missing
     * keys in key order ({@code RETURNING} on MariaDB, generated keys on H2); one multi-row write of the
     * keys whose note differs ({@code INSERT ... ON DUPLICATE KEY UPDATE} on MariaDB, {@code MERGE ... WHEN
     * MATCHED THEN UPDATE} on H2); COMMIT. At most three statements, none for a key that holds its value.
     * After a duplicate key (a concurrent creator) the transaction rolls back and goes again.
     */
    final class LockingBatch {
        private final Database.Kind kind;
        private final DataSource ds;
        private final Map<Integer, String> selects = new ConcurrentHashMap<>();

        LockingBatch(Database.Kind kind, DataSource ds) {
            this.kind = kind;
            this.ds = ds;
        }

        Result[] updateOrCreateAll(List<String> names, List<String> notes) throws SQLException {
            try (Connection c = ds.getConnection()) {
                c.setAutoCommit(false);
                try {
                    while (true) {
                        try {
                            Result[] results = attempt(c, names, notes);
                            c.commit();
                            return results;
                        } catch (SQLException e) {
                            c.rollback();
                            if (!isDuplicate(e)) {
                                throw e;
                            }
                        }
                    }
                } finally {
                    c.setAutoCommit(true);
                }
            }
        }

        private Result[] attempt(Connection c, List<String> names, List<String> notes) throws SQLException {
            Result[] results = new Result[names.size()];
            Map<String, BenchItem> found = new HashMap<>(names.size() * 2);
            String select = selects.computeIfAbsent(names.size(),
                    n -> "SELECT id, name, note FROM bench_item WHERE name IN (" + BulkContender.marks(n, "?") + ") FOR UPDATE");
            try (PreparedStatement ps = c.prepareStatement(select)) {
                for (int i = 0; i < names.size(); i++) {
                    ps.setString(i + 1, names.get(i));
                }
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        BenchItem row = Contender.Floor.row(rs);
                        found.put(row.name(), row);
                    }
                }
            }
            List<Integer> missing = new ArrayList<>();
            List<Integer> changed = new ArrayList<>();
            for (int i = 0; i < names.size(); i++) {
                BenchItem row = found.get(names.get(i));
                if (row == null) {
                    missing.add(i);
                } else if (Objects.equals(row.note(), notes.get(i))) {
                    results[i] = new Result(row, false, false);
                } else {
                    changed.add(i);
                    results[i] = new Result(new BenchItem(row.id(), row.name(), notes.get(i)), false, true);
                }
            }
            if (!missing.isEmpty()) {
                missing.sort((a, b) -> names.get(a).compareTo(names.get(b)));
                String insert = "INSERT INTO bench_item (name, note) VALUES " + BulkContender.marks(missing.size(), "(?, ?)");
                if (kind == Database.Kind.MARIADB) {
                    try (PreparedStatement ps = c.prepareStatement(insert + " RETURNING id, name, note")) {
                        bindPairs(ps, names, notes, missing);
                        try (ResultSet rs = ps.executeQuery()) {
                            readCreated(rs, missing, results);
                        }
                    }
                } else {
                    try (PreparedStatement ps = c.prepareStatement(insert, new String[] {"ID", "NAME", "NOTE"})) {
                        bindPairs(ps, names, notes, missing);
                        ps.executeUpdate();
                        try (ResultSet rs = ps.getGeneratedKeys()) {
                            readCreated(rs, missing, results);
                        }
                    }
                }
            }
            if (!changed.isEmpty()) {
                String write = kind == Database.Kind.MARIADB
                        ? "INSERT INTO bench_item (name, note) VALUES " + BulkContender.marks(changed.size(), "(?, ?)")
                                + " ON DUPLICATE KEY UPDATE note = VALUES(note)"
                        : "MERGE INTO bench_item t USING (VALUES " + BulkContender.marks(changed.size(),
                                "(CAST(? AS VARCHAR), CAST(? AS VARCHAR))")
                                + ") s(name, note) ON t.name = s.name WHEN MATCHED THEN UPDATE SET note = s.note";
                try (PreparedStatement ps = c.prepareStatement(write)) {
                    bindPairs(ps, names, notes, changed);
                    ps.executeUpdate();
                }
            }
            return results;
        }

        private static void bindPairs(PreparedStatement ps, List<String> names, List<String> notes, List<Integer> positions)
                throws SQLException {
            int p = 1;
            for (int i : positions) {
                ps.setString(p++, names.get(i));
                ps.setString(p++, notes.get(i));
            }
        }

        private static void readCreated(ResultSet rs, List<Integer> positions, Result[] results) throws SQLException {
            int i = 0;
            while (rs.next()) { // in the order of the VALUES list
                results[positions.get(i++)] = new Result(Contender.Floor.row(rs), true, false);
            }
        }
    }

    /**
     * Django's {@code update_or_create(name=..., defaults={"note": ...})} over JDBC: in a transaction
     * ({@code transaction.atomic()}), {@code SELECT ... FOR UPDATE} of the key; if found, set the
     * attribute and {@code save(update_fields=["note"])}, an {@code UPDATE ... WHERE id = ?} whether or not
     * the value changed; if not, INSERT in a savepoint (the {@code atomic()} inside {@code get_or_create}),
     * and on a duplicate key roll back to it and read the row again with {@code FOR UPDATE}, then UPDATE
     * it. Django reports {@code created} only. Many keys: the loop a Django user writes, {@code with
     * transaction.atomic(): for ...: update_or_create(...)}, where each call's own {@code atomic()} becomes
     * a savepoint. H2, which Django does not support, gets generated keys where Django uses RETURNING.
     */
    final class Django implements UpdateContender {
        private final Database.Kind kind;
        private final DataSource ds;

        Django(Database.Kind kind, DataSource ds) {
            this.kind = kind;
            this.ds = ds;
        }

        @Override
        public Result updateOrCreate(String name, String note) throws SQLException {
            try (Connection c = ds.getConnection()) {
                c.setAutoCommit(false);
                try {
                    Result result = body(c, name, note);
                    c.commit();
                    return result;
                } catch (SQLException | RuntimeException e) {
                    c.rollback();
                    throw e;
                } finally {
                    c.setAutoCommit(true);
                }
            }
        }

        @Override
        public Result[] updateOrCreateAll(List<String> names, List<String> notes) throws SQLException {
            Result[] results = new Result[names.size()];
            try (Connection c = ds.getConnection()) {
                c.setAutoCommit(false);
                try {
                    for (int i = 0; i < results.length; i++) {
                        Savepoint sp = c.setSavepoint();
                        results[i] = body(c, names.get(i), notes.get(i));
                        c.releaseSavepoint(sp);
                    }
                    c.commit();
                    return results;
                } catch (SQLException | RuntimeException e) {
                    c.rollback();
                    throw e;
                } finally {
                    c.setAutoCommit(true);
                }
            }
        }

        private Result body(Connection c, String name, String note) throws SQLException {
            BenchItem found = select(c, name, true);
            if (found == null) {
                Savepoint sp = c.setSavepoint();
                try {
                    BenchItem created = insert(c, kind, name, note);
                    c.releaseSavepoint(sp);
                    return new Result(created, true, null);
                } catch (SQLException e) {
                    c.rollback(sp);
                    found = select(c, name, true);
                    if (found == null) {
                        throw e;
                    }
                }
            }
            try (PreparedStatement ps = c.prepareStatement("UPDATE bench_item SET note = ? WHERE id = ?")) {
                ps.setString(1, note);
                ps.setLong(2, found.id());
                ps.executeUpdate();
            }
            return new Result(new BenchItem(found.id(), name, note), false, null);
        }
    }

    // ---- shared by the hand-written contenders ----

    static BenchItem select(Connection c, String name, boolean forUpdate) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT id, name, note FROM bench_item WHERE name = ?" + (forUpdate ? " FOR UPDATE" : ""))) {
            ps.setString(1, name);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Contender.Floor.row(rs) : null;
            }
        }
    }

    /** INSERT of the row, returning it: {@code RETURNING} on PostgreSQL and MariaDB, generated keys on H2. */
    static BenchItem insert(Connection c, Database.Kind kind, String name, String note) throws SQLException {
        if (kind != Database.Kind.H2) {
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO bench_item (name, note) VALUES (?, ?) RETURNING id, name, note")) {
                ps.setString(1, name);
                ps.setString(2, note);
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    return Contender.Floor.row(rs);
                }
            }
        }
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO bench_item (name, note) VALUES (?, ?)",
                new String[] {"ID", "NAME", "NOTE"})) {
            ps.setString(1, name);
            ps.setString(2, note);
            ps.executeUpdate();
            try (ResultSet rs = ps.getGeneratedKeys()) {
                rs.next();
                return Contender.Floor.row(rs);
            }
        }
    }

    static boolean isDuplicate(SQLException e) {
        return "23505".equals(e.getSQLState()) || "23000".equals(e.getSQLState()) && e.getErrorCode() == 1062;
    }

    private static int[] all(int n) {
        int[] all = new int[n];
        Arrays.setAll(all, i -> i);
        return all;
    }

    private static int[] unanswered(Result[] results, int[] positions) {
        return Arrays.stream(positions).filter(p -> results[p] == null).toArray();
    }
}
