package io.getorcreate.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.getorcreate.IntegrityViolationException;
import io.getorcreate.Outcome;
import io.getorcreate.it.EdgeEntities.Code;
import io.getorcreate.it.UpdateEntities.Account;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** updateOrCreateAll on one database: alignment, repeated keys in input order, nulls, atomicity, races. */
abstract class UpdateOrCreateAllTest {
    TestDatabase db;
    EdgeEntities_CodeDao codes;

    abstract TestDatabase.Kind kind();

    @BeforeEach
    void setUp() {
        db = TestDatabase.open(kind(), 4);
        db.drop("code");
        db.exec("CREATE TABLE code (" + db.identity() + ", code VARCHAR(40) NOT NULL, note VARCHAR(20), "
                + "CONSTRAINT code_code_key UNIQUE (code), CONSTRAINT code_note_check CHECK (note IS NULL OR note <> 'bad'))"
                + (kind() == TestDatabase.Kind.MARIADB ? " DEFAULT CHARSET=utf8mb4" : ""));
        codes = new EdgeEntities_CodeDao(db.jdbi);
    }

    @AfterEach
    void tearDown() {
        if (db != null) {
            db.drop("code", "uoc_account", "post");
            db.close();
        }
    }

    /** A DAO on this database whose connections count the statements they prepare. */
    EdgeEntities_CodeDao counting(AtomicInteger prepared) {
        return new EdgeEntities_CodeDao(Jdbi.create(() -> {
            Connection real = db.dataSource.getConnection();
            return (Connection) Proxy.newProxyInstance(Connection.class.getClassLoader(), new Class<?>[] {Connection.class},
                    (proxy, method, args) -> {
                        if (method.getName().startsWith("prepare")) {
                            prepared.incrementAndGet();
                        }
                        try {
                            return method.invoke(real, args);
                        } catch (InvocationTargetException e) {
                            throw e.getCause();
                        }
                    });
        }));
    }

    /**
     * 2,500 keys, a third each unchanged, updated and created, through a DAO that counts the statements it
     * prepares; returns their number.
     */
    int statementsForTwoThousandFiveHundredKeys() {
        List<String> keys = new ArrayList<>();
        for (int i = 0; i < 2500; i++) {
            keys.add("k" + i);
            if (i % 3 != 2) {
                codes.getOrCreateByCode("k" + i, d -> d.note("old"));
            }
        }
        AtomicInteger prepared = new AtomicInteger();
        EdgeEntities_CodeDao dao = counting(prepared);
        dao.findByCode("warm-up"); // the schema check
        prepared.set(0);
        List<Outcome<Code>> outcomes = dao.updateOrCreateAllByCode(keys, (key, v) -> v.note(
                Integer.parseInt(key.substring(1)) % 3 == 0 ? "old" : "new"));
        for (int i = 0; i < keys.size(); i++) {
            Outcome<Code> o = outcomes.get(i);
            assertThat(o.entity().code()).isEqualTo(keys.get(i));
            assertThat(o.created()).as("created " + i).isEqualTo(i % 3 == 2);
            assertThat(o.updated()).as("updated " + i).isEqualTo(i % 3 == 1);
            assertThat(o.entity().note()).isEqualTo(i % 3 == 0 ? "old" : "new");
        }
        assertThat(db.count("code")).isEqualTo(2500);
        return prepared.get();
    }

    @Test
    void eachPositionIsCreatedUpdatedOrUnchangedInInputOrder() {
        codes.getOrCreateByCode("same", d -> d.note("kept"));
        codes.getOrCreateByCode("old", d -> d.note("before"));
        List<String> calls = new ArrayList<>();
        List<Outcome<Code>> outcomes = codes.updateOrCreateAllByCode(List.of("new", "same", "old", "new"), (key, v) -> {
            calls.add(key);
            v.note(key.equals("same") ? "kept" : key + "-" + calls.size());
        });
        assertThat(calls).containsExactly("new", "same", "old", "new");
        assertThat(outcomes).extracting(Outcome::created).containsExactly(true, false, false, false);
        assertThat(outcomes).extracting(Outcome::updated).containsExactly(false, false, true, true);
        assertThat(outcomes).extracting(o -> o.entity().note()).containsExactly("new-1", "kept", "old-3", "new-4");
        assertThat(outcomes.get(3).entity().id()).isEqualTo(outcomes.get(0).entity().id());
        assertThat(codes.findByCode("new").orElseThrow().note()).isEqualTo("new-4");
        assertThat(db.count("code")).isEqualTo(3);
    }

    @Test
    void nullsAndEmptyInput() {
        assertThat(new EdgeEntities_CodeDao(Jdbi.create("jdbc:h2:mem:nothing-here"))
                .updateOrCreateAllByCode(List.of(), (k, v) -> v.note("x"))).isEmpty();
        assertThatThrownBy(() -> codes.updateOrCreateAllByCode(Arrays.asList("a", null), (k, v) -> v.note("x")))
                .isInstanceOf(NullPointerException.class).hasMessage("codes[1]");
        assertThatThrownBy(() -> codes.updateOrCreateAllByCode(List.of("a"), null)).isInstanceOf(NullPointerException.class);
        assertThat(db.count("code")).isZero();
    }

