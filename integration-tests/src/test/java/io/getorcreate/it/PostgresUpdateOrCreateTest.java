package io.getorcreate.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.getorcreate.Outcome;
import io.getorcreate.it.UpdateEntities.Account;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.transaction.TransactionIsolationLevel;
import org.junit.jupiter.api.Test;

class PostgresUpdateOrCreateTest extends UpdateOrCreateTest {
    @Override
    TestDatabase.Kind kind() {
        return TestDatabase.Kind.POSTGRES;
    }

    /** The table's n_tup_upd as the statistics hold it, after this connection's pending counts are flushed. */
    static long rowsUpdated(Handle h) {
        h.execute("SELECT pg_stat_force_next_flush()");
        return h.createQuery("SELECT n_tup_upd FROM pg_stat_user_tables WHERE relid = 'uoc_account'::regclass")
                .mapTo(Long.class).one();
    }

    @Test
    void theNoChangePathWritesNoRowVersion() {
        try (Handle h = db.jdbi.open()) {
            UpdateEntities_AccountDao dao = accounts.on(h);
            dao.updateOrCreateByEmail("s@example.com", v -> v.name("S").phone("1"));
            long before = rowsUpdated(h);
            for (int i = 0; i < 3; i++) {
                Outcome<Account> unchanged = dao.updateOrCreateByEmail("s@example.com", v -> v.name("S").phone("1"));
                assertThat(unchanged.updated()).isFalse();
            }
            assertThat(rowsUpdated(h)).as("n_tup_upd after three no-change calls").isEqualTo(before);
            assertThat(dao.updateOrCreateByEmail("s@example.com", v -> v.name("T")).updated()).isTrue();
            assertThat(rowsUpdated(h)).as("n_tup_upd after one change").isEqualTo(before + 1);
        }
        assertThat(updatesFired()).isEqualTo(1);
    }

    /**
     * The row is created by another transaction after the statement's snapshot: its ON CONFLICT waits for
     * that creator, finds the row committed, and the call updates it (created false, updated true).
     */
    @Test
    void aRowCommittedAfterTheStatementsSnapshotIsUpdatedNotCreated() throws Exception {
        try (Handle creator = db.jdbi.open()) {
            creator.begin();
            Account first = accounts.on(creator).updateOrCreateByEmail("late@example.com", v -> v.name("first")).entity();
            int creatorPid = creator.createQuery("SELECT pg_backend_pid()").mapTo(Integer.class).one();
            CompletableFuture<Outcome<Account>> second = CompletableFuture.supplyAsync(
                    () -> accounts.updateOrCreateByEmail("late@example.com", v -> v.name("second")));
            awaitBlockedBy(creatorPid);
            creator.commit();
            Outcome<Account> outcome = second.get(30, TimeUnit.SECONDS);
            assertThat(outcome.created()).isFalse();
            assertThat(outcome.updated()).isTrue();
            assertThat(outcome.entity()).isEqualTo(new Account(first.id(), "late@example.com", "second", null, null));
        }
        assertThat(db.count("uoc_account")).isEqualTo(1);
    }

    /** The same inside a caller's READ COMMITTED transaction: no exception, the caller's transaction goes on. */
    @Test
    void aRowCommittedAfterTheSnapshotInsideACallersReadCommittedTransaction() throws Exception {
        try (Handle creator = db.jdbi.open()) {
            creator.begin();
            accounts.on(creator).updateOrCreateByEmail("late@example.com", v -> v.name("first"));
            int creatorPid = creator.createQuery("SELECT pg_backend_pid()").mapTo(Integer.class).one();
            CompletableFuture<Outcome<Account>> second = CompletableFuture.supplyAsync(
                    () -> db.jdbi.inTransaction(TransactionIsolationLevel.READ_COMMITTED, h -> {
                        Outcome<Account> o = accounts.on(h).updateOrCreateByEmail("late@example.com",
                                v -> v.phone("2"), c -> c.name("never"));
                        h.execute("UPDATE uoc_account SET visits = 7 WHERE email = 'late@example.com'");
                        return o;
                    }));
            awaitBlockedBy(creatorPid);
            creator.commit();
            Outcome<Account> outcome = second.get(30, TimeUnit.SECONDS);
            assertThat(outcome.created()).isFalse();
            assertThat(outcome.updated()).isTrue();
            assertThat(outcome.entity().name()).isEqualTo("first");
        }
        assertThat(stored("late@example.com").visits()).isEqualTo(7);
    }

