package io.getorcreate.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import org.junit.jupiter.api.Test;

/** On H2 each pool is its own in-memory database; its extra schemas and search paths stay inside it. */
class H2IsolationTest {
    @Test
    void anExtraSchemaAndAnotherSearchPathStayInsideThisDatabase() throws SQLException {
        try (TestDatabase db = TestDatabase.open(TestDatabase.Kind.H2, 2)) {
            String extra = db.createSchema();
            try (TestDatabase elsewhere = db.withSchemas(2, extra, db.schema())) {
                new Entities_TagDao(elsewhere.jdbi).createTable();
                new Entities_TagDao(elsewhere.jdbi).getOrCreateByName("there");
                try (Connection c = elsewhere.dataSource.getConnection();
                        ResultSet rs = c.createStatement().executeQuery(
                                "SELECT TABLE_SCHEMA FROM INFORMATION_SCHEMA.TABLES WHERE TABLE_NAME = 'TAG'")) {
                    assertThat(c.getSchema()).isEqualTo(extra);
                    assertThat(rs.next()).isTrue();
                    assertThat(rs.getString(1)).isEqualTo(extra);
                    assertThat(rs.next()).isFalse();
                }
            }
            try (TestDatabase other = TestDatabase.open(TestDatabase.Kind.H2, 1)) {
                long found = other.jdbi.withHandle(h -> h.createQuery(
                        "SELECT COUNT(*) FROM INFORMATION_SCHEMA.SCHEMATA WHERE SCHEMA_NAME = '" + extra + "'")
                        .mapTo(Long.class).one());
                assertThat(found).as("the schema in another pool's database").isZero();
            }
        }
    }
}
