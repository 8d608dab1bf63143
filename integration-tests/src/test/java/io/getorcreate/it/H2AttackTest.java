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

    /** Promise 3: a lost race on a key backed by a unique index the user named like H2's own index names. */
    @Test
    void aLostRaceOnAUserNamedUniqueIndexIsFound() {
        db.exec("CREATE TABLE atk_text (" + db.identity() + ", code VARCHAR(20) NOT NULL, note VARCHAR(20))",
                "CREATE UNIQUE INDEX atk_code_index_1 ON atk_text (code)");
        AttackEntities_TextDao dao = new AttackEntities_TextDao(db.jdbi);
        java.util.concurrent.atomic.AtomicBoolean blocked = new java.util.concurrent.atomic.AtomicBoolean();
        io.getorcreate.Outcome<AttackEntities.Text>[] outcome = new io.getorcreate.Outcome[1];
        Throwable thrown = org.assertj.core.api.Assertions.catchThrowable(
                () -> outcome[0] = dao.getOrCreateByCode("late", d -> winnerCommits("late", blocked)));
        assertThat(thrown).as("the loser of the race").isNull();
        assertThat(outcome[0].created()).isFalse();
    }
}
