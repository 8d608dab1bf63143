package io.getorcreate.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.getorcreate.Outcome;
import io.getorcreate.it.EdgeEntities.Code;
import java.util.List;
import org.junit.jupiter.api.Test;

class MariaDbUpdateOrCreateAllTest extends UpdateOrCreateAllTest {
    @Override
    TestDatabase.Kind kind() {
        return TestDatabase.Kind.MARIADB;
    }

    @Test
    void aConstantNumberOfStatementsPerChunkOfAThousandKeys() {
        // One that puts the keys in the database's order; per chunk of 1,000 a locking read, an UPDATE,
        // a read of the updated rows and an INSERT (RETURNING).
        assertThat(statementsForTwoThousandFiveHundredKeys()).as("statements for 2,500 keys").isEqualTo(1 + 3 * 4);
    }

    // The note column compares under the same collation: notes that differ by case alone would be equal.
    private static String note(String key) {
        return key.chars().filter(Character::isUpperCase).count() + key;
    }

    /** The table's default collation (utf8mb4_general_ci) makes "Alice" and "ALICE" one key. */
    @Test
    void keysTheCollationMakesOneAreCreatedThenUpdatedInInputOrder() {
        List<Outcome<Code>> outcomes = codes.updateOrCreateAllByCode(List.of("Alice", "bob", "ALICE", "alice", "BOB"),
                (key, v) -> v.note(note(key)));
        assertThat(outcomes).extracting(Outcome::created).containsExactly(true, true, false, false, false);
        assertThat(outcomes).extracting(Outcome::updated).containsExactly(false, false, true, true, true);
        assertThat(outcomes).extracting(o -> o.entity().note()).containsExactly("1Alice", "0bob", "5ALICE", "0alice", "3BOB");
        assertThat(outcomes).extracting(o -> o.entity().code()).containsExactly("Alice", "bob", "Alice", "Alice", "bob");
        assertThat(codes.findByCode("aLiCe").orElseThrow().note()).isEqualTo("0alice");
        assertThat(db.count("code")).isEqualTo(2);
    }

    @Test
    void keysTheCollationMakesOneUpdateTheirRowOncePerPositionInInputOrder() {
        codes.getOrCreateByCode("Alice", d -> d.note("old"));
        List<Outcome<Code>> outcomes = codes.updateOrCreateAllByCode(
                List.of("ALICE", "carol", "alice", "Alice", "CAROL", "carol"), (key, v) -> v.note(note(key.equals("Alice") ? "alice" : key)));
        assertThat(outcomes).extracting(Outcome::created).containsExactly(false, true, false, false, false, false);
        assertThat(outcomes).extracting(Outcome::updated).containsExactly(true, false, true, false, true, true);
        assertThat(outcomes).extracting(o -> o.entity().note())
                .containsExactly("5ALICE", "0carol", "0alice", "0alice", "5CAROL", "0carol");
        assertThat(outcomes).extracting(o -> o.entity().code())
                .containsExactly("Alice", "carol", "Alice", "Alice", "carol", "carol");
        assertThat(db.count("code")).isEqualTo(2);
    }
}
