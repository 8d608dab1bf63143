package io.getorcreate.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.getorcreate.Outcome;
import io.getorcreate.it.UpdateEntities.Account;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.jdbi.v3.core.transaction.TransactionIsolationLevel;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * API.md "Update or create" on one database: created, updated and unchanged told apart, nothing written
 * when nothing changes (a row-level UPDATE trigger counts), createOnly only on create and winning,
 * values called once, the user's exceptions unchanged, and races on one key.
 */
abstract class UpdateOrCreateTest {
    static final int THREADS = 12;
    static final int KEYS = 15;

    TestDatabase db;
    UpdateEntities_AccountDao accounts;

    abstract TestDatabase.Kind kind();

    boolean is(TestDatabase.Kind kind) {
        return kind() == kind;
    }

    @BeforeEach
    void setUp() {
        db = TestDatabase.open(kind(), THREADS + 2);
        dropAll();
        accounts = new UpdateEntities_AccountDao(db.jdbi);
        accounts.createTable();
        db.exec("CREATE TABLE " + db.quote("uoc_hits") + " (n INT)");
        switch (kind()) {
            case POSTGRES -> db.exec(
                    "CREATE FUNCTION uoc_count_update() RETURNS trigger LANGUAGE plpgsql AS "
                            + "$$ BEGIN INSERT INTO uoc_hits (n) VALUES (1); RETURN NEW; END $$",
                    "CREATE TRIGGER uoc_account_updated AFTER UPDATE ON uoc_account FOR EACH ROW "
                            + "EXECUTE FUNCTION uoc_count_update()");
            case MARIADB -> db.exec("CREATE TRIGGER uoc_account_updated AFTER UPDATE ON uoc_account FOR EACH ROW "
                    + "INSERT INTO uoc_hits (n) VALUES (1)");
            case H2 -> db.exec("CREATE TRIGGER uoc_account_updated AFTER UPDATE ON uoc_account FOR EACH ROW CALL \""
                    + H2UpdateCounter.class.getName() + "\"");
        }
    }

    @AfterEach
    void tearDown() {
        if (db != null) {
            dropAll();
            db.close();
        }
    }

    private void dropAll() {
        db.drop("uoc_account", "uoc_hits");
        if (is(TestDatabase.Kind.POSTGRES)) {
            db.exec("DROP FUNCTION IF EXISTS uoc_count_update()");
        }
    }

    /** Rows the UPDATE trigger has seen change. */
    long updatesFired() {
        return db.count("uoc_hits");
    }

    Account stored(String email) {
        return accounts.findByEmail(email).orElseThrow();
    }

    @Test
    void createsThenUpdatesThenLeavesUnchanged() {
        Outcome<Account> created = accounts.updateOrCreateByEmail("a@example.com", v -> v.name("Ann").visits(1));
        assertThat(created.created()).isTrue();
        assertThat(created.updated()).isFalse();
        assertThat(created.entity().id()).isNotNull();
        assertThat(created.entity()).isEqualTo(stored("a@example.com"));
        assertThat(created.entity().name()).isEqualTo("Ann");
        assertThat(created.entity().phone()).isNull();
        assertThat(updatesFired()).isZero();

        Outcome<Account> updated = accounts.updateOrCreateByEmail("a@example.com", v -> v.name("Anna").phone("123"));
        assertThat(updated.created()).isFalse();
        assertThat(updated.updated()).isTrue();
        assertThat(updated.entity()).isEqualTo(new Account(created.entity().id(), "a@example.com", "Anna", "123", 1));
        assertThat(updated.entity()).isEqualTo(stored("a@example.com"));
        assertThat(updatesFired()).isEqualTo(1);

        Outcome<Account> unchanged = accounts.updateOrCreateByEmail("a@example.com", v -> v.name("Anna").phone("123"));
        assertThat(unchanged.created()).isFalse();
        assertThat(unchanged.updated()).isFalse();
        assertThat(unchanged.entity()).isEqualTo(updated.entity());
        assertThat(updatesFired()).as("nothing written when nothing changed").isEqualTo(1);

        // Only one of two set columns changes: updated; the unset column keeps its value.
        Outcome<Account> partly = accounts.updateOrCreateByEmail("a@example.com", v -> v.name("Anna").visits(2));
        assertThat(partly.updated()).isTrue();
        assertThat(partly.entity()).isEqualTo(new Account(created.entity().id(), "a@example.com", "Anna", "123", 2));
        assertThat(updatesFired()).isEqualTo(2);
        assertThat(db.count("uoc_account")).isEqualTo(1);
    }

