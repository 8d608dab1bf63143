package io.getorcreate.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.getorcreate.IntegrityViolationException;
import io.getorcreate.Outcome;
import io.getorcreate.it.EdgeEntities.Code;
import io.getorcreate.it.Entities.Post;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
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

/** "Many keys at once": getOrCreateAll on one database. */
abstract class BulkTest {
    TestDatabase db;
    EdgeEntities_CodeDao codes;

    abstract TestDatabase.Kind kind();

    boolean is(TestDatabase.Kind kind) {
        return kind() == kind;
    }

    @BeforeEach
    void setUp() {
        db = TestDatabase.open(kind(), 12);
        db.drop("code", "post");
        db.exec("CREATE TABLE code (" + db.identity() + ", code VARCHAR(40) NOT NULL, note VARCHAR(20), "
                + "CONSTRAINT code_code_key UNIQUE (code), CONSTRAINT code_note_check CHECK (note IS NULL OR note <> 'bad'))"
                + (is(TestDatabase.Kind.MARIADB) ? " DEFAULT CHARSET=utf8mb4" : ""));
        codes = new EdgeEntities_CodeDao(db.jdbi);
    }

    @AfterEach
    void tearDown() {
        if (db != null) {
            db.drop("code", "post");
            db.close();
        }
    }

    @Test
    void outcomesAreAlignedWithTheKeysAndOnlyTheFirstOfEqualKeysIsCreated() {
        Code existing = codes.getOrCreateByCode("b").entity();
        List<Outcome<Code>> outcomes = codes.getOrCreateAllByCode(List.of("a", "b", "a", "c"));
        assertThat(outcomes).hasSize(4);
        assertThat(outcomes.get(0).created()).isTrue();
        assertThat(outcomes.get(0).entity().code()).isEqualTo("a");
        assertThat(outcomes.get(1)).isEqualTo(new Outcome<>(existing, false));
        assertThat(outcomes.get(2)).isEqualTo(new Outcome<>(outcomes.get(0).entity(), false));
        assertThat(outcomes.get(3).created()).isTrue();
        assertThat(outcomes.get(3).entity().code()).isEqualTo("c");
        assertThat(db.count("code")).isEqualTo(3);
        assertThat(codes.getOrCreateAllByCode(List.of("c", "a", "b")))
                .extracting(Outcome::created).containsExactly(false, false, false);
    }

    @Test
    void anEmptyCollectionSendsNothing() {
        // A database without the table: any statement, the schema check included, would fail.
        EdgeEntities_CodeDao nowhere = new EdgeEntities_CodeDao(Jdbi.create("jdbc:h2:mem:nothing-here"));
        assertThat(nowhere.getOrCreateAllByCode(List.of())).isEmpty();
        assertThat(nowhere.getOrCreateAllByCode(List.of(), (k, d) -> d.note("x"))).isEmpty();
    }

    @Test
    void nullsAreNamedByPositionBeforeAnyStatement() {
        assertThatThrownBy(() -> codes.getOrCreateAllByCode(null)).isInstanceOf(NullPointerException.class)
                .hasMessage("codes");
        assertThatThrownBy(() -> codes.getOrCreateAllByCode(Arrays.asList("a", "b", null)))
                .isInstanceOf(NullPointerException.class).hasMessage("codes[2]");
        Entities_PostDao posts = new Entities_PostDao(db.jdbi);
        assertThatThrownBy(() -> posts.getOrCreateAllByCategoryIdAndTitle(List.of(
                new Entities_PostDao.CategoryIdAndTitle(1, "t"), new Entities_PostDao.CategoryIdAndTitle(2, null))))
                .isInstanceOf(NullPointerException.class).hasMessage("keys[1].title");
        assertThat(db.count("code")).isZero();
    }

