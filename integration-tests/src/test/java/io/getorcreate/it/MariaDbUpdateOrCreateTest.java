package io.getorcreate.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.getorcreate.Outcome;
import io.getorcreate.TransactionRetryException;
import io.getorcreate.it.UpdateEntities.Account;
import java.util.concurrent.atomic.AtomicInteger;
import org.jdbi.v3.core.transaction.TransactionIsolationLevel;
import org.junit.jupiter.api.Test;

/**
* MariaDB, on a table with an UPDATE trigger (the base class's, which counts writes). There the DAO cannot
 * use {@code INSERT ... ON DUPLICATE KEY UPDATE}, which fires UPDATE triggers on a row it leaves as it
 * was, so it locks, then updates or inserts. The DAO's own transactions retry InnoDB's deadlocks
 * themselves (the base class's races). Inside a caller's transaction the DAO cannot: when several callers
 * create one new key at once, InnoDB's duplicate-key check leaves each loser a shared lock on the winner's
 * row that it must then upgrade to write, and at REPEATABLE READ the missed locking read leaves a gap
 * lock, so InnoDB may pick a deadlock victim and roll that caller's transaction back; the DAO reports it
 * as {@link TransactionRetryException}, and the caller retries. These tests retry as the docs say, count
 * the retries, and check everything else. {@link MariaDbUpsertTest} covers tables without such triggers,
 * where no caller sees an exception.
 */
class MariaDbUpdateOrCreateTest extends UpdateOrCreateTest {
    final AtomicInteger retries = new AtomicInteger();

    @Override
    TestDatabase.Kind kind() {
        return TestDatabase.Kind.MARIADB;
    }

    private Outcome<Account> retrying(TransactionIsolationLevel level, String email, int i) {
        while (true) {
            try {
                return db.jdbi.inTransaction(level, h -> {
                    h.createQuery("SELECT COUNT(*) FROM uoc_account").mapTo(Long.class).one();
                    return accounts.on(h).updateOrCreateByEmail(email, v -> stamp(v, i));
                });
            } catch (TransactionRetryException e) {
                retries.incrementAndGet();
            }
        }
    }

    @Override
    @Test
    void racesInsideCallersReadCommittedTransactions() throws Exception {
        race((email, i) -> retrying(TransactionIsolationLevel.READ_COMMITTED, email, i), true);
        System.out.println("MariaDB READ COMMITTED callers' transactions retried: " + retries);
    }

    @Test
    void racesInsideCallersRepeatableReadTransactions() throws Exception {
        race((email, i) -> retrying(TransactionIsolationLevel.REPEATABLE_READ, email, i), true);
        System.out.println("MariaDB REPEATABLE READ callers' transactions retried: " + retries);
    }

    /** One caller at a time needs no retry, even with a snapshot older than the row. */
    @Test
    void aCallersRepeatableReadSnapshotStillUpdatesTheLatestRow() {
        accounts.updateOrCreateByEmail("rr@example.com", v -> v.name("old"));
        db.jdbi.useTransaction(TransactionIsolationLevel.REPEATABLE_READ, h -> {
            h.createQuery("SELECT COUNT(*) FROM uoc_account").mapTo(Long.class).one(); // takes the snapshot
            accounts.updateOrCreateByEmail("rr@example.com", v -> v.phone("committed since")); // another connection
            Outcome<Account> o = accounts.on(h).updateOrCreateByEmail("rr@example.com", v -> v.name("new"));
            assertThat(o.updated()).isTrue();
            assertThat(o.entity().phone()).as("the row as stored, past the snapshot").isEqualTo("committed since");
            assertThat(o.entity().name()).isEqualTo("new");
        });
        assertThat(stored("rr@example.com").phone()).isEqualTo("committed since");
    }
}
