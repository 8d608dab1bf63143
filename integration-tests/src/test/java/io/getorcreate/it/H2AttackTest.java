package io.getorcreate.it;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class H2AttackTest extends AttackTest {
    @Override
    TestDatabase.Kind kind() {
        return TestDatabase.Kind.H2;
    }

    /** Promise 10: the table is found the way the connection's unqualified SQL finds it, H2's search path too. */
    @Test
    void theTableIsFoundThroughH2sSchemaSearchPath() {
        String first = db.createSchema();
        String second = db.createSchema();
        db.exec("CREATE TABLE " + second + ".atk_text (" + db.identity() + ", code VARCHAR(20) NOT NULL UNIQUE, "
                + "note VARCHAR(20))");
        try (TestDatabase searching = db.withSchemas(2, first, second)) {
            searching.exec("INSERT INTO atk_text (code) VALUES ('plain SQL finds it')");
            AttackEntities_TextDao dao = new AttackEntities_TextDao(searching.jdbi);
            assertThat(dao.getOrCreateByCode("found").created()).isTrue();
            assertThat(dao.findByCode("plain SQL finds it")).isPresent();
        }
    }
}
