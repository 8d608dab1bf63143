package io.getorcreate.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.getorcreate.TransactionRetryException;
import java.sql.SQLException;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.transaction.TransactionIsolationLevel;
import org.junit.jupiter.api.Test;

class PostgresRaceTest extends RaceTest {
    @Override
    TestDatabase.Kind kind() {
        return TestDatabase.Kind.POSTGRES;
    }

    /** Promise 8: a REPEATABLE READ snapshot that cannot see a concurrent creator's row is told to retry. */
    @Test
    void repeatableReadSnapshotThatMissesTheWinnerMustRetry() {
        try (Handle caller = db.jdbi.open()) {
            caller.setTransactionIsolationLevel(TransactionIsolationLevel.REPEATABLE_READ);
            caller.begin();
            caller.createQuery("SELECT COUNT(*) FROM tag").mapTo(Long.class).one(); // takes the snapshot
            assertThat(tags.getOrCreateByName("snapshot").created()).isTrue(); // another connection, committed
            assertThatThrownBy(() -> tags.on(caller).getOrCreateByName("snapshot"))
                    .isInstanceOfSatisfying(TransactionRetryException.class, e -> {
                        assertThat(e.getMessage()).contains("retried");
                        assertThat((Throwable) e.getCause()).isInstanceOf(SQLException.class);
                    });
            caller.rollback();
            caller.begin();
            assertThat(tags.on(caller).getOrCreateByName("snapshot").created()).isFalse();
            caller.commit();
        }
    }
}
