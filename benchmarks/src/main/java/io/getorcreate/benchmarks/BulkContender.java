package io.getorcreate.benchmarks;

import io.getorcreate.Outcome;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import javax.sql.DataSource;
import org.jdbi.v3.core.Jdbi;

/** The get-or-creates of many keys being compared; each returns every key's row, in input order. */
interface BulkContender extends AutoCloseable {

    /**
     * The rows of {@code names}, aligned with it, and for each whether this call created it; {@code created}
     * is null where the contender cannot tell.
     */
    record Rows(BenchItem[] rows, boolean[] created) {}

    Rows getOrCreateAll(List<String> names) throws Exception;

    @Override
    default void close() {}

    static BulkContender create(String name, Database db, DataSource ds) {
        return switch (name) {
            case "bulk" -> new DaoBulk(ds);
            case "loop" -> new DaoLoop(ds);
            case "floor" -> db.kind == Database.Kind.POSTGRES ? new PostgresFloor(ds) : new SelectInsertFloor(db.kind, ds);
            case "floorloop" -> new FloorLoop(db.kind, ds);
            case "django" -> new DjangoRecipe(db.kind, ds);
            default -> throw new IllegalArgumentException(name);
        };
    }

    /** The generated DAO's {@code getOrCreateAllByName}. */
    final class DaoBulk implements BulkContender {
        private final BenchItemDao dao;

        DaoBulk(DataSource ds) {
            dao = new BenchItemDao(Jdbi.create(ds));
        }

        @Override
        public Rows getOrCreateAll(List<String> names) {
            List<Outcome<BenchItem>> outcomes = dao.getOrCreateAllByName(names);
            BenchItem[] rows = new BenchItem[outcomes.size()];
            boolean[] created = new boolean[rows.length];
            for (int i = 0; i < rows.length; i++) {
                rows[i] = outcomes.get(i).entity();
                created[i] = outcomes.get(i).created();
            }
            return new Rows(rows, created);
        }
    }

    /** A loop of the generated DAO's single-key {@code getOrCreateByName} over the same keys. */
    final class DaoLoop implements BulkContender {
        private final BenchItemDao dao;

        DaoLoop(DataSource ds) {
            dao = new BenchItemDao(Jdbi.create(ds));
        }

        @Override
        public Rows getOrCreateAll(List<String> names) {
            BenchItem[] rows = new BenchItem[names.size()];
            boolean[] created = new boolean[rows.length];
            for (int i = 0; i < rows.length; i++) {
                Outcome<BenchItem> outcome = dao.getOrCreateByName(names.get(i));
                rows[i] = outcome.entity();
                created[i] = outcome.created();
            }
            return new Rows(rows, created);
        }
    }

    /**
     * The floor on PostgreSQL: one statement per batch, in autocommit. The keys travel as one text array,
     * unnested {@code WITH ORDINALITY}; existing rows are selected and the missing ones inserted in key
     * order ({@code ON CONFLICT DO NOTHING RETURNING}); the ordinal brings each row back to its position
     * and says whether it was created. A key that comes back with no row lost a race: it goes again.
     */
    final class PostgresFloor implements BulkContender {
        private static final String SQL = "WITH k AS (SELECT name, ord FROM unnest(?::text[]) WITH ORDINALITY AS u(name, ord)), "
                + "s AS (SELECT t.id, t.name, t.note, k.ord FROM k JOIN bench_item t ON t.name = k.name), "
                + "i AS (INSERT INTO bench_item (name) SELECT k.name FROM k WHERE NOT EXISTS "
                + "(SELECT 1 FROM s WHERE s.ord = k.ord) ORDER BY k.name ON CONFLICT (name) DO NOTHING "
                + "RETURNING id, name, note) "
                + "SELECT s.id, s.name, s.note, s.ord, FALSE FROM s "
                + "UNION ALL SELECT i.id, i.name, i.note, k.ord, TRUE FROM i JOIN k ON i.name = k.name";
        private final DataSource ds;

        PostgresFloor(DataSource ds) {
            this.ds = ds;
        }

