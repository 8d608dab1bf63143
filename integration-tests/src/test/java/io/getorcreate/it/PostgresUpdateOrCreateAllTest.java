package io.getorcreate.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.getorcreate.Outcome;
import io.getorcreate.it.EdgeEntities.Code;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * PostgreSQL: update-or-create for many keys in one statement per chunk (and per round: a key repeated
 * in the input, by Java's equality or only by the column's collation, goes one round per occurrence).
 */
class PostgresUpdateOrCreateAllTest extends UpdateOrCreateAllTest {
    @Override
    TestDatabase.Kind kind() {
        return TestDatabase.Kind.POSTGRES;
    }

    @Test
    void oneStatementPerChunkOfAThousandKeys() {
        // One per chunk of 1,000, and one that puts the keys in the database's order before they are cut.
        assertThat(statementsForTwoThousandFiveHundredKeys()).as("statements for 2,500 keys").isEqualTo(4);
    }

    @Test
    void keysTheCollationMakesOneAreUpdatedInInputOrder() {
        db.exec("CREATE COLLATION " + db.schema() + ".uoc_ci (provider = icu, locale = 'und-u-ks-level2', "
                + "deterministic = false)", "DROP TABLE code",
                "CREATE TABLE code (" + db.identity() + ", code VARCHAR(40) COLLATE " + db.schema() + ".uoc_ci NOT NULL, "
                        + "note VARCHAR(20), CONSTRAINT code_code_key UNIQUE (code))");
        codes = new EdgeEntities_CodeDao(db.jdbi);
        List<Outcome<Code>> outcomes = codes.updateOrCreateAllByCode(List.of("Alice", "bob", "ALICE", "alice", "BOB"),
                (key, v) -> v.note(key));
        assertThat(outcomes).extracting(Outcome::created).containsExactly(true, true, false, false, false);
        assertThat(outcomes).extracting(Outcome::updated).containsExactly(false, false, true, true, true);
        assertThat(outcomes).extracting(o -> o.entity().note()).containsExactly("Alice", "bob", "ALICE", "alice", "BOB");
        assertThat(outcomes).extracting(o -> o.entity().code()).containsExactly("Alice", "bob", "Alice", "Alice", "bob");
        assertThat(codes.findByCode("aLiCe").orElseThrow().note()).isEqualTo("alice");
        assertThat(db.count("code")).isEqualTo(2);
    }
}
