package io.getorcreate.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Runs at the same time do not share tables: what a run's tests create and drop lives in the run's own
 * schema (PostgreSQL) or database (MariaDB), never in the one the environment's URL names.
 */
abstract class IsolationTest {
    TestDatabase db;
    Entities_TagDao tags;

    abstract TestDatabase.Kind kind();

    @BeforeEach
    void setUp() {
        db = TestDatabase.open(kind(), 2);
        db.drop("tag");
        tags = new Entities_TagDao(db.jdbi);
    }

    @AfterEach
    void tearDown() {
        if (db != null) {
            db.drop("tag");
            db.close();
        }
    }

    @Test
    void aTestsTablesLiveInTheRunsOwnSchemaNotInTheSharedOne() throws SQLException {
        String marker = "isolation-" + UUID.randomUUID();
        tags.createTable();
        assertThat(tags.getOrCreateByName(marker).created()).isTrue();

        String shared;
        try (Connection c = DriverManager.getConnection(TestDatabase.baseUrl(kind()))) {
            shared = schemaOf(c);
            assertThat(rowsWithName(c, shared, marker)).as("rows in the shared %s.tag", shared).isZero();
            assertThat(rowsWithName(c, db.schema(), marker)).as("rows in the run's %s.tag", db.schema()).isOne();
        }
        assertThat(db.schema()).startsWith("goc_it_").isNotEqualToIgnoringCase(shared);
        try (Connection c = db.dataSource.getConnection()) {
            assertThat(schemaOf(c)).isEqualTo(db.schema());
        }
    }

    @Test
    void twoRunsNeitherSeeNorDropEachOthersTables() throws SQLException {
        TestDatabase.Run other = TestDatabase.Run.start(kind());
        String otherExtra;
        try (TestDatabase theirs = other.open(2, true)) {
            assertThat(other.schema).isNotEqualTo(db.schema());
            Entities_TagDao theirTags = new Entities_TagDao(theirs.jdbi);
            tags.createTable();
            theirTags.createTable();
            tags.getOrCreateByName("mine");
            theirTags.getOrCreateByName("theirs");
            assertThat(tags.findByName("theirs")).isEmpty();
            assertThat(theirTags.findByName("mine")).isEmpty();

            db.drop("tag");
            assertThat(theirTags.findByName("theirs")).isPresent();
            assertThat(theirs.count("tag")).isOne();
            otherExtra = theirs.createSchema();
        } finally {
            other.end();
        }
        try (Connection c = DriverManager.getConnection(TestDatabase.baseUrl(kind()))) {
            assertThat(schemaExists(c, other.schema)).as("the ended run's schema").isFalse();
            assertThat(schemaExists(c, otherExtra)).as("the ended run's extra schema").isFalse();
            assertThat(schemaExists(c, db.schema())).as("this run's schema").isTrue();
        }
    }

    @Test
    void anExtraSchemaAndAnotherSearchPathStayInsideTheRun() throws SQLException {
        String extra = db.createSchema();
        assertThat(extra).startsWith(db.schema() + "_");
        try (TestDatabase elsewhere = db.withSchemas(2, extra)) {
            new Entities_TagDao(elsewhere.jdbi).createTable();
            new Entities_TagDao(elsewhere.jdbi).getOrCreateByName("there");
            try (Connection c = elsewhere.dataSource.getConnection()) {
                assertThat(schemaOf(c)).isEqualTo(extra);
                assertThat(rowsWithName(c, extra, "there")).isOne();
                assertThat(rowsWithName(c, db.schema(), "there")).isZero();
            }
        }
        if (kind() == TestDatabase.Kind.POSTGRES) {
            try (TestDatabase both = db.withSchemas(2, extra, db.schema());
                    Connection c = both.dataSource.getConnection();
                    ResultSet rs = c.createStatement().executeQuery("SHOW search_path")) {
                assertThat(rs.next()).isTrue();
                assertThat(rs.getString(1).replace(" ", "")).isEqualTo(extra + "," + db.schema());
            }
        }
    }

    /** The schema (PostgreSQL) or database (MariaDB) unqualified names land in on this connection. */
    private String schemaOf(Connection c) throws SQLException {
        return kind() == TestDatabase.Kind.MARIADB ? c.getCatalog() : c.getSchema();
    }

    private String qualified(String schema, String table) {
        return kind() == TestDatabase.Kind.MARIADB ? "`" + schema + "`.`" + table + "`" : '"' + schema + "\".\"" + table + '"';
    }

    /** Rows of {@code schema.tag} with the name; 0 when there is no such table (another run may drop it any time). */
    private long rowsWithName(Connection c, String schema, String name) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT COUNT(*) FROM " + qualified(schema, "tag") + " WHERE name = ?")) {
            ps.setString(1, name);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        } catch (SQLException e) {
            if ("42P01".equals(e.getSQLState()) || e.getErrorCode() == 1146) {
                return 0; // no such table
            }
            throw e;
        }
    }

    private static boolean schemaExists(Connection c, String schema) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT COUNT(*) FROM information_schema.schemata WHERE schema_name = ?")) {
            ps.setString(1, schema);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1) > 0;
            }
        }
    }
}