    @Test
    void nullsCompareByTheDatabasesEquality() {
        accounts.updateOrCreateByEmail("n@example.com", v -> v.name("N").phone("1"));
        Outcome<Account> toNull = accounts.updateOrCreateByEmail("n@example.com", v -> v.phone(null));
        assertThat(toNull.updated()).isTrue();
        assertThat(toNull.entity().phone()).isNull();
        Outcome<Account> nullAgain = accounts.updateOrCreateByEmail("n@example.com", v -> v.phone(null));
        assertThat(nullAgain.updated()).as("NULL over NULL is no change").isFalse();
        Outcome<Account> fromNull = accounts.updateOrCreateByEmail("n@example.com", v -> v.phone("2"));
        assertThat(fromNull.updated()).isTrue();
        assertThat(updatesFired()).isEqualTo(2);
    }

    @Test
    void valuesThatSetNothingFindOrCreateTheRowAndWriteNothing() {
        Outcome<Account> created = accounts.updateOrCreateByEmail("e@example.com", v -> {});
        assertThat(created.created()).isTrue();
        Outcome<Account> found = accounts.updateOrCreateByEmail("e@example.com", v -> {});
        assertThat(found.created()).isFalse();
        assertThat(found.updated()).isFalse();
        assertThat(found.entity()).isEqualTo(created.entity());
        assertThat(updatesFired()).isZero();
    }

    @Test
    void createOnlyIsCalledOnlyWhenCreatingAndWinsOverValues() {
        AtomicInteger createOnlyCalls = new AtomicInteger();
        Outcome<Account> created = accounts.updateOrCreateByEmail("c@example.com", v -> v.name("from values").visits(1),
                c -> {
                    createOnlyCalls.incrementAndGet();
                    c.name("from createOnly").phone("555");
                });
        assertThat(created.created()).isTrue();
        assertThat(createOnlyCalls).hasValue(1);
        assertThat(created.entity()).isEqualTo(new Account(created.entity().id(), "c@example.com", "from createOnly",
                "555", 1));

        Outcome<Account> updated = accounts.updateOrCreateByEmail("c@example.com", v -> v.name("from values").visits(1),
                c -> {
                    createOnlyCalls.incrementAndGet();
                    c.name("never").phone("never");
                });
        assertThat(createOnlyCalls).as("createOnly is not called for a row that exists").hasValue(1);
        assertThat(updated.updated()).isTrue();
        assertThat(updated.entity()).isEqualTo(new Account(created.entity().id(), "c@example.com", "from values",
                "555", 1));

        Outcome<Account> unchanged = accounts.updateOrCreateByEmail("c@example.com", v -> v.name("from values"),
                c -> createOnlyCalls.incrementAndGet());
        assertThat(unchanged.updated()).isFalse();
        assertThat(createOnlyCalls).hasValue(1);
        assertThat(updatesFired()).isEqualTo(1);
    }

    @Test
    void valuesAreCalledExactlyOnceOnEveryPath() {
        AtomicInteger calls = new AtomicInteger();
        accounts.updateOrCreateByEmail("o@example.com", v -> {
            calls.incrementAndGet();
            v.name("one");
        });
        assertThat(calls).as("create").hasValue(1);
        accounts.updateOrCreateByEmail("o@example.com", v -> {
            calls.incrementAndGet();
            v.name("two");
        });
        assertThat(calls).as("update").hasValue(2);
        accounts.updateOrCreateByEmail("o@example.com", v -> {
            calls.incrementAndGet();
            v.name("two");
        }, c -> c.phone("x"));
        assertThat(calls).as("unchanged").hasValue(3);
    }

