package io.getorcreate.it;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class H2UpdateOrCreateAllTest extends UpdateOrCreateAllTest {
    @Override
    TestDatabase.Kind kind() {
        return TestDatabase.Kind.H2;
    }

    @Test
    void aConstantNumberOfStatementsPerChunkOfAThousandKeys() {
        // One that puts the keys in the database's order; per chunk of 1,000 a locking read, an UPDATE,
        // a read of the updated rows and an INSERT.
        assertThat(statementsForTwoThousandFiveHundredKeys()).as("statements for 2,500 keys").isEqualTo(1 + 3 * 4);
    }
}