    /**
     * Statement-level INSERT and UPDATE triggers fire even for a statement that writes no row, so on such
     * a table the DAO reads first and sends no INSERT or UPDATE where nothing changes; races still end
     * with one row and one creator, in the DAO's own and in callers' READ COMMITTED transactions.
     */
    @Test
    void statementLevelTriggersFireOnlyWhenTheCallWrites() throws Exception {
        db.exec("CREATE TABLE uoc_statements (op TEXT)",
                "CREATE FUNCTION uoc_count_statement() RETURNS trigger LANGUAGE plpgsql AS "
                        + "$$ BEGIN INSERT INTO uoc_statements VALUES (TG_OP); RETURN NULL; END $$",
                "CREATE TRIGGER uoc_account_statement AFTER INSERT OR UPDATE ON uoc_account FOR EACH STATEMENT "
                        + "EXECUTE FUNCTION uoc_count_statement()");
        try {
            UpdateEntities_AccountDao fresh = new UpdateEntities_AccountDao(db.jdbi); // checks the schema anew
            assertThat(fresh.updateOrCreateByEmail("t@example.com", v -> v.name("T")).created()).isTrue();
            assertThat(statements()).containsExactly("INSERT");
            for (int i = 0; i < 2; i++) {
                Outcome<Account> same = fresh.updateOrCreateByEmail("t@example.com", v -> v.name("T"));
                assertThat(same.created() || same.updated()).isFalse();
            }
            db.jdbi.useTransaction(h -> assertThat(fresh.on(h).updateOrCreateByEmail("t@example.com",
                    v -> v.name("T"), c -> c.phone("never")).updated()).isFalse());
            assertThat(statements()).as("statements fired after the no-change calls").containsExactly("INSERT");
            Outcome<Account> changed = fresh.updateOrCreateByEmail("t@example.com", v -> v.name("U"));
            assertThat(changed.updated()).isTrue();
            assertThat(changed.entity().name()).isEqualTo("U");
            assertThat(statements()).containsExactly("INSERT", "UPDATE");
            db.exec("DELETE FROM uoc_account");
            race(db, fresh, (email, i) -> fresh.updateOrCreateByEmail(email, v -> stamp(v, i)), true);
            db.exec("DELETE FROM uoc_account");
            race(db, fresh, (email, i) -> db.jdbi.inTransaction(TransactionIsolationLevel.READ_COMMITTED,
                    h -> fresh.on(h).updateOrCreateByEmail(email, v -> stamp(v, i))), true);
        } finally {
            db.exec("DROP TRIGGER IF EXISTS uoc_account_statement ON uoc_account", "DROP TABLE IF EXISTS uoc_statements",
                    "DROP FUNCTION IF EXISTS uoc_count_statement()");
        }
    }

    private java.util.List<String> statements() {
        return db.jdbi.withHandle(h -> h.createQuery("SELECT op FROM uoc_statements").mapTo(String.class).list());
    }

    // Polls the server's lock table until some session waits for the creator; bounded, never a sleep.
    private void awaitBlockedBy(int pid) {
        try (Handle watcher = db.jdbi.open()) {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (watcher.createQuery("SELECT COUNT(*) FROM pg_stat_activity WHERE :pid = ANY(pg_blocking_pids(pid))")
                    .bind("pid", pid).mapTo(Long.class).one() == 0) {
                assertThat(System.nanoTime()).as("a session waiting for the creator").isLessThan(deadline);
                Thread.onSpinWait();
            }
        }
    }
}
