package io.getorcreate.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.getorcreate.IntegrityViolationException;
import io.getorcreate.Outcome;
import io.getorcreate.it.UpdateEntities.Account;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.transaction.TransactionIsolationLevel;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * MariaDB, on a table without UPDATE triggers: update-or-create reads without locking, then updates the
 * row it saw or inserts with {@code ON DUPLICATE KEY UPDATE}, so that no caller's transaction deadlocks.
 * Races in callers' READ COMMITTED and REPEATABLE READ transactions end with one row, one creator, one
 * call's values in every column, and no exception; a caller's older snapshot never hides the latest row
 * from the update; another unique constraint's violation is reported as such, and the row holding it is
 * left alone.
 */
class MariaDbUpsertTest {
    TestDatabase db;
    UpdateEntities_AccountDao accounts;

    @BeforeEach
    void setUp() {
        db = TestDatabase.open(TestDatabase.Kind.MARIADB, UpdateOrCreateTest.THREADS + 2);
        db.drop("uoc_account");
        accounts = new UpdateEntities_AccountDao(db.jdbi);
        accounts.createTable();
    }

    @AfterEach
    void tearDown() {
        if (db != null) {
            db.drop("uoc_account");
            db.close();
        }
    }

    @Test
    void racesOfTheDaosOwnTransactions() throws Exception {
        UpdateOrCreateTest.race(db, accounts, (email, i) -> accounts.updateOrCreateByEmail(email,
                v -> UpdateOrCreateTest.stamp(v, i)), true);
    }

    @Test
    void racesInsideCallersReadCommittedTransactionsThrowNothing() throws Exception {
        raceInCallersTransactions(TransactionIsolationLevel.READ_COMMITTED);
    }

    @Test
    void racesInsideCallersRepeatableReadTransactionsThrowNothing() throws Exception {
        raceInCallersTransactions(TransactionIsolationLevel.REPEATABLE_READ);
    }

    private void raceInCallersTransactions(TransactionIsolationLevel level) throws Exception {
        UpdateOrCreateTest.race(db, accounts, (email, i) -> db.jdbi.inTransaction(level, h -> {
            h.createQuery("SELECT COUNT(*) FROM uoc_account").mapTo(Long.class).one(); // the snapshot, at RR
            return accounts.on(h).updateOrCreateByEmail(email, v -> UpdateOrCreateTest.stamp(v, i));
        }), true);
    }

    @Test
    void createdUpdatedAndUnchangedInsideACallersTransactionWriteOnlyWhenSomethingChanges() {
        db.jdbi.useTransaction(TransactionIsolationLevel.REPEATABLE_READ, h -> {
            long writes = writes(h);
            Outcome<Account> created = accounts.on(h).updateOrCreateByEmail("a@example.com", v -> v.name("Ann"));
            assertThat(created.created()).isTrue();
            assertThat(writes(h) - writes).isEqualTo(1);
            writes = writes(h);
            Outcome<Account> same = accounts.on(h).updateOrCreateByEmail("A@EXAMPLE.COM", v -> v.name("ann"));
            assertThat(same.created() || same.updated()).as("equal by the column's collation").isFalse();
            assertThat(same.entity()).isEqualTo(created.entity());
            assertThat(writes(h) - writes).as("rows written when nothing changed").isZero();
            Outcome<Account> changed = accounts.on(h).updateOrCreateByEmail("a@example.com", v -> v.name("Anne").phone("1"));
            assertThat(changed.updated()).isTrue();
            assertThat(changed.entity().name()).isEqualTo("Anne");
            assertThat(writes(h) - writes).isEqualTo(1);
        });
    }

    @Test
    void aCallersOlderSnapshotDoesNotHideAChangeMadeSince() {
        accounts.updateOrCreateByEmail("s@example.com", v -> v.name("mine"));
        db.jdbi.useTransaction(TransactionIsolationLevel.REPEATABLE_READ, h -> {
            h.createQuery("SELECT COUNT(*) FROM uoc_account").mapTo(Long.class).one(); // takes the snapshot
            accounts.updateOrCreateByEmail("s@example.com", v -> v.name("theirs")); // another connection, committed
            Outcome<Account> o = accounts.on(h).updateOrCreateByEmail("s@example.com", v -> v.name("mine"));
            assertThat(o.updated()).as("the latest row held another name").isTrue();
            assertThat(o.entity().name()).isEqualTo("mine");
        });
        assertThat(accounts.findByEmail("s@example.com").orElseThrow().name()).isEqualTo("mine");
    }

    @Test
    void aRowDeletedSinceTheCallersSnapshotIsCreatedAgain() {
        accounts.updateOrCreateByEmail("d@example.com", v -> v.name("old"));
        db.jdbi.useTransaction(TransactionIsolationLevel.REPEATABLE_READ, h -> {
            h.createQuery("SELECT COUNT(*) FROM uoc_account").mapTo(Long.class).one();
            db.exec("DELETE FROM uoc_account WHERE email = 'd@example.com'");
            Outcome<Account> o = accounts.on(h).updateOrCreateByEmail("d@example.com", v -> v.name("new"));
            assertThat(o.created()).isTrue();
            assertThat(o.entity().name()).isEqualTo("new");
        });
        assertThat(accounts.findByEmail("d@example.com").orElseThrow().name()).isEqualTo("new");
    }

    @Test
    void anotherUniqueConstraintsViolationIsReportedAndItsRowLeftAlone() {
        db.exec("ALTER TABLE uoc_account ADD CONSTRAINT uoc_account_phone_key UNIQUE (phone)");
        Account holder = accounts.updateOrCreateByEmail("holder@example.com", v -> v.name("Holder").phone("555")).entity();
        IntegrityViolationException byValues = catchThrowableOfType(
                () -> accounts.updateOrCreateByEmail("new@example.com", v -> v.name("New").phone("555")),
                IntegrityViolationException.class);
        assertThat(byValues.kind()).isEqualTo(IntegrityViolationException.Kind.UNIQUE);
        assertThat(byValues.constraint()).hasValue("uoc_account_phone_key");
        IntegrityViolationException byCreateOnly = catchThrowableOfType(
                () -> accounts.updateOrCreateByEmail("new@example.com", v -> v.name("New"), c -> c.phone("555")),
                IntegrityViolationException.class);
        assertThat(byCreateOnly.constraint()).hasValue("uoc_account_phone_key");
        assertThat(accounts.findByEmail("holder@example.com")).hasValue(holder);
        assertThat(accounts.findByEmail("new@example.com")).isEmpty();
        // The key's own row, once there, is updated as usual; createOnly does not apply to it.
        accounts.updateOrCreateByEmail("new@example.com", v -> v.name("New"));
        Outcome<Account> o = accounts.updateOrCreateByEmail("new@example.com", v -> v.name("Newer"), c -> c.phone("555"));
        assertThat(o.updated()).isTrue();
        assertThat(o.entity().phone()).isNull();
    }

    // Rows this session has inserted or updated (InnoDB counts no write for a row left as it was).
    private static long writes(Handle h) {
        return h.createQuery("SHOW SESSION STATUS WHERE Variable_name IN ('Handler_update', 'Handler_write')")
                .map((rs, ctx) -> rs.getLong(2)).list().stream().mapToLong(Long::longValue).sum();
    }
}
