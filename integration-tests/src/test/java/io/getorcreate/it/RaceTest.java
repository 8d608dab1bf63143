package io.getorcreate.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.getorcreate.Outcome;
import io.getorcreate.it.Entities.Tag;
import java.util.ArrayList;
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
import org.jdbi.v3.core.transaction.TransactionIsolationLevel;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Promise 3 on one database: many threads released by one latch call getOrCreate for the same keys;
 * every key ends with one row, one caller told "created", every caller the same id, no exception.
 */
abstract class RaceTest {
    static final int THREADS = 16;
    static final int KEYS = 25;
    static final int ROUNDS = 3;

    TestDatabase db;
    Entities_TagDao tags;

    abstract TestDatabase.Kind kind();

    @FunctionalInterface
    interface Call {
        Outcome<Tag> getOrCreate(String name);
    }

    @BeforeEach
    void setUp() {
        db = TestDatabase.open(kind(), THREADS);
        db.drop("tag");
        tags = new Entities_TagDao(db.jdbi);
        tags.createTable();
    }

    @AfterEach
    void tearDown() {
        if (db != null) {
            db.drop("tag");
            db.close();
        }
    }

    @Test
    void plainCalls() throws Exception {
        race("plain", tags::getOrCreateByName);
    }

    @Test
    void plainCallsWithDefaults() throws Exception {
        race("defaults", name -> tags.getOrCreateByName(name, d -> {}));
    }

    @Test
    void insideCallersReadCommittedTransactions() throws Exception {
        race("rc-on", name -> db.jdbi.inTransaction(TransactionIsolationLevel.READ_COMMITTED,
                h -> tags.on(h).getOrCreateByName(name)));
    }

    @Test
    void joiningThreadsReadCommittedTransactions() throws Exception {
        race("rc-joined", name -> db.jdbi.inTransaction(TransactionIsolationLevel.READ_COMMITTED,
                h -> {
                    h.createQuery("SELECT COUNT(*) FROM " + db.quote("tag")).mapTo(Long.class).one();
                    return tags.getOrCreateByName(name, d -> {});
                }));
    }

    void race(String prefix, Call call) throws Exception {
        for (int round = 0; round < ROUNDS; round++) {
            List<String> keys = new ArrayList<>();
            for (int k = 0; k < KEYS; k++) {
                keys.add(prefix + "-" + round + "-" + k);
            }
            CountDownLatch start = new CountDownLatch(1);
            ExecutorService pool = Executors.newFixedThreadPool(THREADS);
            List<Future<List<Outcome<Tag>>>> futures = new ArrayList<>();
            try {
                for (int t = 0; t < THREADS; t++) {
                    List<String> order = new ArrayList<>(keys);
                    // Most threads in the same order, so they collide; some reversed or shuffled.
                    if (t % 4 == 1) {
                        Collections.reverse(order);
                    } else if (t % 4 == 2) {
                        Collections.shuffle(order, new Random(t));
                    }
                    futures.add(pool.submit(() -> {
                        start.await();
                        List<Outcome<Tag>> outcomes = new ArrayList<>();
                        for (String key : order) {
                            outcomes.add(call.getOrCreate(key));
                        }
                        return outcomes;
                    }));
                }
                start.countDown();
                Map<String, List<Outcome<Tag>>> byKey = new HashMap<>();
                for (Future<List<Outcome<Tag>>> f : futures) {
                    for (Outcome<Tag> o : f.get(120, TimeUnit.SECONDS)) { // an exception fails the test here
                        byKey.computeIfAbsent(o.entity().name(), k -> new ArrayList<>()).add(o);
                    }
                }
                assertThat(byKey).hasSize(KEYS);
                for (String key : keys) {
                    List<Outcome<Tag>> outcomes = byKey.get(key);
                    assertThat(outcomes).as(key).hasSize(THREADS);
                    assertThat(outcomes.stream().filter(Outcome::created).count()).as("created for " + key).isEqualTo(1);
                    assertThat(outcomes.stream().map(o -> o.entity().id()).distinct().count()).as("ids for " + key)
                            .isEqualTo(1);
                    assertThat(tags.findByName(key)).as(key).contains(outcomes.get(0).entity());
                }
            } finally {
                pool.shutdownNow();
                assertThat(pool.awaitTermination(30, TimeUnit.SECONDS)).isTrue();
            }
        }
        assertThat(db.count("tag")).isEqualTo((long) KEYS * ROUNDS);
    }
}
