package io.getorcreate.benchmarks;

import jakarta.persistence.EntityManager;
import jakarta.persistence.EntityManagerFactory;
import jakarta.persistence.PersistenceException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Savepoint;
import java.util.List;
import javax.sql.DataSource;
import org.hibernate.jpa.HibernatePersistenceConfiguration;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.sqlobject.SqlObjectPlugin;

/** The get-or-creates being compared; each returns the row's id. */
interface Contender extends AutoCloseable {
    long getOrCreate(String name) throws Exception;

    @Override
    default void close() {}

    static Contender create(String name, Database db, DataSource ds) {
        return switch (name) {
            case "dao" -> new Dao(ds);
            case "floor" -> new Floor(db.kind, ds);
            case "django" -> new Django(db.kind, ds);
            case "hibernate" -> new Hibernate(ds);
            case "sqlobject" -> new SqlObject(ds);
            default -> throw new IllegalArgumentException(name);
        };
    }

    /** (a) The generated DAO. */
    final class Dao implements Contender {
        private final BenchItemDao dao;

        Dao(DataSource ds) {
            dao = new BenchItemDao(Jdbi.create(ds));
        }

        @Override
        public long getOrCreate(String name) {
            return dao.getOrCreateByName(name).entity().id();
        }
    }

    /**
     * (b) The floor: hand-written JDBC with the fewest round trips the dialect allows. PostgreSQL: one
     * statement for hit and miss, retried when both parts come back empty. Elsewhere: SELECT, then
     * INSERT on a miss, and SELECT again after a lost race.
     */
    final class Floor implements Contender {
        private static final String PG = "WITH s AS (SELECT id, name, note FROM bench_item WHERE name = ?), "
                + "i AS (INSERT INTO bench_item (name) SELECT ? WHERE NOT EXISTS (SELECT 1 FROM s) "
                + "ON CONFLICT (name) DO NOTHING RETURNING id, name, note) "
                + "SELECT id, name, note FROM s UNION ALL SELECT id, name, note FROM i";
        private static final String SELECT = "SELECT id, name, note FROM bench_item WHERE name = ?";
        private final Database.Kind kind;
        private final DataSource ds;

        Floor(Database.Kind kind, DataSource ds) {
            this.kind = kind;
            this.ds = ds;
        }

        @Override
        public long getOrCreate(String name) throws SQLException {
            try (Connection c = ds.getConnection()) {
                if (kind == Database.Kind.POSTGRES) {
                    while (true) {
                        try (PreparedStatement ps = c.prepareStatement(PG)) {
                            ps.setString(1, name);
                            ps.setString(2, name);
                            try (ResultSet rs = ps.executeQuery()) {
                                if (rs.next()) {
                                    return row(rs).id();
                                }
                            }
                        }
                    }
                }
                Long found = select(c, name);
                if (found != null) {
                    return found;
                }
                try {
                    return insert(c, kind, name);
                } catch (SQLException e) {
                    Long winner = select(c, name);
                    if (winner == null) {
                        throw e;
                    }
                    return winner;
                }
            }
        }

        static Long select(Connection c, String name) throws SQLException {
            try (PreparedStatement ps = c.prepareStatement(SELECT)) {
                ps.setString(1, name);
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next() ? row(rs).id() : null;
                }
            }
        }

        /** The row, as every contender returns it. */
        static BenchItem row(ResultSet rs) throws SQLException {
            long id = rs.getLong(1);
            return new BenchItem(rs.wasNull() ? null : id, rs.getString(2), rs.getString(3));
        }

        static long insert(Connection c, Database.Kind kind, String name) throws SQLException {
            if (kind == Database.Kind.MARIADB || kind == Database.Kind.POSTGRES) {
                try (PreparedStatement ps = c.prepareStatement(
                        "INSERT INTO bench_item (name) VALUES (?) RETURNING id, name, note")) {
                    ps.setString(1, name);
                    try (ResultSet rs = ps.executeQuery()) {
                        rs.next();
                        return row(rs).id();
                    }
                }
            }
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO bench_item (name) VALUES (?)",
                    new String[] {"ID", "NAME", "NOTE"})) {
                ps.setString(1, name);
                ps.executeUpdate();
                try (ResultSet rs = ps.getGeneratedKeys()) {
                    rs.next();
                    return row(rs).id();
                }
            }
        }
    }

    /**
     * (c) Django's algorithm over JDBC: SELECT; on a miss, in a transaction, SAVEPOINT, INSERT, RELEASE;
     * on a unique violation ROLLBACK TO SAVEPOINT and SELECT again.
     */
    final class Django implements Contender {
        private final Database.Kind kind;
        private final DataSource ds;

        Django(Database.Kind kind, DataSource ds) {
            this.kind = kind;
            this.ds = ds;
        }

        @Override
        public long getOrCreate(String name) throws SQLException {
            try (Connection c = ds.getConnection()) {
                Long found = Floor.select(c, name);
                if (found != null) {
                    return found;
                }
                c.setAutoCommit(false);
                try {
                    Savepoint sp = c.setSavepoint();
                    try {
                        long id = Floor.insert(c, kind, name);
                        c.releaseSavepoint(sp);
                        c.commit();
                        return id;
                    } catch (SQLException e) {
                        c.rollback(sp);
                        Long winner = Floor.select(c, name);
                        c.commit();
                        if (winner == null) {
                            throw e;
                        }
                        return winner;
                    }
                } finally {
                    c.setAutoCommit(true);
                }
            }
        }
    }

    /**
     * (d) Hibernate 7 / JPA, the way a Spring Data user writes it: query by the natural key, else
     * persist and flush in a transaction, and on a constraint violation query again.
     */
    final class Hibernate implements Contender {
        private final EntityManagerFactory emf;

        Hibernate(DataSource ds) {
            emf = new HibernatePersistenceConfiguration("bench")
                    .managedClass(HItem.class)
                    .property("hibernate.connection.datasource", ds)
                    .property("hibernate.hbm2ddl.auto", "none")
                    .property("hibernate.show_sql", "false")
                    .createEntityManagerFactory();
        }

        @Override
        public long getOrCreate(String name) {
            Long found = find(name);
            if (found != null) {
                return found;
            }
            EntityManager em = emf.createEntityManager();
            try {
                em.getTransaction().begin();
                HItem item = new HItem(name);
                em.persist(item);
                em.flush();
                em.getTransaction().commit();
                return item.id;
            } catch (PersistenceException e) {
                if (em.getTransaction().isActive()) {
                    em.getTransaction().rollback();
                }
                Long winner = find(name);
                if (winner == null) {
                    throw e;
                }
                return winner;
            } finally {
                em.close();
            }
        }

        private Long find(String name) {
            EntityManager em = emf.createEntityManager();
            try {
                List<HItem> items = em.createQuery("select i from HItem i where i.name = :name", HItem.class)
                        .setParameter("name", name).getResultList();
                return items.isEmpty() ? null : items.get(0).id;
            } finally {
                em.close();
            }
        }

        @Override
        public void close() {
            emf.close();
        }
    }

    /** (e) A hand-written JDBI SqlObject DAO. */
    final class SqlObject implements Contender {
        private final SqlObjectItems items;

        SqlObject(DataSource ds) {
            items = Jdbi.create(ds).installPlugin(new SqlObjectPlugin()).onDemand(SqlObjectItems.class);
        }

        @Override
        public long getOrCreate(String name) {
            return items.getOrCreate(name);
        }
    }
}