        @Override
        public Rows getOrCreateAll(List<String> names) throws SQLException {
            BenchItem[] rows = new BenchItem[names.size()];
            boolean[] created = new boolean[rows.length];
            int[] pending = allPositions(rows.length);
            try (Connection c = ds.getConnection(); PreparedStatement ps = c.prepareStatement(SQL)) {
                while (pending.length > 0) {
                    String[] texts = new String[pending.length];
                    for (int i = 0; i < texts.length; i++) {
                        texts[i] = names.get(pending[i]);
                    }
                    ps.setArray(1, c.createArrayOf("text", texts));
                    try (ResultSet rs = ps.executeQuery()) {
                        while (rs.next()) {
                            int position = pending[rs.getInt(4) - 1];
                            rows[position] = Contender.Floor.row(rs);
                            created[position] = rs.getBoolean(5);
                        }
                    }
                    pending = unanswered(rows, pending);
                }
            }
            return new Rows(rows, created);
        }
    }

    /**
     * The floor on H2 and MariaDB: {@code SELECT ... WHERE name IN (...)} for the batch, then one multi-row
     * INSERT of the missing keys in key order ({@code RETURNING} on MariaDB, generated keys on H2), in
     * autocommit: each statement is atomic by itself. A duplicate key (a concurrent creator) fails the
     * INSERT as a whole, and the keys still missing go again.
     */
    final class SelectInsertFloor implements BulkContender {
        private final Database.Kind kind;
        private final DataSource ds;
        private final Map<Integer, String> selects = new ConcurrentHashMap<>();
        private final Map<Integer, String> inserts = new ConcurrentHashMap<>();

        SelectInsertFloor(Database.Kind kind, DataSource ds) {
            this.kind = kind;
            this.ds = ds;
        }

        @Override
        public Rows getOrCreateAll(List<String> names) throws SQLException {
            BenchItem[] rows = new BenchItem[names.size()];
            boolean[] created = new boolean[rows.length];
            int[] pending = allPositions(rows.length);
            try (Connection c = ds.getConnection()) {
                while (pending.length > 0) {
                    Map<String, BenchItem> found = selectIn(c, selects, names, pending);
                    List<Integer> missing = new ArrayList<>();
                    for (int p : pending) {
                        BenchItem row = found.get(names.get(p));
                        if (row != null) {
                            rows[p] = row;
                        } else {
                            missing.add(p);
                        }
                    }
                    if (!missing.isEmpty()) {
                        missing.sort((a, b) -> names.get(a).compareTo(names.get(b)));
                        try {
                            insert(c, names, missing, rows, created);
                        } catch (SQLException e) {
                            if (!isDuplicate(e)) {
                                throw e;
                            }
                        }
                    }
                    pending = unanswered(rows, pending);
                }
            }
            return new Rows(rows, created);
        }

        private void insert(Connection c, List<String> names, List<Integer> missing, BenchItem[] rows, boolean[] created)
                throws SQLException {
            String values = inserts.computeIfAbsent(missing.size(), n -> "INSERT INTO bench_item (name) VALUES " + marks(n, "(?)"));
            if (kind == Database.Kind.MARIADB) {
                try (PreparedStatement ps = c.prepareStatement(values + " RETURNING id, name, note")) {
                    bind(ps, names, missing);
                    try (ResultSet rs = ps.executeQuery()) {
                        read(rs, missing, rows, created);
                    }
                }
            } else {
                try (PreparedStatement ps = c.prepareStatement(values, new String[] {"ID", "NAME", "NOTE"})) {
                    bind(ps, names, missing);
                    ps.executeUpdate();
                    try (ResultSet rs = ps.getGeneratedKeys()) {
                        read(rs, missing, rows, created);
                    }
                }
            }
        }

        private static void read(ResultSet rs, List<Integer> positions, BenchItem[] rows, boolean[] created)
                throws SQLException {
            int i = 0;
            while (rs.next()) { // in the order of the VALUES list
                int p = positions.get(i++);
                rows[p] = Contender.Floor.row(rs);
                created[p] = true;
            }
        }

        private static boolean isDuplicate(SQLException e) {
            return "23505".equals(e.getSQLState()) || "23000".equals(e.getSQLState()) && e.getErrorCode() == 1062;
        }
    }

    /** A loop of the single-key floor ({@link Contender.Floor}) over the same keys. */
    final class FloorLoop implements BulkContender {
        private final Contender.Floor floor;

        FloorLoop(Database.Kind kind, DataSource ds) {
            floor = new Contender.Floor(kind, ds);
        }