    @Test
    void settingAKeyComponentThrowsAndWritesNothing() {
        assertThatThrownBy(() -> accounts.updateOrCreateByEmail("k@example.com", v -> v.email("other@example.com")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("email");
        assertThatThrownBy(() -> accounts.updateOrCreateByEmail("k@example.com", v -> v.name("K"),
                c -> c.email("other@example.com")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("email");
        assertThat(db.count("uoc_account")).isZero();
    }

    @Test
    void theUsersExceptionPassesUnchangedAndNothingIsWritten() {
        Outcome<Account> created = accounts.updateOrCreateByEmail("x@example.com", v -> v.name("kept"));
        IllegalStateException fromValues = new IllegalStateException("from values");
        assertThatThrownBy(() -> accounts.updateOrCreateByEmail("x@example.com", v -> {
            v.name("lost");
            throw fromValues;
        })).isSameAs(fromValues);
        assertThat(stored("x@example.com")).isEqualTo(created.entity());

        IllegalStateException fromCreateOnly = new IllegalStateException("from createOnly");
        assertThatThrownBy(() -> accounts.updateOrCreateByEmail("y@example.com", v -> v.name("lost"), c -> {
            throw fromCreateOnly;
        })).isSameAs(fromCreateOnly);
        assertThat(accounts.findByEmail("y@example.com")).isEmpty();
        assertThat(db.count("uoc_account")).isEqualTo(1);
        assertThat(updatesFired()).isZero();
    }

    @Test
    void insideACallersTransactionTheWorkIsTheCallers() {
        db.jdbi.useHandle(h -> {
            h.begin();
            accounts.on(h).updateOrCreateByEmail("t@example.com", v -> v.name("T"));
            h.rollback();
        });
        assertThat(accounts.findByEmail("t@example.com")).isEmpty();
        db.jdbi.useHandle(h -> {
            h.begin();
            Outcome<Account> created = accounts.on(h).updateOrCreateByEmail("t@example.com", v -> v.name("T"));
            Outcome<Account> updated = accounts.on(h).updateOrCreateByEmail("t@example.com", v -> v.name("U"));
            assertThat(created.created()).isTrue();
            assertThat(updated.updated()).isTrue();
            h.commit();
        });
        assertThat(stored("t@example.com").name()).isEqualTo("U");
    }

    // ---- races: many threads, one key, different values ----

    @FunctionalInterface
    interface Caller {
        /** Calls with stamp {@code i}: every component the call sets holds {@code i}. */
        Outcome<Account> call(String email, int i);
    }

    @Test
    void racesEndWithOneRowOneCreatorAndOneCallsValues() throws Exception {
        race((email, i) -> accounts.updateOrCreateByEmail(email, v -> stamp(v, i)), true);
    }

    @Test
    void racesWithGetOrCreateEndWithOneRowAndOneCreator() throws Exception {
        race((email, i) -> i % 3 == 0 ? accounts.getOrCreateByEmail(email, d -> stamp(d, i))
                : accounts.updateOrCreateByEmail(email, v -> stamp(v, i), c -> c.phone("p" + i)), false);
    }

    @Test
    void racesInsideCallersReadCommittedTransactions() throws Exception {
        race((email, i) -> db.jdbi.inTransaction(TransactionIsolationLevel.READ_COMMITTED, h -> {
            h.createQuery("SELECT COUNT(*) FROM " + db.quote("uoc_account")).mapTo(Long.class).one();
            return accounts.on(h).updateOrCreateByEmail(email, v -> stamp(v, i));
        }), true);
    }

    static void stamp(UpdateEntities_AccountDao.Defaults values, int i) {
        values.name("n" + i).phone("p" + i).visits(i);
    }

    void race(Caller caller, boolean everyCallStamps) throws Exception {
        race(db, accounts, caller, everyCallStamps);
    }

    /** Every key: one row, exactly one creator, no exception, and a final row that holds one call's stamp. */
    static void race(TestDatabase db, UpdateEntities_AccountDao accounts, Caller caller, boolean everyCallStamps)
            throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(THREADS);
        try {
            for (int k = 0; k < KEYS; k++) {
                String email = "race" + k + "@example.com";
                CountDownLatch start = new CountDownLatch(1);
                List<Future<Outcome<Account>>> futures = new ArrayList<>();
                for (int t = 0; t < THREADS; t++) {
                    int i = t + 1;
                    futures.add(pool.submit(() -> {
                        start.await();
                        return caller.call(email, i);
                    }));
                }
                start.countDown();
                int creators = 0;
                Set<Long> ids = new HashSet<>();
                for (Future<Outcome<Account>> f : futures) {
                    Outcome<Account> o = f.get(60, TimeUnit.SECONDS);
                    creators += o.created() ? 1 : 0;
                    ids.add(o.entity().id());
                    assertThat(o.created() && o.updated()).isFalse();
                    assertOneStamp(o.entity());
                }
                List<Outcome<Account>> outcomes = new ArrayList<>();
                for (Future<Outcome<Account>> f : futures) {
                    outcomes.add(f.get());
                }
                assertThat(creators).as("creators of " + email + " in " + outcomes).isEqualTo(1);
                assertThat(ids).hasSize(1);
                assertOneStamp(accounts.findByEmail(email).orElseThrow());
                if (everyCallStamps) {
                    // Each call returned the row right after its own values were applied.
                    for (int t = 0; t < THREADS; t++) {
                        assertThat(futures.get(t).get().entity().visits()).as("call " + (t + 1)).isEqualTo(t + 1);
                    }
                }
            }
            assertThat(db.count("uoc_account")).isEqualTo(KEYS);
        } finally {
            pool.shutdownNow();
            assertThat(pool.awaitTermination(60, TimeUnit.SECONDS)).isTrue();
        }
    }

    static void assertOneStamp(Account a) {
        assertThat(a.visits()).isNotNull();
        int i = a.visits();
        assertThat(a.name()).as("name of " + a).isEqualTo("n" + i);
        assertThat(a.phone()).as("phone of " + a).isEqualTo("p" + i);
    }
}