    @Test
    void aCallThatThrowsWritesNothingInItsOwnOrTheCallersTransaction() {
        codes.getOrCreateByCode("existing", d -> d.note("before"));
        assertThatThrownBy(() -> codes.updateOrCreateAllByCode(List.of("existing", "fresh", "broken"),
                (key, v) -> v.note(key.equals("broken") ? "bad" : "changed"))).isInstanceOf(IntegrityViolationException.class);
        assertThat(codes.findByCode("existing").orElseThrow().note()).isEqualTo("before");
        assertThat(codes.findByCode("fresh")).isEmpty();
        try (Handle h = db.jdbi.open()) {
            h.begin();
            codes.on(h).getOrCreateByCode("mine");
            assertThatThrownBy(() -> codes.on(h).updateOrCreateAllByCode(List.of("existing", "broken"),
                    (key, v) -> v.note(key.equals("broken") ? "bad" : "changed")))
                    .isInstanceOf(IntegrityViolationException.class);
            h.commit();
        }
        assertThat(codes.findByCode("mine")).isPresent();
        assertThat(codes.findByCode("existing").orElseThrow().note()).isEqualTo("before");
        assertThat(db.count("code")).isEqualTo(2);
    }

    /**
     * Bulk calls over overlapping, shuffled key sets race single calls: every key ends with one row and
     * exactly one creator among all the callers' outcomes; every outcome and every final row holds one
     * call's values in all of its columns; nobody sees an exception.
     */
    @Test
    void bulkAndSingleCallsRaceToOneRowAndOneCreatorPerKey() throws Exception {
        UpdateEntities_AccountDao accounts = new UpdateEntities_AccountDao(db.jdbi);
        accounts.createTable();
        int threads = 6;
        List<String> emails = new ArrayList<>();
        for (int k = 0; k < 60; k++) {
            emails.add("bulk" + k + "@example.com");
        }
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<Map<String, List<Outcome<Account>>>>> futures = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                int stamp = t + 1;
                futures.add(pool.submit(() -> {
                    List<String> mine = new ArrayList<>(emails);
                    Collections.shuffle(mine, new Random(stamp));
                    mine = mine.subList(0, 45);
                    start.await();
                    Map<String, List<Outcome<Account>>> seen = new HashMap<>();
                    if (stamp % 3 == 0) {
                        for (String email : mine) {
                            seen.computeIfAbsent(email, e -> new ArrayList<>())
                                    .add(accounts.updateOrCreateByEmail(email, v -> UpdateOrCreateTest.stamp(v, stamp)));
                        }
                    } else {
                        List<Outcome<Account>> outcomes = accounts.updateOrCreateAllByEmail(mine,
                                (email, v) -> UpdateOrCreateTest.stamp(v, stamp));
                        for (int i = 0; i < mine.size(); i++) {
                            assertThat(outcomes.get(i).entity().email()).isEqualTo(mine.get(i));
                            seen.computeIfAbsent(mine.get(i), e -> new ArrayList<>()).add(outcomes.get(i));
                        }
                    }
                    return seen;
                }));
            }
            start.countDown();
            Map<String, Integer> creators = new HashMap<>();
            for (Future<Map<String, List<Outcome<Account>>>> f : futures) {
                f.get(120, TimeUnit.SECONDS).forEach((email, outcomes) -> {
                    for (Outcome<Account> o : outcomes) {
                        UpdateOrCreateTest.assertOneStamp(o.entity());
                        assertThat(o.created() && o.updated()).isFalse();
                        creators.merge(email, o.created() ? 1 : 0, Integer::sum);
                    }
                });
            }
            for (String email : creators.keySet()) {
                assertThat(creators.get(email)).as("creators of " + email).isEqualTo(1);
                UpdateOrCreateTest.assertOneStamp(accounts.findByEmail(email).orElseThrow());
            }
            assertThat(db.count("uoc_account")).isEqualTo(creators.size());
        } finally {
            pool.shutdownNow();
            assertThat(pool.awaitTermination(60, TimeUnit.SECONDS)).isTrue();
        }
    }

    /**
     * Callers' READ COMMITTED transactions running bulk calls over the same keys in different orders take
     * their locks in one order (the database's order of the keys), so none is chosen as a deadlock victim.
     */
    @Test
    void overlappingBulkCallsInCallersTransactionsDoNotDeadlock() throws Exception {
        UpdateEntities_AccountDao accounts = new UpdateEntities_AccountDao(db.jdbi);
        accounts.createTable();
        List<String> emails = new ArrayList<>();
        for (int k = 0; k < 40; k++) {
            emails.add("order" + k + "@example.com");
        }
        ExecutorService pool = Executors.newFixedThreadPool(3);
        try {
            for (int round = 0; round < 8; round++) {
                CountDownLatch start = new CountDownLatch(1);
                List<Future<List<Outcome<Account>>>> futures = new ArrayList<>();
                for (int t = 0; t < 3; t++) {
                    int stamp = round * 10 + t + 1;
                    List<String> mine = new ArrayList<>(emails);
                    Collections.shuffle(mine, new Random(stamp));
                    futures.add(pool.submit(() -> {
                        start.await();
                        return db.jdbi.inTransaction(org.jdbi.v3.core.transaction.TransactionIsolationLevel.READ_COMMITTED,
                                h -> accounts.on(h).updateOrCreateAllByEmail(mine, (e, v) -> UpdateOrCreateTest.stamp(v, stamp)));
                    }));
                }
                start.countDown();
                for (Future<List<Outcome<Account>>> f : futures) {
                    assertThat(f.get(60, TimeUnit.SECONDS)).hasSize(emails.size());
                }
            }
            assertThat(db.count("uoc_account")).isEqualTo(emails.size());
        } finally {
            pool.shutdownNow();
            assertThat(pool.awaitTermination(60, TimeUnit.SECONDS)).isTrue();
        }
    }

    /** values that set nothing: found keys are unchanged and written to not at all, missing ones created. */
    @Test
    void valuesThatSetNothingCreateTheMissingAndLeaveTheRestAlone() {
        codes.getOrCreateByCode("there", d -> d.note("kept"));
        List<Outcome<Code>> outcomes = codes.updateOrCreateAllByCode(List.of("there", "new", "there", "new"), (k, v) -> { });
        assertThat(outcomes).extracting(Outcome::created).containsExactly(false, true, false, false);
        assertThat(outcomes).extracting(Outcome::updated).containsExactly(false, false, false, false);
        assertThat(outcomes.get(0).entity().note()).isEqualTo("kept");
        assertThat(outcomes.get(3).entity()).isEqualTo(outcomes.get(1).entity());
        assertThat(db.count("code")).isEqualTo(2);
    }

    /** A composite key, its components in a nested record: matched, updated and created as one key. */
    @Test
    void aCompositeKeyIsMatchedByAllItsComponents() {
        Entities_PostDao posts = new Entities_PostDao(db.jdbi);
        posts.createTable();
        posts.updateOrCreateByCategoryIdAndTitle(1, "A", v -> v.body("old"));
        posts.updateOrCreateByCategoryIdAndTitle(2, "A", v -> v.body("same"));
        List<Entities_PostDao.CategoryIdAndTitle> keys = List.of(new Entities_PostDao.CategoryIdAndTitle(1, "A"),
                new Entities_PostDao.CategoryIdAndTitle(2, "A"), new Entities_PostDao.CategoryIdAndTitle(1, "B"),
                new Entities_PostDao.CategoryIdAndTitle(1, "A"));
        List<Outcome<Entities.Post>> outcomes = posts.updateOrCreateAllByCategoryIdAndTitle(keys,
                (k, v) -> v.body(k.categoryId() == 2 ? "same" : "new-" + k.title()));
        assertThat(outcomes).extracting(Outcome::created).containsExactly(false, false, true, false);
        assertThat(outcomes).extracting(Outcome::updated).containsExactly(true, false, false, false);
        assertThat(outcomes).extracting(o -> o.entity().body()).containsExactly("new-A", "same", "new-B", "new-A");
        assertThat(outcomes).extracting(o -> o.entity().categoryId() + o.entity().title())
                .containsExactly("1A", "2A", "1B", "1A");
        assertThat(db.count("post")).isEqualTo(3);
    }

    /**
     * A pool of one connection: calls of more than one chunk (the key-order query, the chunks, the rounds)
     * never ask for a second connection, owned or inside a caller's transaction.
     */
    @Test
    void aPoolOfOneConnectionServesCallsOfSeveralChunks() {
        List<String> keys = new ArrayList<>();
        for (int i = 0; i < 1_500; i++) {
            keys.add("one-" + i);
        }
        try (com.zaxxer.hikari.HikariDataSource one = new com.zaxxer.hikari.HikariDataSource()) {
            one.setJdbcUrl(db.url());
            one.setMaximumPoolSize(1);
            one.setConnectionTimeout(5_000);
            Jdbi jdbi = Jdbi.create(one);
            EdgeEntities_CodeDao dao = new EdgeEntities_CodeDao(jdbi);
            assertThat(dao.getOrCreateAllByCode(keys)).allSatisfy(o -> assertThat(o.created()).isTrue());
            assertThat(dao.updateOrCreateAllByCode(keys, (k, v) -> v.note("a"))).allSatisfy(o -> assertThat(o.updated()).isTrue());
            List<Outcome<Code>> inside = jdbi.inTransaction(h -> {
                dao.on(h).getOrCreateAllByCode(keys);
                return dao.on(h).updateOrCreateAllByCode(keys, (k, v) -> v.note("b"));
            });
            assertThat(inside).allSatisfy(o -> assertThat(o.updated()).isTrue());
        }
        assertThat(db.count("code")).isEqualTo(1_500);
    }
}