        @Override
        public Rows getOrCreateAll(List<String> names) throws SQLException {
            BenchItem[] rows = new BenchItem[names.size()];
            for (int i = 0; i < rows.length; i++) {
                rows[i] = new BenchItem(floor.getOrCreate(names.get(i)), names.get(i), null);
            }
            return new Rows(rows, null);
        }
    }

    /**
     * Django's recipe: {@code bulk_create(objs, ignore_conflicts=True)}, which runs one multi-row
     * {@code INSERT ... ON CONFLICT DO NOTHING} ({@code INSERT IGNORE} on MariaDB) inside its own
     * {@code transaction.atomic()}, then {@code filter(name__in=names)} to read every key's row. It cannot
     * say which rows it created. H2, which Django does not support, gets the equivalent {@code MERGE ... WHEN
     * NOT MATCHED THEN INSERT}.
     */
    final class DjangoRecipe implements BulkContender {
        private final Database.Kind kind;
        private final DataSource ds;
        private final Map<Integer, String> inserts = new ConcurrentHashMap<>();
        private final Map<Integer, String> selects = new ConcurrentHashMap<>();

        DjangoRecipe(Database.Kind kind, DataSource ds) {
            this.kind = kind;
            this.ds = ds;
        }

        @Override
        public Rows getOrCreateAll(List<String> names) throws SQLException {
            int[] all = allPositions(names.size());
            try (Connection c = ds.getConnection()) {
                c.setAutoCommit(false);
                try (PreparedStatement ps = c.prepareStatement(inserts.computeIfAbsent(names.size(), this::insertSql))) {
                    for (int i = 0; i < names.size(); i++) {
                        ps.setString(i + 1, names.get(i));
                    }
                    ps.executeUpdate();
                    c.commit();
                } catch (SQLException e) {
                    c.rollback();
                    throw e;
                } finally {
                    c.setAutoCommit(true);
                }
                Map<String, BenchItem> found = selectIn(c, selects, names, all);
                BenchItem[] rows = new BenchItem[names.size()];
                for (int i = 0; i < rows.length; i++) {
                    rows[i] = found.get(names.get(i));
                }
                return new Rows(rows, null);
            }
        }

        private String insertSql(int n) {
            return switch (kind) {
                case POSTGRES -> "INSERT INTO bench_item (name) VALUES " + marks(n, "(?)") + " ON CONFLICT DO NOTHING";
                case MARIADB -> "INSERT IGNORE INTO bench_item (name) VALUES " + marks(n, "(?)");
                case H2 -> "MERGE INTO bench_item t USING (VALUES " + marks(n, "(?)") + ") s(name) ON t.name = s.name "
                        + "WHEN NOT MATCHED THEN INSERT (name) VALUES (s.name)";
            };
        }
    }

    // ---- shared by the hand-written contenders ----

    /** {@code SELECT id, name, note FROM bench_item WHERE name IN (...)} over the positions' names, by name. */
    static Map<String, BenchItem> selectIn(Connection c, Map<Integer, String> cache, List<String> names, int[] positions)
            throws SQLException {
        String sql = cache.computeIfAbsent(positions.length,
                n -> "SELECT id, name, note FROM bench_item WHERE name IN (" + marks(n, "?") + ")");
        Map<String, BenchItem> found = new HashMap<>(positions.length * 2);
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < positions.length; i++) {
                ps.setString(i + 1, names.get(positions[i]));
            }
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    BenchItem row = Contender.Floor.row(rs);
                    found.put(row.name(), row);
                }
            }
        }
        return found;
    }

    private static void bind(PreparedStatement ps, List<String> names, List<Integer> positions) throws SQLException {
        for (int i = 0; i < positions.size(); i++) {
            ps.setString(i + 1, names.get(positions.get(i)));
        }
    }

    static String marks(int n, String mark) {
        StringBuilder sb = new StringBuilder(n * (mark.length() + 2));
        for (int i = 0; i < n; i++) {
            sb.append(i == 0 ? "" : ", ").append(mark);
        }
        return sb.toString();
    }

    private static int[] allPositions(int n) {
        int[] all = new int[n];
        Arrays.setAll(all, i -> i);
        return all;
    }

    private static int[] unanswered(BenchItem[] rows, int[] positions) {
        return Arrays.stream(positions).filter(p -> rows[p] == null).toArray();
    }
}