    @Test
    void defaultsRunOnceForEachCreatedKeyAndNeverForAFoundOne() {
        codes.getOrCreateByCode("found");
        Map<String, Integer> calls = new HashMap<>();
        List<Outcome<Code>> outcomes = codes.getOrCreateAllByCode(List.of("x", "found", "y", "x"), (key, d) -> {
            calls.merge(key, 1, Integer::sum);
            d.note("n-" + key);
        });
        assertThat(calls).containsOnly(Map.entry("x", 1), Map.entry("y", 1));
        assertThat(outcomes).extracting(o -> o.entity().note()).containsExactly("n-x", null, "n-y", "n-x");
        assertThat(outcomes).extracting(Outcome::created).containsExactly(true, false, true, false);
        assertThatThrownBy(() -> codes.getOrCreateAllByCode(List.of("z"), (key, d) -> d.code("other")))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aCallThatThrowsCreatesNothing() {
        IntegrityViolationException e = catchThrowableOfType(() -> codes.getOrCreateAllByCode(List.of("p", "q", "r"),
                (key, d) -> d.note(key.equals("r") ? "bad" : "ok")), IntegrityViolationException.class);
        assertThat(e.kind()).isIn(IntegrityViolationException.Kind.CHECK, IntegrityViolationException.Kind.OTHER);
        assertThat(db.count("code")).isZero();
        RuntimeException mine = new IllegalStateException("mine");
        assertThatThrownBy(() -> codes.getOrCreateAllByCode(List.of("p", "q"), (key, d) -> {
            if (key.equals("q")) {
                throw mine;
            }
        })).isSameAs(mine);
        assertThat(db.count("code")).isZero();
    }

    @Test
    void insideACallersTransactionAFailedCallLeavesItUsableAndHoldingNothingOfTheCall() {
        try (Handle h = db.jdbi.open()) {
            h.begin();
            codes.on(h).getOrCreateByCode("before");
            assertThatThrownBy(() -> codes.on(h).getOrCreateAllByCode(List.of("p", "q"),
                    (key, d) -> d.note(key.equals("q") ? "bad" : "ok"))).isInstanceOf(IntegrityViolationException.class);
            codes.on(h).getOrCreateByCode("after");
            h.commit();
        }
        assertThat(codes.findByCode("before")).isPresent();
        assertThat(codes.findByCode("after")).isPresent();
        assertThat(codes.findByCode("p")).isEmpty();
        assertThat(db.count("code")).isEqualTo(2);
    }

    @Test
    void manyKeysGoInChunksInsideOneCall() {
        List<String> keys = new ArrayList<>();
        for (int i = 0; i < 2_500; i++) {
            keys.add("key-" + i);
        }
        codes.getOrCreateAllByCode(keys.subList(0, 700));
        Collections.shuffle(keys, new Random(7));
        List<Outcome<Code>> outcomes = codes.getOrCreateAllByCode(keys);
        for (int i = 0; i < keys.size(); i++) {
            assertThat(outcomes.get(i).entity().code()).isEqualTo(keys.get(i));
            int n = Integer.parseInt(keys.get(i).substring(4));
            assertThat(outcomes.get(i).created()).isEqualTo(n >= 700);
        }
        assertThat(db.count("code")).isEqualTo(2_500);
    }

    @Test
    void compositeKeysTakeTheDaosKeyRecord() {
        new Entities_PostDao(db.jdbi).createTable();
        Entities_PostDao posts = new Entities_PostDao(db.jdbi);
        posts.getOrCreateByCategoryIdAndTitle(1, "one");
        List<Outcome<Post>> outcomes = posts.getOrCreateAllByCategoryIdAndTitle(List.of(
                new Entities_PostDao.CategoryIdAndTitle(1, "one"), new Entities_PostDao.CategoryIdAndTitle(1, "two"),
                new Entities_PostDao.CategoryIdAndTitle(2, "one")), (key, d) -> d.body("body of " + key.title()));
        assertThat(outcomes).extracting(Outcome::created).containsExactly(false, true, true);
        assertThat(outcomes).extracting(o -> o.entity().body()).containsExactly(null, "body of two", "body of one");
    }

    @Test
    void keysTheCollationMakesOneShareARow() {
        List<Outcome<Code>> outcomes = codes.getOrCreateAllByCode(List.of("django", "Django", "DJANGO "));
        if (is(TestDatabase.Kind.MARIADB)) {
            assertThat(outcomes).extracting(o -> o.entity().id()).containsOnly(outcomes.get(0).entity().id());
            assertThat(outcomes).extracting(Outcome::created).containsExactly(true, false, false);
            assertThat(db.count("code")).isEqualTo(1);
        } else {
            assertThat(outcomes).extracting(Outcome::created).containsExactly(true, true, true);
            assertThat(db.count("code")).isEqualTo(3);
        }
    }

    @Test
    void decimalKeysTheDatabaseMakesOneShareARowAndOnlyTheFirstIsCreated() {
        db.drop("price");
        db.exec("CREATE TABLE price (" + db.identity() + ", amount NUMERIC(12, 2) NOT NULL, label VARCHAR(20), "
                + "CONSTRAINT price_amount_key UNIQUE (amount))");
        try {
            EdgeEntities_PriceDao prices = new EdgeEntities_PriceDao(db.jdbi);
            List<BigDecimal> keys = List.of(new BigDecimal("1.5"), new BigDecimal("2"), new BigDecimal("1.50"),
                    new BigDecimal("2.0"), new BigDecimal("2.00"));
            List<Outcome<EdgeEntities.Price>> outcomes = prices.getOrCreateAllByAmount(keys);
            assertThat(outcomes).extracting(Outcome::created).containsExactly(true, true, false, false, false);
            assertThat(outcomes).extracting(o -> o.entity().id()).containsExactly(outcomes.get(0).entity().id(),
                    outcomes.get(1).entity().id(), outcomes.get(0).entity().id(), outcomes.get(1).entity().id(),
                    outcomes.get(1).entity().id());
            assertThat(db.count("price")).isEqualTo(2);
            List<Outcome<EdgeEntities.Price>> with = prices.getOrCreateAllByAmount(
                    List.of(new BigDecimal("3.0"), new BigDecimal("3"), new BigDecimal("2")), (k, d) -> d.label("l" + k));
            assertThat(with).extracting(Outcome::created).containsExactly(true, false, false);
            assertThat(with.get(1).entity()).isEqualTo(with.get(0).entity());
            assertThat(with.get(0).entity().label()).isEqualTo("l3.0");
        } finally {
            db.drop("price");
        }
    }

    @Test
    void keysWithQuotesBackslashesControlCharactersAndEmojiComeBackExactly() {
        // MariaDB sends text keys as one JSON array: nothing in a key may escape its string.
        List<String> keys = List.of("a\"b", "c\\d", "e\\\"f", "tab\there", "nl\nx", "\u0001ctl", "emoji \uD83D\uDE00",
                "[\"json\"]", "'quote'", "\\u0041", "\"}]", "A");
        List<Outcome<Code>> created = codes.getOrCreateAllByCode(keys);
        assertThat(created).extracting(o -> o.entity().code()).containsExactlyElementsOf(keys);
        assertThat(created).extracting(Outcome::created).containsOnly(true);
        List<Outcome<Code>> found = codes.getOrCreateAllByCode(keys);
        assertThat(found).extracting(Outcome::entity).containsExactlyElementsOf(created.stream().map(Outcome::entity).toList());
        assertThat(found).extracting(Outcome::created).containsOnly(false);
        assertThat(db.count("code")).isEqualTo(keys.size());
    }

    @Test
    void concurrentBulkAndSingleCallsWithOverlappingKeysGiveOneRowAndOneCreatorPerKey() throws Exception {
        int threads = 8;
        int rounds = 3;
        List<String> keys = new ArrayList<>();
        for (int i = 0; i < 60; i++) {
            keys.add("race-" + i);
        }
        Map<String, AtomicInteger> creators = new ConcurrentHashMap<>();
        Map<String, Long> ids = new ConcurrentHashMap<>();
        List<String> problems = Collections.synchronizedList(new ArrayList<>());
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            for (int round = 0; round < rounds; round++) {
                String prefix = "r" + round + "-";
                CountDownLatch start = new CountDownLatch(1);
                List<Future<?>> futures = new ArrayList<>();
                for (int t = 0; t < threads; t++) {
                    int seed = t;
                    futures.add(pool.submit(() -> {
                        List<String> mine = new ArrayList<>();
                        for (String k : keys) {
                            mine.add(prefix + k);
                        }
                        Collections.shuffle(mine, new Random(seed));
                        mine = mine.subList(0, 45);
                        start.await();
                        List<Outcome<Code>> outcomes = new ArrayList<>();
                        if (seed % 4 == 3) {
                            for (String k : mine) {
                                outcomes.add(codes.getOrCreateByCode(k));
                            }
                        } else {
                            outcomes = codes.getOrCreateAllByCode(mine);
                        }
                        for (int i = 0; i < mine.size(); i++) {
                            Outcome<Code> o = outcomes.get(i);
                            if (!o.entity().code().equals(mine.get(i))) {
                                problems.add("position " + i + " got " + o.entity().code() + " for " + mine.get(i));
                            }
                            if (o.created()) {
                                creators.computeIfAbsent(mine.get(i), k -> new AtomicInteger()).incrementAndGet();
                            }
                            Long other = ids.putIfAbsent(mine.get(i), o.entity().id());
                            if (other != null && !other.equals(o.entity().id())) {
                                problems.add("two ids for " + mine.get(i));
                            }
                        }
                        return null;
                    }));
                }
                start.countDown();
                for (Future<?> f : futures) {
                    f.get(120, TimeUnit.SECONDS);
                }
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(problems).isEmpty();
        assertThat(db.count("code")).isEqualTo(ids.size());
        assertThat(creators.keySet()).isEqualTo(ids.keySet());
        assertThat(creators.values()).allSatisfy(n -> assertThat(n.get()).isEqualTo(1));
    }

    /**
     * Calls of more than one chunk over the same keys in different orders, in callers' READ COMMITTED
     * transactions: their chunks follow the database's order of the keys, so they lock in one order
     * across chunks and none is chosen as a deadlock victim.
     */
    @Test
    void callsOfSeveralChunksInDifferentOrdersDoNotDeadlock() throws Exception {
        List<String> keys = new ArrayList<>();
        for (int k = 0; k < 1500; k++) {
            keys.add("chunked-" + k);
        }
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            for (int round = 0; round < 4; round++) {
                CountDownLatch start = new CountDownLatch(1);
                List<Future<List<Outcome<Code>>>> futures = new ArrayList<>();
                for (int t = 0; t < 2; t++) {
                    List<String> mine = new ArrayList<>(keys);
                    if (t == 1) {
                        Collections.rotate(mine, 750); // the second half first
                    }
                    if (round > 0) {
                        Collections.shuffle(mine, new Random(round * 2 + t));
                    }
                    futures.add(pool.submit(() -> {
                        start.await();
                        return db.jdbi.inTransaction(org.jdbi.v3.core.transaction.TransactionIsolationLevel.READ_COMMITTED,
                                h -> codes.on(h).getOrCreateAllByCode(mine));
                    }));
                }
                start.countDown();
                for (Future<List<Outcome<Code>>> f : futures) {
                    assertThat(f.get(120, TimeUnit.SECONDS)).hasSize(keys.size());
                }
                db.exec("DELETE FROM code");
            }
        } finally {
            pool.shutdownNow();
            assertThat(pool.awaitTermination(60, TimeUnit.SECONDS)).isTrue();
        }
    }
}
