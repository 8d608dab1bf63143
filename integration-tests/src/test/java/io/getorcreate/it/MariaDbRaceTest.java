package io.getorcreate.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.getorcreate.Outcome;
import io.getorcreate.it.Entities.Tag;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.transaction.TransactionIsolationLevel;
import org.junit.jupiter.api.Test;

class MariaDbRaceTest extends RaceTest {
    @Override
    TestDatabase.Kind kind() {
        return TestDatabase.Kind.MARIADB;
    }

    /** MariaDB's default isolation, in transactions whose snapshot is taken before the get-or-create. */
    @Test
    void insideRepeatableReadTransactionsThatReadFirst() throws Exception {
        race("rr", name -> db.jdbi.inTransaction(TransactionIsolationLevel.REPEATABLE_READ, h -> {
            h.createQuery("SELECT COUNT(*) FROM tag").mapTo(Long.class).one();
            return tags.on(h).getOrCreateByName(name);
        }));
    }

    /** Django's REPEATABLE READ bug, made deterministic: the winner commits after the caller's snapshot. */
    @Test
    void repeatableReadSnapshotStillFindsTheWinner() {
        try (Handle caller = db.jdbi.open()) {
            caller.setTransactionIsolationLevel(TransactionIsolationLevel.REPEATABLE_READ);
            caller.begin();
            caller.createQuery("SELECT COUNT(*) FROM tag").mapTo(Long.class).one(); // takes the snapshot
            Outcome<Tag> winner = tags.getOrCreateByName("snapshot"); // another connection, committed
            assertThat(winner.created()).isTrue();
            Outcome<Tag> loser = tags.on(caller).getOrCreateByName("snapshot");
            assertThat(loser.created()).isFalse();
            assertThat(loser.entity()).isEqualTo(winner.entity());
            caller.commit();
        }
        assertThat(db.count("tag")).isEqualTo(1);
    }
}
